/**
 * Words about runs, generated from the computed state (no DOM): each run's name with its
 * hyperparameters, its outcome, and a caption that explains what the runs did, with numbers.
 */
import type { Dataset } from '../model/dataset';
import { HYPER_USED, isRpropFamily, type Hyper, type OptimiserName } from '../model/optimiserSpec';
import type { OptimiserRun } from '../model/optimisers';
import { costAndGradient } from '../model/optimisers';
import { formatNumber, formatReadoutCost, shortNumber } from './common';
import { N_, t } from '../i18n';

const SHORT: Record<keyof Hyper, string> = {
  delta0: 'Δ0', etaPlus: 'η+', etaMinus: 'η−', deltaMin: 'Δmin', deltaMax: 'Δmax', lr: 'lr', momentum: N_('mom.'), clip: N_('clip'), beta1: 'β1', beta2: 'β2', eps: 'ε',
};

export { shortNumber };

export function runName(opt: OptimiserName, hyper: Hyper): string {
  return `${opt} (${HYPER_USED[opt].map((h) => `${t(SHORT[h])} ${shortNumber(hyper[h])}`).join(', ')})`;
}

/** The first k with cost below tol, or null. */
export function convergedAt(run: OptimiserRun, tol: number): number | null {
  const k = run.costs.findIndex((c) => c < tol);
  return k >= 0 ? k : null;
}

export function runOutcome(run: OptimiserRun, tol: number): string {
  if (run.diverged !== null) return t('diverged at iteration {k}', { k: run.diverged });
  const k = convergedAt(run, tol);
  const final = formatReadoutCost(run.costs[run.costs.length - 1]);
  return k !== null ? t('converged at {k} (final cost {cost})', { k, cost: final }) : t('not converged: final cost {cost}', { cost: final });
}

/** What the runs did, in two or three sentences with numbers. */
export function explainRuns(d: Dataset, runs: readonly OptimiserRun[], tol: number): string {
  if (runs.length === 0) return '';
  const [wx, wRec] = runs[0].weights[0];
  const g = costAndGradient(d, wx, wRec);
  const norm = Math.hypot(g.wxGrad, g.wRecGrad);
  const parts = [
    t("At the start ({wx}, {wRec}) the cost is {cost} and the gradient's norm {norm}", { wx: shortNumber(wx), wRec: shortNumber(wRec), cost: formatReadoutCost(g.cost), norm: formatNumber(norm, 3) }) +
      (Math.abs(wRec) > 1 ? t(' (|wRec| > 1: the cost rises like |wRec|^{power} here, a wall).', { power: 2 * (d.seqLen - 1) }) : t('.')),
  ];
  for (const run of runs) {
    const name = run.opt;
    if (run.diverged !== null) {
      const first = run.weights[1];
      const step = first ? Math.hypot(first[0] - wx, first[1] - wRec) : NaN;
      parts.push(
        isRpropFamily(run.opt)
          ? t('{name} diverged at iteration {k}.', { name, k: run.diverged })
          : t('{name} diverged at iteration {k}: its step is the learning rate times the gradient, so its first step was {step} long, thrown off the wall.', { name, k: run.diverged, step: formatNumber(step, 3) }),
      );
    } else {
      const k = convergedAt(run, tol);
      parts.push(
        k !== null
          ? isRpropFamily(run.opt)
            ? t("{name} reached cost < {tol} at iteration {k} (steps from the gradient's sign only, so the wall cannot throw it).", { name, tol: shortNumber(tol), k })
            : t('{name} reached cost < {tol} at iteration {k}.', { name, tol: shortNumber(tol), k })
          : t('{name} ended at cost {cost} after {count} iterations without converging.', { name, cost: formatReadoutCost(run.costs[run.costs.length - 1]), count: run.costs.length - 1 }),
      );
    }
  }
  return parts.join(t(' '));
}
