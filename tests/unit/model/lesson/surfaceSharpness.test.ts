import { describe, expect, it } from 'vitest';
import { datasetFromRows, randomDataset } from '../../../../src/model/dataset';
import { sharpnessAt, hessianAt } from '../../../../src/model/hessian';
import { pointHessian, surfaceSharpness } from '../../../../src/model/lesson/surfaceSharpness';
import { linspace } from '../../../../src/model/surface';
import { lessonFixture as fx } from '../../../lessonFixture';

const d = datasetFromRows(fx.dataset.X);
const full = { wxMin: -3, wxMax: 3, wRecMin: -3, wRecMax: 3 };

describe('sharpness on the surface by the row method (SPEC section 10)', () => {
  it("matches the fixture's 13 x 13 sharpness grid (rows = wRec) to 1e-9 in float64", () => {
    const got = surfaceSharpness(d, full, 13, new Float64Array(169));
    fx.sharpnessGrid.sharpness.flat().forEach((want, i) => {
      expect(Math.abs(got[i] - want), `cell ${i}: ${got[i]} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    });
    expect(fx.sharpnessGrid.axis).toEqual(Array.from(linspace(-3, 3, 13)));
  });

  it('equals the Hessian point by point on another data set and window, and rounds to float32 by default', () => {
    const r = randomDataset(4, 12, 15);
    const range = { wxMin: -1.2, wxMax: 2.5, wRecMin: -1.1, wRecMax: 1.3 };
    const got = surfaceSharpness(r, range, 9, new Float64Array(81));
    const f32 = surfaceSharpness(r, range, 9);
    expect(f32).toBeInstanceOf(Float32Array);
    const wx = linspace(-1.2, 2.5, 9);
    const wRec = linspace(-1.1, 1.3, 9);
    for (let row = 0; row < 9; row++)
      for (let col = 0; col < 9; col++) {
        const want = sharpnessAt(r, wx[col], wRec[row]);
        expect(Math.abs(got[row * 9 + col] - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        expect(f32[row * 9 + col]).toBe(Math.fround(got[row * 9 + col]));
      }
  });

  it("evaluate()'s Hessian and sharpness at the fixture's points, float32-rounded", () => {
    for (const p of fx.points) {
      const { hessian, sharpness } = pointHessian(d, p.wx, p.wRec);
      const h = hessianAt(d, p.wx, p.wRec);
      expect(hessian).toEqual([Math.fround(h.hxx), Math.fround(h.hxy), Math.fround(h.hyy)]);
      expect(Math.abs(sharpness - p.sharpness)).toBeLessThanOrEqual(2 ** -23 * Math.abs(p.sharpness));
    }
  });
});
