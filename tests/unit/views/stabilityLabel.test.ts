import { describe, expect, it } from 'vitest';
import { keepClearOfLabels, placeStabilityLabel } from '../../../src/views/stabilityLine2d';

const plot = { x: 0, y: 0, w: 200, h: 200 };
const inside = (b: { x: number; y: number }, w: number, h: number, p: [number, number]) => p[0] >= b.x && p[0] <= b.x + w && p[1] >= b.y && p[1] <= b.y + h;

describe('the stability line label keeps clear of the points', () => {
  it('goes above right of the anchor when nothing is there', () => {
    expect(placeStabilityLabel([50, 100], 80, 30, plot, [], 8)).toEqual({ x: 58, y: 62 });
  });

  it('moves to another side when the start is under its first place', () => {
    const start: [number, number] = [90, 75];
    const b = placeStabilityLabel([50, 100], 80, 30, plot, [[...start, 10]], 8);
    expect(inside(b, 80, 30, start)).toBe(false);
    expect(b).toEqual({ x: 58, y: 108 });
  });

  it('stays inside the plot, and keeps its first place when every side is covered', () => {
    const b = placeStabilityLabel([190, 5], 80, 30, plot, [], 8);
    expect(b.x + 80).toBeLessThanOrEqual(198);
    expect(b.y).toBeGreaterThanOrEqual(2);
    const everywhere: [number, number, number][] = [];
    for (let x = 0; x <= 200; x += 10) for (let y = 0; y <= 200; y += 10) everywhere.push([x, y, 1]);
    expect(placeStabilityLabel([50, 100], 80, 30, plot, everywhere, 8)).toEqual({ x: 58, y: 62 });
  });

  it('keeps clear of the start, every run now, and the marked points, never of NaN', () => {
    const runs = [{ weights: [[0, 0], [1, 1], [2, 2]] as [number, number][] }, { weights: [[5, 5]] as [number, number][] }];
    const pts = keepClearOfLabels(runs, 1, [{ wx: 9, wRec: 9 }, { wx: NaN, wRec: 0 }], (a, b) => [a * 10, b * 10]);
    expect(pts).toEqual([[0, 0, 10], [10, 10, 10], [50, 50, 10], [90, 90, 1]]);
  });

  it('covers a marked point rather than the start when it must cover one', () => {
    // above right holds the start, below right a marked point, the left sides two marked points
    const b = placeStabilityLabel([100, 100], 60, 30, plot, [[130, 75, 10], [130, 125, 1], [70, 75, 1], [65, 78, 1], [70, 125, 1], [68, 122, 1]], 8);
    expect(b).toEqual({ x: 108, y: 108 });
  });
});
