/**
 * The gradient over time as the views show it, computed from the state (no DOM): the series at
 * an iteration (the six marked points, the start, the current point), one axis scale per run,
 * and the caption's words on the factor |wRec|^n. The gradient plot only draws these.
 */
import type { EngineState } from '../engine';
import type { Dataset } from '../model/dataset';
import { evaluatePoint } from '../model/rnn';
import type { GradSeries, GradientScale } from '../views/gradplot';
import { shortNumber } from '../views/common';
import { modelOf } from '../model/models';
import { presentModel } from './modelView';
import { THEME } from './theme';
import { t } from '../i18n';

/**
 * What the caption says of the factor |wRec|^n by which the gradient changes over the n steps
 * back through the sequence, judged on the factor as written (4 significant digits), so that
 * the words never contradict the number: above EXPLODE_FACTOR "explodes", below VANISH_FACTOR
 * "vanishes", within KEEP_FACTORS (ends included) "roughly keeps its size", else "grows" or
 * "shrinks to" that factor.
 */
export const EXPLODE_FACTOR = 10;
export const VANISH_FACTOR = 0.1;
export const KEEP_FACTORS: readonly [number, number] = [0.8, 1.25];

export type GradientTrend = 'explodes' | 'grows' | 'keeps' | 'shrinks' | 'vanishes';

/** A factor as the caption writes it: 4 significant digits (9.634, 0.2344, 1024, 1.125e5). */
export function factorText(v: number): string {
  return v === Infinity ? '∞' : shortNumber(v);
}

/** What the caption says of a factor over the whole sequence (see EXPLODE_FACTOR). */
export function gradientTrend(total: number): GradientTrend {
  const shown = Number.isFinite(total) ? Number(factorText(total)) : total;
  if (shown > EXPLODE_FACTOR) return 'explodes';
  if (shown < VANISH_FACTOR) return 'vanishes';
  if (shown > KEEP_FACTORS[1]) return 'grows';
  if (shown < KEEP_FACTORS[0]) return 'shrinks';
  return 'keeps';
}

/** One or two sentences on what the plot shows at wRec, for the caption. */
export function explainGradient(wRec: number, seqLen: number): string {
  const a = Math.abs(wRec);
  const total = a ** seqLen;
  const sign = wRec < 0 ? t(' wRec < 0, so its sign alternates at every step.') : '';
  if (a < 1e-9) return t('wRec = 0: nothing flows back; the gradient is zero at every step before the last.');
  const per = shortNumber(a);
  const factor = factorText(total);
  const over = seqLen === 1 ? t('{factor}× over 1 step', { factor }) : t('{factor}× over {n} steps', { factor, n: seqLen });
  switch (gradientTrend(total)) {
    case 'explodes':
      return t('|wRec| = {per} > 1: the gradient grows {per}× per step back in time ({over}): it explodes.', { per, over }) + sign;
    case 'vanishes':
      return t('|wRec| = {per} < 1: the gradient shrinks to {per}× per step back in time ({over}): it vanishes.', { per, over }) + sign;
    case 'grows':
      return t('|wRec| = {per} > 1: the gradient grows {per}× per step back in time: it grows {over}.', { per, over }) + sign;
    case 'shrinks':
      return t('|wRec| = {per} < 1: the gradient shrinks to {per}× per step back in time: it shrinks to {over}.', { per, over }) + sign;
    default:
      return t('|wRec| = {per}: the gradient changes by {per}× per step back in time ({over}): it roughly keeps its size.', { per, over }) + sign;
  }
}

/**
 * The smallest and largest non-zero |dC/dS_k| along a run (every iteration, or up to `samples`
 * of them evenly spaced, first and last included) and in `extra` series, for one axis scale
 * that does not change while the run plays. A diverged run's iterates do not count (their
 * gradients would squeeze every other series flat): the plot draws them on its edge.
 */
export function gradientExtent(
  d: Dataset,
  run: { readonly weights: readonly (readonly [number, number])[]; readonly diverged: number | null },
  extra: readonly (readonly number[])[],
  samples = 400,
  gradOverTime: (w0: number, w1: number) => ArrayLike<number> = (a, b) => evaluatePoint(d, a, b).gradOverTime,
): GradientScale | null {
  let lo = Infinity;
  let hi = 0;
  const take = (v: number) => {
    if (Number.isFinite(v) && v !== 0) {
      lo = Math.min(lo, Math.abs(v));
      hi = Math.max(hi, Math.abs(v));
    }
  };
  for (const series of extra) series.forEach(take);
  if (run.diverged !== null) return hi > 0 ? { lo, hi, edgeAbove: true } : null;
  const weights = run.weights;
  // the run's part depends on the run and the data set alone: kept with the run (a new surface
  // or a new iteration shown does not evaluate the run again)
  let along = runExtents.get(weights);
  if (!along || along.d !== d || along.samples !== samples) {
    const before = [lo, hi];
    lo = Infinity;
    hi = 0;
    const n = weights.length;
    const count = Math.min(n, samples);
    for (let i = 0; i < count; i++) {
      const k = count === 1 ? 0 : Math.round((i * (n - 1)) / (count - 1));
      Array.prototype.forEach.call(gradOverTime(weights[k][0], weights[k][1]), take);
    }
    along = { d, samples, lo, hi };
    runExtents.set(weights, along);
    [lo, hi] = before;
  }
  lo = Math.min(lo, along.lo);
  hi = Math.max(hi, along.hi);
  return hi > 0 ? { lo, hi, edgeAbove: false } : null;
}

const runExtents = new WeakMap<object, { d: Dataset; samples: number; lo: number; hi: number }>();

/**
 * What the plot shows at iteration k: the six marked points (from the backend, cached per data
 * set), the start and the current point (from the float64 model, so that dragging needs no GPU
 * round trip per move).
 */
export function gradSeriesAt(s: EngineState, k: number): GradSeries[] {
  const main = s.runs[0];
  const [wx, wRec] = main.weights[Math.min(k, main.weights.length - 1)];
  const points = presentModel(s.params).points;
  const series: GradSeries[] = points.map((p, i) => ({ label: p.label, css: p.css, values: s.markedGrads[i].gradOverTime }));
  const [sx, sr] = main.weights[0];
  const grad = modelGradOverTime(s);
  series.push({ label: t('start'), css: THEME.marker, values: Array.from(grad(sx, sr)) });
  series.push({ label: t('now (it. {k})', { k }), css: THEME.current, values: Array.from(grad(wx, wRec)), emphasis: true });
  return series;
}

/** The gradient over time at a point of the state's model (the linear RNN: on its data set). */
export function modelGradOverTime(s: Pick<EngineState, 'model' | 'dataset'>): (w0: number, w1: number) => ArrayLike<number> {
  const model = modelOf(s.model.name);
  return (a, b) => model.evaluatePoint(s.model.params, s.dataset, a, b).gradOverTime;
}
