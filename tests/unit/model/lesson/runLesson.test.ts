import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../../../src/model/dataset';
import { runOptimiser, withDefaults } from '../../../../src/model/optimisers';
import { runLesson, stabilityLimit } from '../../../../src/model/lesson/runLesson';
import { FIXTURE_LR, isFixtureInfinity, lessonFixture as fx } from '../../../lessonFixture';

const d = datasetFromRows(fx.dataset.X);
const near = (a: number, e: number, scale: number) => Math.abs(a - e) <= 1e-9 * Math.max(Math.abs(scale), 1e-300);

/** A float64 value against the fixture's: 1e-9 relative to `scale`, or both beyond float64 (the fixture's 1e308). */
function expectNear(got: number, want: number, scale: number, what: string): void {
  if (isFixtureInfinity(want)) expect(Number.isFinite(got), `${what}: ${got}, want not finite`).toBe(false);
  else expect(near(got, want, scale), `${what}: ${got} vs ${want}`).toBe(true);
}

describe('sharpness along the runs (SPEC section 10) against lesson-tutorial.json', () => {
  for (const run of fx.runs) {
    const name = `${run.opt} ${JSON.stringify(run.hyper)} from (${run.start.join(', ')})`;
    it(`${name}: gradients, sharpness, stability limit${run.opt === 'adam' ? ' and preconditioned sharpness' : ''} at every iterate to 1e-9`, () => {
      const hyper = withDefaults({ lr: FIXTURE_LR, ...run.hyper });
      const r = runOptimiser(d, run.opt, hyper, run.start, run.iterations);
      expect(r.weights.length).toBe(run.weights.length);
      expect(r.diverged).toBe(run.diverged);
      const lesson = runLesson(d, r);
      expect(lesson.grads.length).toBe(run.weights.length);
      expect(lesson.sharpness.length).toBe(run.weights.length);
      for (let k = 0; k < run.grads.length; k++) {
        const [gx, gy] = run.grads[k];
        const scale = Math.max(Math.abs(gx), Math.abs(gy));
        expectNear(lesson.grads[k][0], gx, scale, `${name} grads[${k}][0]`);
        expectNear(lesson.grads[k][1], gy, scale, `${name} grads[${k}][1]`);
        expectNear(lesson.sharpness[k], run.sharpness[k], run.sharpness[k], `${name} sharpness[${k}]`);
      }
      if (run.stabilityLimit === null) expect(lesson.stabilityLimit).toBe(null);
      else expectNear(lesson.stabilityLimit!, run.stabilityLimit, run.stabilityLimit, `${name} stabilityLimit`);
      if (run.preconditionedSharpness) {
        expect(lesson.preconditionedSharpness!.length).toBe(run.preconditionedSharpness.length);
        run.preconditionedSharpness.forEach((want, k) =>
          expectNear(lesson.preconditionedSharpness![k], want, want, `${name} preconditionedSharpness[${k}]`),
        );
      } else expect(lesson.preconditionedSharpness).toBeUndefined();
    });
  }

  it('the limits: 2/lr for sgd and clip, 2(1 + momentum)/lr, 38/lr for adam at beta1 0.9, none for the Rprop family', () => {
    expect(stabilityLimit('sgd', withDefaults({ lr: 1e-4 }))).toBeCloseTo(2e4, 6);
    expect(stabilityLimit('clip', withDefaults({ lr: 0.01 }))).toBeCloseTo(200, 9);
    expect(stabilityLimit('momentum', withDefaults({ lr: 0.01, momentum: 0.5 }))).toBeCloseTo(300, 9);
    expect(stabilityLimit('adam', withDefaults({ lr: 0.01 }))).toBeCloseTo(3800, 6);
    for (const o of ['rprop', 'rprop-', 'irprop-', 'rprop+', 'irprop+'] as const) expect(stabilityLimit(o, withDefaults())).toBe(null);
  });

  it("the tutorial's lesson: sgd at lr 1e-4 starts far beyond its limit, Rprop's sharpness falls from 3.9e7 to about 1e3 in the valley", () => {
    const sgd = runLesson(d, runOptimiser(d, 'sgd', withDefaults({ lr: 1e-4 }), [-1.5, 2], 500));
    expect(sgd.sharpness[0]).toBeGreaterThan(100 * sgd.stabilityLimit!);
    const rprop = runLesson(d, runOptimiser(d, 'rprop', withDefaults(), [-1.5, 2], 500));
    expect(rprop.sharpness[0]).toBeGreaterThan(3.9e7);
    expect(rprop.sharpness[500]).toBeGreaterThan(900);
    expect(rprop.sharpness[500]).toBeLessThan(1200);
  });
});
