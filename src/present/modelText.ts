/**
 * The captions of a model other than the tutorial's linear RNN (the sigmoid unit of Pascanu et
 * al. 2013): the cliff and the plateau named where a point or a run meets them, with their
 * numbers. No DOM. The linear RNN's captions are runText.ts's and gradients.ts's.
 */
import type { Dataset } from '../model/dataset';
import type { OptimiserRun } from '../model/optimisers';
import type { CostGrad } from '../model/costModel';
import { modelOf, type ModelConfig } from '../model/models';
import { isClose, type GradientCheck } from '../model/rnn';
import { convergedAt } from './runText';
import { runNames } from './runNames';
import { formatNumber, formatReadoutCost, shortNumber } from '../views/common';
import { t } from '../i18n';

/** Below this gradient norm, with the error still high (PLATEAU_COST), a point is on the plateau. */
export const PLATEAU_GRAD = 1e-2;
export const PLATEAU_COST = 0.1;
/** Above this gradient norm, with the error not yet at its minimum (above CLIFF_COST), a point is on the cliff's face. */
export const CLIFF_GRAD = 10;
export const CLIFF_COST = 1e-3;
/** A step longer than this (in weight units) throws a run off the cliff. */
export const THROWN_STEP = 100;

export type PointKind = 'cliff' | 'plateau' | 'other';

/** Where a point is, by its error and gradient norm. */
export function pointKind(cost: number, gradNorm: number): PointKind {
  if (gradNorm > CLIFF_GRAD && cost > CLIFF_COST) return 'cliff';
  if (gradNorm < PLATEAU_GRAD && cost > PLATEAU_COST) return 'plateau';
  return 'other';
}

function costGrad(cfg: ModelConfig, d: Dataset, w0: number, w1: number): CostGrad {
  return modelOf(cfg.name).evaluator(cfg.params, d).evaluate(w0, w1, { cost: 0, wxGrad: 0, wRecGrad: 0 });
}

/** What the caption says of the error and gradient at a point, the cliff and the plateau named. */
export function explainModelPoint(cfg: ModelConfig, d: Dataset, w0: number, w1: number): string {
  const m = modelOf(cfg.name);
  const g = costGrad(cfg, d, w0, w1);
  const norm = Math.hypot(g.wxGrad, g.wRecGrad);
  const vars = { cost: m.costLabel, value: shortNumber(g.cost), norm: shortNumber(norm) };
  switch (pointKind(g.cost, norm)) {
    case 'cliff':
      return t('{cost} = {value}; the gradient is {norm} here: the cliff. A step of lr × gradient from here throws the weights far away.', vars);
    case 'plateau':
      return t('{cost} = {value}; the gradient is {norm} here: the plateau. The gradient has vanished, and steps of lr × gradient barely move.', vars);
    default:
      return t("{cost} = {value}; the gradient's norm is {norm}.", vars);
  }
}

/** The longest step of a run and its iteration (the step from k to k + 1). */
export function longestStep(run: OptimiserRun): { k: number; length: number } {
  let best = { k: 0, length: 0 };
  for (let k = 0; k + 1 < run.weights.length; k++) {
    const [a, b] = run.weights[k];
    const [c, e] = run.weights[k + 1];
    const length = Math.hypot(c - a, e - b);
    if (length > best.length) best = { k, length };
  }
  return best;
}

/** A step's length as the captions write it: 3.7e4, 0.001738 */
export function stepText(v: number): string {
  return v >= 1e4 ? v.toExponential(1).replace('e+', 'e') : shortNumber(v);
}

function firstStep(run: OptimiserRun): number {
  const [a, b] = run.weights[0];
  const next = run.weights[1] ?? run.weights[0];
  return Math.hypot(next[0] - a, next[1] - b);
}

