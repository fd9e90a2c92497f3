/** The learning-rate sweep on Pascanu's sigmoid unit: each value's run is the model's own run, and the limit is 2 / its sharpness. */
import { describe, expect, it } from 'vitest';
import { lrSweepRun, sweepValues } from '../../../../src/model/lesson/sweep';
import { modelConfig, modelOf, modelSharpness } from '../../../../src/model/models';
import { runOptimiser } from '../../../../src/model/optimisers';
import { HYPER_DEFAULTS } from '../../../../src/model/optimiserSpec';
import { tutorialDataset } from '../../../../src/model/dataset';

describe('the learning-rate sweep on the sigmoid unit', () => {
  const d = tutorialDataset();
  const m = modelOf('sigmoid');
  const cfg = modelConfig('sigmoid', {});
  const model = { evaluator: m.evaluator(cfg.params, d), sharpness: (a: number, b: number) => modelSharpness(m, cfg.params, d, a, b) };
  const start: [number, number] = [6.5, -3.2];

  it("runs each learning rate on the model's cost (sgd lr 0.5 from the cliff's start ends where runOptimiser's run ends)", () => {
    const x = sweepValues([-2, 0], 5);
    let compared = 0;
    const sweep = lrSweepRun(d, { opt: 'sgd', hyper: { ...HYPER_DEFAULTS, lrWRec: null } }, start, 200, 1e-3, x, model);
    for (let i = 0; i < x.length; i++) {
      const run = runOptimiser(model.evaluator, 'sgd', { ...HYPER_DEFAULTS, lr: x[i] }, start, 200);
      // the sweep's cell stops where it converges
      const k = sweep.convergedAt[i] >= 0 ? sweep.convergedAt[i] : run.costs.length - 1;
      // runs thrown by the cliff are chaotic after the throw (SPEC section 12's chaoticAfter): compared before it only
      const thrown = run.weights.some((w, j) => j > 0 && Math.hypot(w[0] - run.weights[j - 1][0], w[1] - run.weights[j - 1][1]) > 1);
      if (!thrown) {
        expect(sweep.finalCost[i]).toBeCloseTo(run.costs[k], 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
    expect(sweep.limit).toBeCloseTo(2 / modelSharpness(m, cfg.params, d, ...start), 9);
  });

  it("differs from the linear RNN's sweep on the same data (the model is used, not the data set's RNN)", () => {
    const x = sweepValues([-2, 0], 3);
    const sig = lrSweepRun(d, { opt: 'sgd', hyper: { ...HYPER_DEFAULTS, lrWRec: null } }, start, 50, 1e-3, x, model);
    const lin = lrSweepRun(d, { opt: 'sgd', hyper: { ...HYPER_DEFAULTS, lrWRec: null } }, start, 50, 1e-3, x);
    expect(Array.from(sig.finalCost)).not.toEqual(Array.from(lin.finalCost));
    expect(Math.max(...sig.finalCost)).toBeLessThan(0.5);
  });
});
