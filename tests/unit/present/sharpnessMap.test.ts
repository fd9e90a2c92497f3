/**
 * colorBy=sharpness and the stability contour (issue 19, item 1): the log10 sharpness the map
 * and the 3D surface colour by (grey, never a number, where λmax is not positive or not finite),
 * and the line where the tutorial surface's sharpness equals 2/lr, chained and labelled.
 */
import { describe, expect, it } from 'vitest';
import { tutorialDataset } from '../../../src/model/dataset';
import { surfaceSharpness, pointHessian } from '../../../src/model/lesson/surfaceSharpness';
import { chainSegments, labelAnchor, scaleFraction, sharpnessScale, stabilityLine } from '../../../src/present/sharpnessMap';
import { linspace } from '../../../src/model/surface';

describe('the log10 sharpness scale', () => {
  it('takes log10 of positive finite values and marks the rest grey (Infinity), in whole decades around them', () => {
    const s = sharpnessScale(new Float32Array([1e-2, 3, 2.5e7, 0, -4, NaN, Infinity]));
    expect(Array.from(s.logs.slice(0, 3))).toEqual([Math.fround(-2), Math.fround(Math.log10(3)), Math.fround(Math.log10(2.5e7))]);
    expect(Array.from(s.logs.slice(3))).toEqual([Infinity, Infinity, Infinity, Infinity]);
    expect([s.bottom, s.top, s.grey]).toEqual([-2, 8, true]);
    expect(scaleFraction(s, -2)).toBe(0);
    expect(scaleFraction(s, 8)).toBe(1);
  });

  it('spans at least one decade and has no grey when every value is positive', () => {
    const s = sharpnessScale(new Float32Array([100, 100]));
    expect([s.bottom, s.top, s.grey]).toEqual([2, 3, false]);
  });
});

describe('the stability contour', () => {
  it('is a vertical line at the level on a grid whose sharpness grows tenfold per column, one chain through every row', () => {
    const res = 5;
    const v = new Float32Array(res * res);
    for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) v[r * res + c] = 10 ** c;
    const line = stabilityLine(sharpnessScale(v), res, 10 ** 2.5, 'sgd', 1e-4)!;
    expect(line.level).toBeCloseTo(2.5, 12);
    expect(line.chains).toHaveLength(1);
    const xs = line.chains[0].filter((_, i) => i % 2 === 0);
    const ys = line.chains[0].filter((_, i) => i % 2 === 1);
    xs.forEach((x) => expect(x).toBeCloseTo(2.5, 6));
    expect([...ys].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(line.label).toBe('sgd at lr 1e-4 is unstable beyond this line');
    expect(labelAnchor(line.chains)).not.toBeNull();
  });

  it('is absent without a limit (the Rprop family) and empty when the level is off the grid', () => {
    const scale = sharpnessScale(new Float32Array([1, 2, 3, 4]));
    expect(stabilityLine(scale, 2, null, 'rprop', 0.01)).toBeNull();
    expect(stabilityLine(scale, 2, 1e9, 'sgd', 2e-9)!.chains).toEqual([]);
  });

  it('on the tutorial surface at lr 1e-4 separates the cells steeper than 2/lr from the rest', () => {
    const d = tutorialDataset();
    const res = 65;
    const sharp = surfaceSharpness(d, { wxMin: -3, wxMax: 3, wRecMin: -3, wRecMax: 3 }, res);
    const line = stabilityLine(sharpnessScale(sharp), res, 2 / 1e-4, 'sgd', 1e-4)!;
    expect(line.chains.length).toBeGreaterThan(0);
    const axis = linspace(-3, 3, res);
    // along each chain, the float64 sharpness at the line's points is the limit to within the grid's interpolation
    for (const c of line.chains)
      for (let i = 0; i < c.length; i += 2) {
        const at = (g: number) => axis[0] + (g / (res - 1)) * (axis[res - 1] - axis[0]);
        const s = pointHessian(d, at(c[i]), at(c[i + 1])).sharpness;
        expect(Math.abs(Math.log10(s) - Math.log10(2e4))).toBeLessThan(0.35);
      }
    // the tutorial's start (-1.5, 2) lies beyond it (3.94e7 > 2e4)
    expect(pointHessian(d, -1.5, 2).sharpness).toBeGreaterThan(2e4);
  });
});

describe('chaining contour segments', () => {
  it('joins segments whose ends meet, in either direction, into one polyline', () => {
    const seg = [1, 0, 2, 0, 0, 0, 1, 0, 3, 1, 2, 0];
    const chains = chainSegments(seg);
    expect(chains).toHaveLength(1);
    expect(chains[0]).toEqual([0, 0, 1, 0, 2, 0, 3, 1]);
  });

  it('keeps separate pieces apart', () => {
    expect(chainSegments([0, 0, 1, 0, 5, 5, 6, 6])).toHaveLength(2);
  });
});
