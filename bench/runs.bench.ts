/**
 * Dragging the start recomputes every run: the main run and 5 compared runs of 500 iterations,
 * in float64, must fit one 60 Hz frame (16 ms). Also 100 samples of length 50, and the float64
 * atlas (what the CPU backend's worker does per cell). Run by `npm run bench` (vitest bench).
 */
import { bench, describe } from 'vitest';
import { randomDataset, tutorialDataset } from '../src/model/dataset';
import { HYPER_DEFAULTS, type OptimiserName } from '../src/model/optimiserSpec';
import { runOptimiser } from '../src/model/optimisers';

const SIX: OptimiserName[] = ['rprop', 'sgd', 'clip', 'adam', 'irprop+', 'momentum'];
const lr = { sgd: 1e-4, clip: 0.05, adam: 0.01, momentum: 1e-4 } as Record<string, number>;
let drag = 0;

function sixRuns(d: ReturnType<typeof tutorialDataset>): void {
  // A slightly different start each time, as while dragging.
  drag = (drag + 1) % 100;
  const start: [number, number] = [-1.5 + drag * 1e-3, 2 - drag * 1e-3];
  for (const opt of SIX) runOptimiser(d, opt, { ...HYPER_DEFAULTS, lr: lr[opt] ?? 0.01 }, start, 500);
}

describe('a drag move: main run + 5 compared runs, 500 iterations each', () => {
  const tutorial = tutorialDataset();
  const big = randomDataset(1, 100, 50);
  bench('tutorial data (20 x 10)', () => sixRuns(tutorial), { time: 2000 });
  bench('100 samples x 50 steps', () => sixRuns(big), { time: 2000 });
});
