import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../../src/model/dataset';
import { hessianAt, sharpnessAt, stableLearningRate, symmetricEigenvalues } from '../../../src/model/hessian';
import { defaultAtlasLrRange } from '../../../src/model/atlas';

interface LessonFixture {
  dataset: { X: number[][]; t: number[] };
  points: { wx: number; wRec: number; hessian: [number, number, number]; sharpness: number; lambdaMin: number }[];
  sharpnessGrid: { axis: number[]; sharpness: number[][] };
}
const here = dirname(fileURLToPath(import.meta.url));
const fx: LessonFixture = JSON.parse(readFileSync(join(here, '..', '..', 'fixtures', 'lesson-tutorial.json'), 'utf8'));
const d = datasetFromRows(fx.dataset.X);

/** |a - e| <= 1e-9 |scale| */
const near = (a: number, e: number, scale: number) => Math.abs(a - e) <= 1e-9 * Math.abs(scale);

describe('the Hessian and sharpness against lesson-tutorial.json (SPEC section 10)', () => {
  it('matches every point to 1e-9, the Hessian entries and both eigenvalues', () => {
    for (const p of fx.points) {
      const h = hessianAt(d, p.wx, p.wRec);
      const scale = Math.max(Math.abs(p.hessian[0]), Math.abs(p.hessian[1]), Math.abs(p.hessian[2]));
      const where = `(${p.wx}, ${p.wRec})`;
      expect(near(h.hxx, p.hessian[0], scale), `${where} Hxx ${h.hxx} vs ${p.hessian[0]}`).toBe(true);
      expect(near(h.hxy, p.hessian[1], scale), `${where} Hxy ${h.hxy} vs ${p.hessian[1]}`).toBe(true);
      expect(near(h.hyy, p.hessian[2], scale), `${where} Hyy ${h.hyy} vs ${p.hessian[2]}`).toBe(true);
      const [hi, lo] = symmetricEigenvalues(h);
      expect(near(hi, p.sharpness, p.sharpness), `${where} sharpness ${hi} vs ${p.sharpness}`).toBe(true);
      expect(near(lo, p.lambdaMin, p.sharpness), `${where} lambdaMin ${lo} vs ${p.lambdaMin}`).toBe(true);
      expect(sharpnessAt(d, p.wx, p.wRec)).toBe(hi);
    }
  });

  it('matches the 13 x 13 sharpness grid (rows = wRec) to 1e-9 relative', () => {
    const axis = fx.sharpnessGrid.axis;
    let checked = 0;
    for (let row = 0; row < axis.length; row++)
      for (let col = 0; col < axis.length; col++) {
        const want = fx.sharpnessGrid.sharpness[row][col];
        if (!(Math.abs(want) < 1e300)) continue;
        const got = sharpnessAt(d, axis[col], axis[row]);
        expect(near(got, want, Math.max(1, Math.abs(want))), `(${axis[col]}, ${axis[row]}): ${got} vs ${want}`).toBe(true);
        checked++;
      }
    expect(checked).toBe(169);
  });

  it("the tutorial's start: sharpness 3.94e7, a stable learning rate below 5.1e-8; (1, 1): 1051 and 1.83", () => {
    expect(sharpnessAt(d, -1.5, 2)).toBeCloseTo(3.938e7, -5);
    expect(stableLearningRate(d, -1.5, 2)).toBeCloseTo(5.08e-8, 9);
    const [hi, lo] = symmetricEigenvalues(hessianAt(d, 1, 1));
    expect(hi).toBeCloseTo(1051.17, 2);
    expect(lo).toBeCloseTo(1.8277, 4);
  });

  it('the default atlasRange is log10(2 / sharpness) at the start, two decades each way (centre rounded to 0.1 decade)', () => {
    const [a, b, c, e] = defaultAtlasLrRange(d, [-1.5, 2]);
    const centre = Math.log10(2 / 39383035.681494385);
    for (const [v, want] of [[a, centre - 2], [b, centre + 2], [c, centre - 2], [e, centre + 2]]) expect(Math.abs(v - want)).toBeLessThanOrEqual(0.05 + 1e-9);
    // at (1, 1) the stable rate is 2 / 1051 = 1.9e-3: the window moves with the start
    const [a1, b1] = defaultAtlasLrRange(d, [1, 1]);
    expect(Math.abs((a1 + b1) / 2 - Math.log10(2 / 1051.172278665454))).toBeLessThanOrEqual(0.05 + 1e-9);
  });
});
