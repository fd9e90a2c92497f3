/**
 * The atlas kernel's polynomials (src/gpu/atlas/inputs.ts): the quadratic form's C and B, and the
 * residual form's E and F (eval.wgsl, resid_eval), checked in float64 against the sum of squares
 * over the samples, and where they sit in the input buffer.
 */
import { describe, expect, it } from 'vitest';
import { atlasInputs, atlasPolynomials, datasetPart, residualPolynomials } from '../../../src/gpu/atlas/inputs';
import { randomDataset, tutorialDataset, type Dataset } from '../../../src/model/dataset';
import { HYPER_DEFAULTS } from '../../../src/model/optimiserSpec';

const horner = (c: ArrayLike<number>, from: number, count: number, r: number) => {
  let v = 0;
  for (let m = from + count - 1; m >= from; m--) v = v * r + c[m];
  return v;
};

/** N cost and its gradient over the samples: e_i = wx P_i(r) - t_i. */
function direct(d: Dataset, wx: number, r: number): [number, number, number] {
  let cost = 0;
  let gx = 0;
  let gr = 0;
  for (let i = 0; i < d.samples; i++) {
    let p = 0;
    let dp = 0;
    for (let k = 0; k < d.seqLen; k++) {
      dp = dp * r + p;
      p = p * r + d.x[i * d.seqLen + k];
    }
    const e = wx * p - d.targets[i];
    cost += e * e;
    gx += 2 * e * p;
    gr += 2 * e * wx * dp;
  }
  return [cost, gx, gr];
}

/** The residual form in float64: N cost and its gradient from C, E and F, as resid_eval has them. */
function residual(d: Dataset, wx: number, r: number): [number, number, number] {
  const n = d.seqLen;
  const { coefs } = atlasPolynomials(d);
  const ef = residualPolynomials(d)!;
  const D = 2 * n - 2;
  const h = 1e-6;
  const poly = (c: ArrayLike<number>, from: number, count: number) => [horner(c, from, count, r), (horner(c, from, count, r + h) - horner(c, from, count, r - h)) / (2 * h)];
  const [C, dC] = poly(coefs, 0, D + 1);
  const [E, dE] = poly(ef, 0, 2 * n - 2);
  const [F, dF] = poly(ef, 2 * n - 2, 2 * n - 3);
  const w = wx - 1;
  const dd = r - 1;
  return [w * w * C + 2 * w * dd * E + dd * dd * F, 2 * (w * C + dd * E), w * w * dC + 2 * w * (E + dd * dE) + 2 * dd * F + dd * dd * dF];
}

describe('the residual form (E, F)', () => {
  const sets: [string, Dataset][] = [
    ['tutorial', tutorialDataset()],
    ['random 20 x 2', randomDataset(1, 20, 2)],
    ['random 20 x 13', randomDataset(7, 20, 13)],
    ['random 5 x 40', randomDataset(3, 5, 40)],
  ];
  for (const [label, d] of sets) {
    it(`${label}: w^2 C + 2 w d E + d^2 F is the sum of squares, with its gradient`, () => {
      for (const [wx, r] of [[1, 1], [0.9, 1.02], [1.5, 0.7], [-0.3, 0.2], [2, 0], [1.0001, 0.9999]]) {
        const want = direct(d, wx, r);
        const got = residual(d, wx, r);
        const scale = Math.max(1, Math.abs(want[0]));
        expect(Math.abs(got[0] - want[0]) / scale, `${label} cost at (${wx}, ${r})`).toBeLessThan(1e-12);
        expect(Math.abs(got[1] - want[1]) / Math.max(1, Math.abs(want[1])), `${label} dC/dwx at (${wx}, ${r})`).toBeLessThan(1e-9);
        expect(Math.abs(got[2] - want[2]) / Math.max(1, Math.abs(want[2])), `${label} dC/dwRec at (${wx}, ${r})`).toBeLessThan(1e-6);
      }
    });
    it(`${label}: non-negative integers (exact in float32 here), 4n - 5 of them`, () => {
      const ef = residualPolynomials(d)!;
      expect(ef.length).toBe(4 * d.seqLen - 5);
      for (const v of ef) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeLessThan(2 ** 24);
      }
    });
  }

  it('none for one step, or where a target is not the count of its ones', () => {
    expect(residualPolynomials(randomDataset(1, 10, 1))).toBeNull();
    const d = randomDataset(2, 10, 6);
    const other: Dataset = { ...d, targets: Float64Array.from(d.targets, (t, i) => (i === 3 ? t + 0.5 : t)) };
    expect(residualPolynomials(d)).not.toBeNull();
    expect(residualPolynomials(other)).toBeNull();
  });

  it('sits after the targets in the input buffer, at offResid (0: none)', () => {
    const job = (d: Dataset) => ({ dataset: d, mode: 'starts' as const, opt: 'sgd' as const, hyper: HYPER_DEFAULTS, iterations: 10, tol: 1e-3, xAxis: Float64Array.of(0, 1), yAxis: Float64Array.of(0, 1), start: [0, 0] as [number, number] });
    const d = randomDataset(4, 8, 5);
    const { part } = datasetPart(d);
    const { inputs, offsets } = atlasInputs(job(d), HYPER_DEFAULTS, part);
    expect(offsets.offResid).toBe(offsets.offTargets + d.samples);
    expect(Array.from(inputs.subarray(offsets.offResid, offsets.offAxisX))).toEqual(Array.from(residualPolynomials(d)!));
    const one = randomDataset(4, 8, 1);
    expect(atlasInputs(job(one), HYPER_DEFAULTS, datasetPart(one).part).offsets.offResid).toBe(0);
  });
});
