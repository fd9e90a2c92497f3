import { describe, expect, it } from 'vitest';
import { contourLevels } from '../../../src/views/colormap';
import { contourSegments, contourSegmentsAll } from '../../../src/views/contours';
import { summarizeSurface } from '../../../src/model/surface';

/** mulberry32: a small seeded generator, so that the grids are the same on every run */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The reference: plain marching squares, one level at a time (the app's first implementation),
 * written out here so that the one-pass version is compared with something independent of it.
 */
function oneLevel(v: ArrayLike<number>, cols: number, rows: number, level: number): number[] {
  const out: number[] = [];
  const lerp = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const a = v[r * cols + c]; // (c, r)
      const b = v[r * cols + c + 1]; // (c+1, r)
      const d = v[(r + 1) * cols + c]; // (c, r+1)
      const e = v[(r + 1) * cols + c + 1]; // (c+1, r+1)
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(d) && Number.isFinite(e))) continue;
      const pts: number[] = [];
      // edges in order: bottom (a-b), right (b-e), top (d-e), left (a-d)
      if (a < level !== b < level) pts.push(c + lerp(a, b), r);
      if (b < level !== e < level) pts.push(c + 1, r + lerp(b, e));
      if (d < level !== e < level) pts.push(c + lerp(d, e), r + 1);
      if (a < level !== d < level) pts.push(c, r + lerp(a, d));
      if (pts.length === 4) out.push(pts[0], pts[1], pts[2], pts[3]);
      else if (pts.length === 8) {
        // saddle: pair by the centre value
        const centre = (a + b + d + e) / 4;
        if (centre < level === a < level) out.push(pts[0], pts[1], pts[2], pts[3], pts[4], pts[5], pts[6], pts[7]);
        else out.push(pts[0], pts[1], pts[6], pts[7], pts[2], pts[3], pts[4], pts[5]);
      }
    }
  }
  return out;
}

describe('contours in one pass over the cells', () => {
  it('gives one level as contourSegments does', () => {
    const res = 9;
    const logs = Float32Array.from({ length: res * res }, (_, i) => Math.hypot((i % res) - 4, Math.floor(i / res) - 4) / 3);
    for (const l of [0.5, 1, 9]) expect(contourSegments(logs, res, res, l)).toEqual(oneLevel(logs, res, res, l));
  });
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
      expect(contourSegmentsAll(logs, res, res, levels)).toEqual(levels.map((l) => oneLevel(logs, res, res, l)));
    }
  });
  it('keeps the order of the levels asked for, sorted or not', () => {
    const res = 9;
    const logs = Float32Array.from({ length: res * res }, (_, i) => Math.hypot((i % res) - 4, Math.floor(i / res) - 4) / 3);
    const levels = [1, 0.5, 1, -3, 9];
    expect(contourSegmentsAll(logs, res, res, levels)).toEqual(levels.map((l) => oneLevel(logs, res, res, l)));
  });
});
