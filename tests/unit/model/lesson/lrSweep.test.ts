import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../../../src/model/dataset';
import { withDefaults } from '../../../../src/model/optimisers';
import { lrSweep, lrSweepRun, sweepValues } from '../../../../src/model/lesson/sweep';
import { HYPER_DEFAULTS, type OptimiserName, type RunHyper } from '../../../../src/model/optimiserSpec';
import { lessonFixture as fx, FIXTURE_LR } from '../../../lessonFixture';

const d = datasetFromRows(fx.dataset.X);
const spec = (opt: OptimiserName, hyper: Partial<RunHyper> = {}) => ({ opt, hyper: { ...withDefaults({ lr: FIXTURE_LR }), lrWRec: null, ...hyper } });
const lrCases = fx.sweeps.flatMap((s) => (s.kind === 'lr' ? [s] : []));

describe('the learning-rate sweep (SPEC section 11) against lesson-tutorial.json', () => {
  for (const c of lrCases) {
    it(`${c.opt}: ${c.sweepRes} values of ${c.param} over 10^[${c.sweepRange}], outcomes exact, final costs to 1e-9`, () => {
      const x = sweepValues(c.sweepRange, c.sweepRes);
      // 10^e in JS and in numpy may differ by one ulp (10^-4: JS 0.00009999999999999999)
      x.forEach((v, i) => expect(Math.abs(v - c.x[i]), `x[${i}] ${v} vs ${c.x[i]}`).toBeLessThanOrEqual(2.3e-16 * c.x[i]));
      const r = lrSweepRun(d, spec(c.opt, c.hyper), c.start, c.iterations, c.tol, x);
      expect(r.param).toBe(c.param);
      expect(Array.from(r.divergedAt)).toEqual(c.divergedAt);
      expect(Array.from(r.convergedAt)).toEqual(c.convergedAt);
      c.finalCost.forEach((want, i) => {
        const got = r.finalCost[i];
        if (want >= 1e308) expect(got, `finalCost[${i}]`).toBe(Infinity);
        // Rprop near the minimum: costs of 1e-6 after 500 sign steps, compared in absolute terms
        else expect(Math.abs(got - want), `finalCost[${i}] ${got} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(want), 1e-3));
      });
      if (c.limit === null) expect(r.limit).toBe(null);
      else expect(Math.abs(r.limit! - c.limit)).toBeLessThanOrEqual(1e-9 * c.limit);
    });
  }

  it("the lesson: no lr of sgd converges from the tutorial's start, every delta0 from 1e-8 to 1 takes Rprop to cost ~1e-6 (converged, below 2e-5)", () => {
    const s = lrSweep(d, [spec('sgd'), spec('rprop')], [-1.5, 2], 500, 1e-3, [-8, 0], 65);
    expect(s.x.length).toBe(65);
    expect(s.x[0]).toBe(1e-8);
    expect(s.x[64]).toBe(1);
    const [sgd, rprop] = s.runs;
    expect(sgd.opt).toBe('sgd');
    expect(Array.from(sgd.convergedAt).every((k) => k < 0)).toBe(true);
    expect(Array.from(sgd.divergedAt).some((k) => k >= 0)).toBe(true);
    expect(Array.from(rprop.finalCost).every((c) => c < 2e-5)).toBe(true);
    expect(Array.from(rprop.convergedAt).every((k) => k >= 0)).toBe(true);
    expect(rprop.limit).toBe(null);
  });

  it("lrWRec keeps its ratio to lr across the sweep (null: the same rate for both weights)", () => {
    const x = sweepValues([-6, -3], 4);
    const same = lrSweepRun(d, spec('sgd', { lrWRec: null }), [0.5, 0.5], 100, 1e-3, x);
    const ratio1 = lrSweepRun(d, spec('sgd', { lr: 0.01, lrWRec: 0.01 }), [0.5, 0.5], 100, 1e-3, x);
    expect(Array.from(ratio1.finalCost)).toEqual(Array.from(same.finalCost));
    const slowWRec = lrSweepRun(d, spec('sgd', { lr: 0.01, lrWRec: 0.0001 }), [0.5, 0.5], 100, 1e-3, x);
    expect(slowWRec.finalCost[3]).not.toBe(same.finalCost[3]);
  });

  it('delta0 is the Rprop family\'s knob: its other hyperparameters stay the run\'s', () => {
    const x = sweepValues([-3, -1], 3);
    const a = lrSweepRun(d, spec('rprop-', { etaPlus: 1.5 }), [-1.5, 2], 200, 1e-3, x);
    const b = lrSweepRun(d, spec('rprop-'), [-1.5, 2], 200, 1e-3, x);
    expect(a.param).toBe('delta0');
    expect(Array.from(a.finalCost)).not.toEqual(Array.from(b.finalCost));
    expect(HYPER_DEFAULTS.etaPlus).toBe(1.2);
  });
});
