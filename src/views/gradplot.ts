/**
 * The gradient-over-time plot (the tutorial's figure 2): gradOverTime[k] = dC/dS_k summed over
 * samples, against the timestep k, on a symmetric-log y axis, so that explosion (|wRec| > 1),
 * vanishing (|wRec| < 1) and sign alternation (wRec < 0) all show on one plot.
 */
import { Canvas2DView, crossPath } from './canvas2d';
import type { EngineState } from '../engine';
import type { Dataset } from '../model/dataset';
import { evaluatePoint } from '../model/rnn';
import { TUTORIAL_POINTS, shortNumber, symlog } from './common';
import { t } from '../i18n';

export interface GradSeries {
  label: string;
  css: string;
  values: number[];
  /** drawn thicker, on top */
  emphasis?: boolean;
}

/** The gradient axis for a whole run: [lo, hi] of |dC/dS_k|; edgeAbove: larger values go on the edge (a diverged run). */
export interface GradientScale {
  lo: number;
  hi: number;
  edgeAbove: boolean;
}

const PAD = { left: 64, right: 14, top: 30, bottom: 44 };

/** A × of half-size r at (x, y), in the current stroke style. */
function crossAt(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.save();
  ctx.lineWidth = 2.5;
  crossPath(ctx, x, y, r);
  ctx.stroke();
  ctx.restore();
}

export class GradientPlot extends Canvas2DView {
  private series: GradSeries[] = [];

  constructor(container: HTMLElement | null) {
    super(container, 'gradplot');
  }

  setSeries(series: GradSeries[]): void {
    this.series = series;
  }

  /** one axis extent for the whole run (gradientExtent; null: from the series shown) */
  private axisScale: GradientScale | null = null;

  setScale(scale: GradientScale | null): void {
    this.axisScale = scale;
  }

  draw(): void {
    const ctx = this.begin();
    ctx.fillStyle = '#10141b';
    ctx.fillRect(0, 0, this.width, this.height);
    const n = Math.max(1, ...this.series.map((s) => s.values.length - 1));
    // One scale for the whole run (setScale), widened if a value falls outside it, except above
    // a diverged run's scale: those values are drawn on the edge, marked (drawSeries).
    const fixedTop = this.axisScale?.edgeAbove === true;
    let maxAbs = this.axisScale ? this.axisScale.hi : 0;
    let minAbs = this.axisScale ? this.axisScale.lo : Infinity;
    for (const s of this.series)
      for (const v of s.values)
        if (Number.isFinite(v) && v !== 0) {
          if (!fixedTop) maxAbs = Math.max(maxAbs, Math.abs(v));
          minAbs = Math.min(minAbs, Math.abs(v));
        }
    // Linear only below the smallest gradient shown (at most 15 decades under the largest), so
    // that every non-zero gradient, vanished or exploded, is on the log part of the axis.
    const lin = Math.max(Number.isFinite(minAbs) ? minAbs / 2 : 1e-12, maxAbs * 1e-15, 1e-300);
    const yMax = symlog(Math.max(maxAbs, lin * 10), lin) * 1.05;
    const k = this.textScale;
    // the legend as wide as its longest label's ink needs (measured: a Chinese label is wider), at least 150 px
    ctx.font = this.font(13);
    const widest = Math.max(0, ...this.series.map((s) => ctx.measureText(s.label).actualBoundingBoxRight));
    const legendW = Math.max(150 * k, Math.ceil(widest + 18 + 18 * k - PAD.right * k) + 1);
    const r = { x: PAD.left * k, y: PAD.top * k, w: Math.max(8, this.width - k * (PAD.left + PAD.right) - legendW), h: Math.max(8, this.height - k * (PAD.top + PAD.bottom)) };
    const px = (k: number) => r.x + (k / n) * r.w;
    const py = (v: number) => {
      const s = Number.isFinite(v) ? symlog(v, lin) : Math.sign(v) * yMax;
      return r.y + r.h / 2 - (s / yMax) * (r.h / 2);
    };
    // a value beyond the axis (or not finite) is drawn on its edge
    const beyond = (v: number) => !Number.isNaN(v) && !(Math.abs(v) <= maxAbs);
    const pyData = (v: number) => py(beyond(v) ? Math.sign(v) * Infinity : v);

    this.drawGrid(ctx, r, n, maxAbs, lin, px, py);
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y - 4, r.w, r.h + 8);
    ctx.clip();
    const ordered = [...this.series.filter((s) => !s.emphasis), ...this.series.filter((s) => s.emphasis)];
    for (const s of ordered) this.drawSeries(ctx, s, px, pyData, beyond);
    ctx.restore();

    ctx.fillStyle = '#dfe6ee';
    ctx.font = this.font(14, '600');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    // centred on the plot, but never past the canvas's edges (a narrow plot: the text is wider than it)
    const centre = (text: string) => Math.min(this.width - 4 - ctx.measureText(text).width / 2, Math.max(4 + ctx.measureText(text).width / 2, r.x + r.w / 2));
    const title = t('gradient dC/dS_k over time (symlog)');
    const caption = t('timestep k   ← backprop runs from k = n to 0');
    ctx.fillText(title, centre(title), r.y - 8);
    ctx.fillText(caption, centre(caption), this.height - 4);

