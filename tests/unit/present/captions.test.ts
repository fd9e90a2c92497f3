/**
 * Issue 16, items 3 and 4: captions whose words match their numbers (the gradient's trend, "a
 * wall"), run names that tell runs apart, and loss/gradient axes that one diverged run does not
 * flatten.
 */
import { describe, expect, it } from 'vitest';
import { tutorialDataset } from '../../../src/model/dataset';
import { HYPER_DEFAULTS, type Hyper, type OptimiserName } from '../../../src/model/optimiserSpec';
import { costAndGradient } from '../../../src/model/costModel';
import { runOptimiser } from '../../../src/model/optimisers';
import { EXPLODE_FACTOR, KEEP_FACTORS, VANISH_FACTOR, explainGradient, gradientExtent, gradientTrend } from '../../../src/present/gradients';
import { divergedValue, lossAxis, lossValues } from '../../../src/views/lossplot';
import { runLabels, runLegendNames, runNames } from '../../../src/present/runNames';
import { WALL_COST, WALL_GRADIENT, explainRuns, wallAt } from '../../../src/present/runText';

const d = tutorialDataset();
const run = (opt: OptimiserName, hyper: Partial<Hyper> = {}) => ({ opt, hyper: { ...HYPER_DEFAULTS, ...hyper } });

describe('the gradient caption says what its factor says', () => {
  it('at the thresholds: explodes above 10, vanishes below 0.1, keeps its size only within 0.8..1.25', () => {
    expect([EXPLODE_FACTOR, VANISH_FACTOR, ...KEEP_FACTORS]).toEqual([10, 0.1, 0.8, 1.25]);
    expect(gradientTrend(10)).toBe('grows');
    expect(gradientTrend(10.01)).toBe('explodes');
    expect(gradientTrend(9.63)).toBe('grows');
    expect(gradientTrend(1.251)).toBe('grows');
    expect(gradientTrend(1.25)).toBe('keeps');
    expect(gradientTrend(1)).toBe('keeps');
    expect(gradientTrend(0.8)).toBe('keeps');
    expect(gradientTrend(0.7999)).toBe('shrinks');
    expect(gradientTrend(0.2344)).toBe('shrinks');
    expect(gradientTrend(0.1)).toBe('shrinks');
    expect(gradientTrend(0.09999)).toBe('vanishes');
    // judged on the number as written (4 digits): "10×" is never called an explosion
    expect(gradientTrend(10.00004)).toBe('grows');
    expect(gradientTrend(0.79999)).toBe('keeps'); // written 0.8
    expect(gradientTrend(Infinity)).toBe('explodes');
    expect(explainGradient(2.8e86, 10)).toContain('(∞× over 10 steps): it explodes');
  });

  it('the sentences of the issue: 9.63× grows, 0.2344× shrinks, neither "roughly keeps its size"', () => {
    const grows = explainGradient(9.63 ** 0.1, 10);
    expect(grows).toContain('it grows 9.63× over 10 steps');
    expect(grows).not.toMatch(/keeps|explodes|vanishes/);
    const shrinks = explainGradient(0.2344 ** 0.1, 10);
    expect(shrinks).toContain('it shrinks to 0.2344× over 10 steps');
    expect(shrinks).not.toMatch(/keeps|explodes|vanishes/);
    expect(explainGradient(1.02, 10)).toContain('(1.219× over 10 steps): it roughly keeps its size');
    expect(explainGradient(-0.98, 10)).toMatch(/keeps its size.*sign alternates/);
    expect(explainGradient(1.3, 1)).toContain('it grows 1.3× over 1 step.');
  });
});

describe('"a wall" only where the cost or the gradient is large', () => {
  const c0 = costAndGradient(d, 0, 0).cost;

  it('is measured against the cost of outputting 0, at its thresholds', () => {
    expect(c0).toBeCloseTo(28.35, 2);
    expect(wallAt(d, WALL_COST * c0, 0).wall).toBe(true);
    expect(wallAt(d, WALL_COST * c0 * 0.999, 0).wall).toBe(false);
    expect(wallAt(d, 0, WALL_GRADIENT * c0).wall).toBe(true);
    expect(wallAt(d, 0, WALL_GRADIENT * c0 * 0.999).wall).toBe(false);
  });

  it('is said at the tutorial start, not at (0.5, 1.2) where the cost is 2.3', () => {
    const wall = [runOptimiser(d, 'rprop', { ...HYPER_DEFAULTS }, [-1.5, 2], 500)];
    expect(explainRuns(d, wall, 1e-3)).toContain('a wall');
    expect(explainRuns(d, wall, 1e-3)).toContain('the wall cannot throw it');
    const low = [runOptimiser(d, 'rprop', { ...HYPER_DEFAULTS }, [0.5, 1.2], 500), runOptimiser(d, 'sgd', { ...HYPER_DEFAULTS, lr: 1 }, [0.5, 1.2], 50)];
    expect(low[1].diverged).not.toBeNull();
    const text = explainRuns(d, low, 1e-3);
    expect(text).toContain('the cost is 2.276');
    expect(text).not.toMatch(/wall/);
    expect(text).toContain('sgd diverged at iteration');
  });
});

