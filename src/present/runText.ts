/**
 * Words about runs, generated from the computed state (no DOM): each run's name with its
 * hyperparameters, its outcome, and a caption that explains what the runs did, with numbers.
 */
import type { Dataset } from '../model/dataset';
import { HYPER_USED, isRpropFamily, type Hyper, type OptimiserName } from '../model/optimiserSpec';
import type { OptimiserRun } from '../model/optimisers';
import { costAndGradient } from '../model/costModel';
import { formatNumber, formatReadoutCost, shortNumber } from '../views/common';
import { hyperText, runNames } from './runNames';
import { t } from '../i18n';

export { shortNumber };

/** One run with every hyperparameter it uses ("clip (lr 0.05, clip 0.5)"); runNames tells runs apart. */
export function runName(opt: OptimiserName, hyper: Hyper): string {
  return `${opt} (${hyperText(hyper, HYPER_USED[opt])})`;
}

/**
 * "A wall" (SPEC section 4's cliffs) is said of a point only where the cost or the gradient is
 * large on the surface's own scale: the cost of a network that outputs 0 (wx = 0), C0 = mean t².
 * A wall: cost >= WALL_COST * C0, or |gradient| >= WALL_GRADIENT * C0 per unit of weight (a step
 * of 0.001 changes the cost by about C0). Tutorial data (C0 = 28.4): the start (-1.5, 2) has cost
 * 6.2e5 and |gradient| 5.0e6 (a wall); (0.5, 1.2) has 2.3 and 94, (1.2, 1.2) 110 and 1617 (no wall).
 */
export const WALL_COST = 100;
export const WALL_GRADIENT = 1000;

/** Whether the cost and gradient at a point make it a wall (see WALL_COST), and C0. */
export function wallAt(d: Dataset, cost: number, gradNorm: number): { wall: boolean; c0: number } {
  const c0 = costAndGradient(d, 0, 0).cost;
  if (!(c0 > 0)) return { wall: false, c0 };
  return { wall: cost >= WALL_COST * c0 || gradNorm >= WALL_GRADIENT * c0, c0 };
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
  const { wall, c0 } = wallAt(d, g.cost, norm);
  const names = runNames(runs);
  const parts = [
    t("At the start ({wx}, {wRec}) the cost is {cost} and the gradient's norm {norm}", { wx: shortNumber(wx), wRec: shortNumber(wRec), cost: formatReadoutCost(g.cost), norm: formatNumber(norm, 3) }) +
      (!wall
        ? t('.')
        : Math.abs(wRec) > 1
          ? t(' (|wRec| > 1: the cost rises like |wRec|^{power} here, a wall).', { power: 2 * (d.seqLen - 1) })
          : t(' (a wall: {factor} times the cost of outputting 0).', { factor: shortNumber(g.cost / c0) })),
  ];
  runs.forEach((run, r) => {
    const name = names[r];
    if (run.diverged !== null) {
      const first = run.weights[1];
      const step = first ? Math.hypot(first[0] - wx, first[1] - wRec) : NaN;
      parts.push(
        isRpropFamily(run.opt)
          ? t('{name} diverged at iteration {k}.', { name, k: run.diverged })
          : wall
            ? t('{name} diverged at iteration {k}: its step is the learning rate times the gradient, so its first step was {step} long, thrown off the wall.', { name, k: run.diverged, step: formatNumber(step, 3) })
            : t('{name} diverged at iteration {k}: its step is the learning rate times the gradient, and its first step was {step} long.', { name, k: run.diverged, step: formatNumber(step, 3) }),
      );
    } else {
      const k = convergedAt(run, tol);
      parts.push(
        k !== null
          ? isRpropFamily(run.opt) && wall
            ? t("{name} reached cost < {tol} at iteration {k} (steps from the gradient's sign only, so the wall cannot throw it).", { name, tol: shortNumber(tol), k })
            : t('{name} reached cost < {tol} at iteration {k}.', { name, tol: shortNumber(tol), k })
          : t('{name} ended at cost {cost} after {count} iterations without converging.', { name, cost: formatReadoutCost(run.costs[run.costs.length - 1]), count: run.costs.length - 1 }),
      );
    }
  });
  return parts.join(t(' '));
}
