/**
 * Words about runs, generated from the computed state (no DOM): each run's name with its
 * hyperparameters, its outcome, and a caption that explains what the runs did, with numbers.
 */
import type { Dataset } from '../model/dataset';
import { HYPER_USED, isRpropFamily, type Hyper, type OptimiserName } from '../model/optimiserSpec';
import type { OptimiserRun } from '../model/optimisers';
import { costAndGradient } from '../model/optimisers';
import { formatNumber, formatReadoutCost, shortNumber } from './common';

const SHORT: Record<keyof Hyper, string> = {
  delta0: 'Δ0', etaPlus: 'η+', etaMinus: 'η−', deltaMin: 'Δmin', deltaMax: 'Δmax', lr: 'lr', momentum: 'mom.', clip: 'clip', beta1: 'β1', beta2: 'β2', eps: 'ε',
};

export { shortNumber };

export function runName(opt: OptimiserName, hyper: Hyper): string {
  return `${opt} (${HYPER_USED[opt].map((h) => `${SHORT[h]} ${shortNumber(hyper[h])}`).join(', ')})`;
}

/** The first k with cost below tol, or null. */
export function convergedAt(run: OptimiserRun, tol: number): number | null {
  const k = run.costs.findIndex((c) => c < tol);
  return k >= 0 ? k : null;
}

export function runOutcome(run: OptimiserRun, tol: number): string {
  if (run.diverged !== null) return `diverged at iteration ${run.diverged}`;
  const k = convergedAt(run, tol);
  const final = `final cost ${formatReadoutCost(run.costs[run.costs.length - 1])}`;
  return k !== null ? `converged at ${k} (${final})` : `not converged: ${final}`;
}

/** What the runs did, in two or three sentences with numbers. */
export function explainRuns(d: Dataset, runs: readonly OptimiserRun[], tol: number): string {
  if (runs.length === 0) return '';
  const [wx, wRec] = runs[0].weights[0];
  const g = costAndGradient(d, wx, wRec);
  const norm = Math.hypot(g.wxGrad, g.wRecGrad);
  const parts = [
    `At the start (${shortNumber(wx)}, ${shortNumber(wRec)}) the cost is ${formatReadoutCost(g.cost)} and the gradient's norm ${formatNumber(norm, 3)}` +
      (Math.abs(wRec) > 1 ? ` (|wRec| > 1: the cost rises like |wRec|^${2 * (d.seqLen - 1)} here, a wall).` : '.'),
  ];
  for (const run of runs) {
    const name = run.opt;
    if (run.diverged !== null) {
      const first = run.weights[1];
      const step = first ? Math.hypot(first[0] - wx, first[1] - wRec) : NaN;
      parts.push(
        isRpropFamily(run.opt)
          ? `${name} diverged at iteration ${run.diverged}.`
          : `${name} diverged at iteration ${run.diverged}: its step is the learning rate times the gradient, so its first step was ${formatNumber(step, 3)} long, thrown off the wall.`,
      );
    } else {
      const k = convergedAt(run, tol);
      parts.push(
        k !== null
          ? `${name} reached cost < ${shortNumber(tol)} at iteration ${k}${isRpropFamily(run.opt) ? ' (steps from the gradient\'s sign only, so the wall cannot throw it)' : ''}.`
          : `${name} ended at cost ${formatReadoutCost(run.costs[run.costs.length - 1])} after ${run.costs.length - 1} iterations without converging.`,
      );
    }
  }
  return parts.join(' ');
}