describe('run names tell the runs apart', () => {
  it('the optimiser alone when it is the only run of it', () => {
    expect(runNames([run('rprop'), run('sgd', { lr: 1e-4 }), run('clip', { lr: 0.05, clip: 0.5 })])).toEqual(['rprop', 'sgd', 'clip']);
  });

  it('only the hyperparameters that differ between runs of the same optimiser', () => {
    expect(runNames([run('rprop'), run('sgd', { lr: 1e-4 }), run('sgd', { lr: 1e-3 }), run('clip', { lr: 0.05 })])).toEqual(['rprop', 'sgd (lr 1e-4)', 'sgd (lr 0.001)', 'clip']);
    expect(runNames([run('clip', { clip: 0.5 }), run('clip', { clip: 1 })])).toEqual(['clip (clip 0.5)', 'clip (clip 1)']);
    expect(runNames([run('rprop', { etaPlus: 1.2 }), run('rprop', { etaPlus: 1.5, etaMinus: 0.4 })])).toEqual(['rprop (η+ 1.2, η− 0.5)', 'rprop (η+ 1.5, η− 0.4)']);
  });

  it('enough digits to differ, and "#2" for the same settings twice', () => {
    expect(runNames([run('sgd', { lr: 1e-4 }), run('sgd', { lr: 1.0001e-4 })])).toEqual(['sgd (lr 1e-4)', 'sgd (lr 1.0001e-4)']);
    expect(runNames([run('sgd'), run('sgd'), run('sgd')])).toEqual(['sgd', 'sgd #2', 'sgd #3']);
    expect(runNames([run('sgd', { lr: 1e-4 }), run('sgd', { lr: 1e-4 }), run('sgd', { lr: 1e-3 })])).toEqual(['sgd (lr 1e-4)', 'sgd (lr 1e-4) #2', 'sgd (lr 0.001)']);
    const names = runNames([run('adam'), run('adam'), run('adam', { beta1: 0.8 }), run('rprop'), run('rprop')]);
    expect(new Set(names).size).toBe(5);
  });

  it("runs apart only by the learning rate of wRec are named by it; the legend lists lrWRec only where it differs from lr", () => {
    const a = run('sgd', { lr: 1e-4 });
    const b = { opt: 'sgd' as const, hyper: { ...run('sgd', { lr: 1e-4 }).hyper, lrWRec: 1e-5 } };
    expect(runNames([a, b])).toEqual(['sgd (lr(wRec) 1e-4)', 'sgd (lr(wRec) 1e-5)']);
    expect(runLabels([b])).toEqual(['sgd (lr 1e-4, lr(wRec) 1e-5)']);
    expect(runLabels([a])).toEqual(['sgd (lr 1e-4)']);
  });

  it('the legend adds every hyperparameter the name does not list', () => {
    expect(runLegendNames([run('rprop'), run('sgd', { lr: 1e-4 })])).toEqual([
      { name: 'rprop', details: 'Δ0 0.001, η+ 1.2, η− 0.5' },
      { name: 'sgd', details: 'lr 1e-4' },
    ]);
    expect(runLegendNames([run('sgd', { lr: 1e-4 }), run('sgd', { lr: 1e-3 })])).toEqual([
      { name: 'sgd (lr 1e-4)', details: null },
      { name: 'sgd (lr 0.001)', details: null },
    ]);
    expect(runLegendNames([run('sgd', { lr: 1e-4 }), run('sgd', { lr: 1e-3 }), run('sgd', { lr: 1e-3 })])[2]).toEqual({ name: 'sgd (lr 0.001) #2', details: null });
    expect(runLegendNames([run('sgd'), run('sgd')])[1]).toEqual({ name: 'sgd #2', details: 'lr 0.01' });
    expect(runLabels([run('sgd'), run('sgd'), run('sgd', { lr: 0.1 })])).toEqual(['sgd (lr 0.01)', 'sgd (lr 0.01) #2', 'sgd (lr 0.1)']);
  });
});

describe('one diverged run does not flatten the loss curve or the gradient plot', () => {
  const start: [number, number] = [-1.5, 2];
  const rprop = runOptimiser(d, 'rprop', { ...HYPER_DEFAULTS }, start, 500);
  const sgd = runOptimiser(d, 'sgd', { ...HYPER_DEFAULTS, lr: 1e-4 }, start, 500);
  const clip = runOptimiser(d, 'clip', { ...HYPER_DEFAULTS, lr: 0.05, clip: 0.5 }, start, 500);

  it('the axis spans the runs that did not diverge and every first cost', () => {
    expect(sgd.diverged).toBe(2);
    expect(Math.max(...sgd.costs.filter(Number.isFinite))).toBeGreaterThan(1e50);
    const [lo, hi] = lossAxis([rprop, sgd, clip]);
    expect(hi).toBe(Math.ceil(Math.log10(rprop.costs[0]))); // 6.16e5: 6
    expect(lo).toBe(Math.floor(Math.log10(Math.min(...rprop.costs, ...clip.costs))));
    // the diverged run's costs above the axis lie on its top edge
    const ys = lossValues(sgd.costs, 5, hi);
    expect(ys.slice(0, 3)).toEqual([Math.log10(sgd.costs[0]), hi, hi]);
    expect(ys.slice(3)).toEqual([null, null]);
    expect(divergedValue(sgd.costs)).toMatch(/^6\.97\de51 → ∞$/);
    // without a diverged run the axis is every cost's (the old behaviour where it was right)
    expect(lossAxis([rprop, clip])).toEqual([lo, hi]);
    // every run diverged: the first costs still make an axis
    expect(lossAxis([sgd])).toEqual([Math.floor(Math.log10(sgd.costs[0])), Math.ceil(Math.log10(sgd.costs[0]))]);
  });

  it('a diverged run does not widen the gradient axis', () => {
    const extra = [[1, -2, 3]];
    expect(gradientExtent(d, sgd, extra)).toEqual({ lo: 1, hi: 3, edgeAbove: true });
    const kept = gradientExtent(d, rprop, extra)!;
    expect(kept.edgeAbove).toBe(false);
    expect(kept.hi).toBeGreaterThan(1e5); // the run's own gradients at its start
  });
});