/** The runs' caption: the start, then per run whether it was thrown by the cliff, stayed on the plateau or converged. */
export function explainModelRuns(cfg: ModelConfig, d: Dataset, runs: readonly OptimiserRun[], tol: number): string {
  if (runs.length === 0) return '';
  const m = modelOf(cfg.name);
  const [w0, w1] = runs[0].weights[0];
  const parts = [t('At the start ({w0}, {w1}): {point}', { w0: shortNumber(w0), w1: shortNumber(w1), point: explainModelPoint(cfg, d, w0, w1) })];
  const names = runNames(runs);
  const g0 = costGrad(cfg, d, w0, w1);
  const onPlateau = pointKind(g0.cost, Math.hypot(g0.wxGrad, g0.wRecGrad)) === 'plateau';
  runs.forEach((run, r) => {
    const name = names[r];
    const thrown = longestStep(run);
    const last = run.weights[run.weights.length - 1];
    const end = costGrad(cfg, d, last[0], last[1]);
    const conv = convergedAt(run, tol);
    const vars = { name, cost: m.costLabel, value: shortNumber(end.cost), norm: shortNumber(Math.hypot(end.wxGrad, end.wRecGrad)) };
    if (run.diverged !== null) parts.push(t('{name} diverged at iteration {k}.', { name, k: run.diverged }));
    else if (thrown.length > THROWN_STEP) parts.push(t('{name} was thrown by a step of {step} at iteration {k}: the cliff; it ends at {cost} = {value}.', { ...vars, step: stepText(thrown.length), k: thrown.k }));
    else if (conv !== null) parts.push(t('{name} converged at iteration {k}.', { name, k: conv }));
    else if (onPlateau) parts.push(t('{name} crawls on the plateau: its first step is {step} long; after {n} iterations {cost} = {value}.', { ...vars, step: stepText(firstStep(run)), n: run.weights.length - 1 }));
    else parts.push(t('{name} ends at {cost} = {value}.', vars));
  });
  return parts.join(' ');
}

/** The gradient check (central differences, eps 1e-7) at a point of the model. */
export function modelCheckAt(cfg: ModelConfig, d: Dataset, a: number, b: number, eps = 1e-7): GradientCheck {
  const c = (x: number, y: number) => costGrad(cfg, d, x, y).cost;
  const numerical: [number, number] = [(c(a + eps, b) - c(a - eps, b)) / (2 * eps), (c(a, b + eps) - c(a, b - eps)) / (2 * eps)];
  const bp = modelOf(cfg.name).evaluatePoint(cfg.params, d, a, b);
  return { at: [a, b], eps, numerical, backprop: [bp.wxGrad, bp.wRecGrad], pass: isClose(numerical[0], bp.wxGrad) && isClose(numerical[1], bp.wRecGrad) };
}

/** The note under the check: the model's own check at its point (the tutorial's at (1.2, 1.2)). */
export function modelCheckNote(cfg: ModelConfig, pass: boolean): string {
  if (cfg.name === 'linear') return pass ? t("the tutorial's check at (1.2, 1.2): pass") : t("the tutorial's check at (1.2, 1.2): FAIL");
  const [a, b] = modelOf(cfg.name).gradientCheckAt(cfg.params);
  return pass ? t("the model's check at ({a}, {b}): pass", { a, b }) : t("the model's check at ({a}, {b}): FAIL", { a, b });
}

/** The hover readout of a point: its weights and cost, by the model's names. */
export function pointReadout(cfg: ModelConfig, d: Dataset, w0: number, w1: number): string {
  const m = modelOf(cfg.name);
  const cost = formatReadoutCost(costGrad(cfg, d, w0, w1).cost);
  if (cfg.name === 'linear') return t('wx {wx}  wRec {wRec}  cost {cost}', { wx: formatNumber(w0, 4), wRec: formatNumber(w1, 4), cost });
  const [n0, n1] = m.weights;
  return `${n0} ${formatNumber(w0, 4)}  ${n1} ${formatNumber(w1, 4)}  ${m.costLabel} ${cost}`;
}
