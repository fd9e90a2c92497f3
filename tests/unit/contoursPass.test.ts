import { describe, expect, it } from 'vitest';
import { contourLevels } from '../../src/views/colormap';
import { contourSegments, contourSegmentsAll } from '../../src/views/contours';
import { summarizeSurface } from '../../src/model/surface';

/** mulberry32: a small seeded generator, so that the grids are the same on every run */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('contours in one pass over the cells', () => {
  it('gives exactly the segments of one pass per level, in the same order', () => {
    const levels = contourLevels();
    const rand = rng(7);
    for (const res of [2, 3, 17, 64]) {
      // log costs of a cost surface with walls, ties at the levels, saddles and overflow
      const cost = Float32Array.from({ length: res * res }, (_, i) => {
        const x = (i % res) / (res - 1) - 0.5;
        const y = Math.floor(i / res) / (res - 1) - 0.5;
        const u = rand();
        if (u < 0.03) return Infinity;
        if (u < 0.06) return 10 ** levels[Math.floor(rand() * levels.length)] - 1;
        return 10 ** (8 * Math.abs(x * y) * 4 + 3 * Math.sin(9 * x) * Math.cos(7 * y) + 2 * rand()) - 0.9;
      });
      const { logs } = summarizeSurface(cost);
      expect(contourSegmentsAll(logs, res, res, levels)).toEqual(levels.map((l) => contourSegments(logs, res, res, l)));
    }
  });
  it('keeps the order of the levels asked for, sorted or not', () => {
    const res = 9;
    const logs = Float32Array.from({ length: res * res }, (_, i) => Math.hypot((i % res) - 4, Math.floor(i / res) - 4) / 3);
    const levels = [1, 0.5, 1, -3, 9];
    expect(contourSegmentsAll(logs, res, res, levels)).toEqual(levels.map((l) => contourSegments(logs, res, res, l)));
  });
});