    this.drawLegend(ctx, r);
  }

  /** the grid (the zero line and decades, labelled), the timestep ticks and the frame */
  private drawGrid(ctx: CanvasRenderingContext2D, r: Rect, n: number, maxAbs: number, lin: number, px: (k: number) => number, py: (v: number) => number): void {
    ctx.font = this.font(12);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const top = Math.ceil(Math.log10(Math.max(maxAbs, lin * 10)));
    const bottom = Math.ceil(Math.log10(lin)) + 1;
    const step = Math.max(1, Math.ceil((top - bottom) / 3));
    for (let e = top; e >= bottom; e -= step) {
      for (const sign of [1, -1]) {
        const y = py(sign * 10 ** e);
        if (y < r.y || y > r.y + r.h) continue;
        ctx.fillStyle = 'rgba(184, 192, 204, 0.18)';
        ctx.fillRect(r.x, Math.round(y), r.w, 1);
        ctx.fillStyle = '#b8c0cc';
        ctx.fillText(`${sign < 0 ? '−' : ''}1e${e}`, r.x - 6, y);
      }
    }
    ctx.fillStyle = 'rgba(184, 192, 204, 0.6)';
    ctx.fillRect(r.x, Math.round(py(0)), r.w, 1);
    ctx.fillStyle = '#b8c0cc';
    ctx.fillText('0', r.x - 6, py(0));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const kStep = Math.max(1, Math.ceil(n / 10));
    for (let k = 0; k <= n; k += kStep) ctx.fillText(String(k), px(k), r.y + r.h + 6);
    ctx.strokeStyle = '#b8c0cc';
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
  }

  /** one swatch and label per series, right of the plot */
  private drawLegend(ctx: CanvasRenderingContext2D, r: Rect): void {
    const k = this.textScale;
    ctx.font = this.font(13);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    // rows closer together where the plot is short, so that the last stays above the axis caption
    const row = Math.max(14 * k, Math.min(20 * k, (this.height - 36 * k - r.y - 8 * k) / Math.max(1, this.series.length - 1)));
    this.series.forEach((s, i) => {
      const y = r.y + 8 * k + i * row;
      ctx.fillStyle = s.css;
      ctx.fillRect(r.x + r.w + 12, y - 2, 18 * k, s.emphasis ? 5 : 3);
      ctx.fillStyle = '#dfe6ee';
      ctx.fillText(s.label, r.x + r.w + 18 + 18 * k, y);
    });
  }

  /** One series: its line and dots; a value beyond the axis is a × on the edge, the largest written beside it. */
  private drawSeries(ctx: CanvasRenderingContext2D, s: GradSeries, px: (k: number) => number, py: (v: number) => number, beyond: (v: number) => boolean): void {
    ctx.strokeStyle = s.css;
    ctx.fillStyle = s.css;
    ctx.lineWidth = s.emphasis ? 3.5 : 2;
    ctx.beginPath();
    s.values.forEach((v, k) => (k === 0 ? ctx.moveTo(px(k), py(v)) : ctx.lineTo(px(k), py(v))));
    ctx.stroke();
    let largest = -1;
    s.values.forEach((v, k) => {
      if (beyond(v)) {
        if (largest < 0 || !(Math.abs(v) <= Math.abs(s.values[largest]))) largest = k;
        crossAt(ctx, px(k), py(v), 5 * this.textScale);
        return;
      }
      ctx.beginPath();
      ctx.arc(px(k), py(v), s.emphasis ? 3.5 : 2.5, 0, 2 * Math.PI);
      ctx.fill();
    });
    if (largest >= 0) this.drawBeyondValue(ctx, s, px(largest), py(s.values[largest]), s.values[largest]);
  }

  /** The value of a point beyond the axis, beside its × on the edge, on a dark plate. */
  private drawBeyondValue(ctx: CanvasRenderingContext2D, s: GradSeries, x: number, y: number, v: number): void {
    const k = this.textScale;
    ctx.save();
    ctx.font = this.font(12, '600');
    const text = Number.isFinite(v) ? shortNumber(v) : v > 0 ? '∞' : '−∞';
    const w = ctx.measureText(text).width;
    const tx = x < this.width / 2 ? x + 8 * k : x - 8 * k - w;
    const ty = y < this.height / 2 ? y + 10 * k : y - 10 * k;
    ctx.fillStyle = 'rgba(16, 20, 27, 0.85)';
    ctx.fillRect(tx - 2 * k, ty - 7 * k, w + 4 * k, 14 * k);
    ctx.fillStyle = s.css;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, tx, ty);
    ctx.restore();
  }
}

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
export function gradientExtent(d: Dataset, run: { readonly weights: readonly (readonly [number, number])[]; readonly diverged: number | null }, extra: readonly (readonly number[])[], samples = 400): GradientScale | null {
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
      evaluatePoint(d, weights[k][0], weights[k][1]).gradOverTime.forEach(take);
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
  const series: GradSeries[] = TUTORIAL_POINTS.map((p, i) => ({ label: `(${p.wx}, ${p.wRec})`, css: p.css, values: s.markedGrads[i].gradOverTime }));
  const [sx, sr] = main.weights[0];
  series.push({ label: t('start'), css: '#ff6a00', values: Array.from(evaluatePoint(s.dataset, sx, sr).gradOverTime) });
  series.push({ label: t('now (it. {k})', { k }), css: '#ffffff', values: Array.from(evaluatePoint(s.dataset, wx, wRec).gradOverTime), emphasis: true });
  return series;
}

type Rect = { x: number; y: number; w: number; h: number };
