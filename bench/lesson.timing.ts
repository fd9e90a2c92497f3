/**
 * The lesson's float64 work on the page (SPEC sections 10, 11): a learning-rate sweep of 65 values
 * for 6 runs from the tutorial's start within 50 ms (issue 19), and the sharpness along 6 runs.
 * Part of `npm run bench` (bench/vitest.timing.config.ts).
 */
import { expect, it } from 'vitest';
import { tutorialDataset } from '../src/model/dataset';
import { HYPER_DEFAULTS, type OptimiserName } from '../src/model/optimiserSpec';
import { runOptimiser } from '../src/model/optimisers';
import { lrSweep } from '../src/model/lesson/sweep';
import { runLesson } from '../src/model/lesson/runLesson';

const LIMIT_MS = Number(process.env.BENCH_LR_SWEEP_LIMIT_MS || 50);
const SIX: OptimiserName[] = ['rprop', 'sgd', 'clip', 'adam', 'irprop+', 'momentum'];
const specs = SIX.map((opt) => ({ opt, hyper: { ...HYPER_DEFAULTS, lrWRec: null } }));

function median(f: () => void, runs = 7): number {
  f(); // warm-up (JIT)
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    all.push(performance.now() - t0);
  }
  return all.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

it(`lr sweep: 65 values x 6 runs x 500 iterations from (-1.5, 2), float64, within ${LIMIT_MS} ms`, () => {
  const d = tutorialDataset();
  const ms = median(() => lrSweep(d, specs, [-1.5, 2], 500, 1e-3, [-8, 0], 65));
  console.log(`lr sweep 65 x 6: ${ms.toFixed(1)} ms (median of 7)`);
  expect(ms).toBeLessThanOrEqual(LIMIT_MS);
});

it('sharpness along 6 runs of 500 iterations (runs() and the sharpness panel): timed', () => {
  const d = tutorialDataset();
  const runs = specs.map((s) => runOptimiser(d, s.opt, s.hyper, [-1.5, 2], 500));
  const ms = median(() => runs.forEach((r) => runLesson(d, r)));
  console.log(`runLesson x 6 runs: ${ms.toFixed(2)} ms (median of 7)`);
  expect(ms).toBeLessThan(100);
});
