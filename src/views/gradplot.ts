/**
 * The gradient-over-time plot (the tutorial's figure 2): gradOverTime[k] = dC/dS_k summed over
 * samples, against the timestep k, on a symmetric-log y axis, so that explosion (|wRec| > 1),
 * vanishing (|wRec| < 1) and sign alternation (wRec < 0) all show on one plot.
 */
import { Canvas2DView, crossPath } from './canvas2d';
import { shortNumber, symlog } from './common';
import { t } from '../i18n';
import { THEME } from '../present/theme';
import type { ViewModel } from '../present/viewModel';

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

  private vm: ViewModel | null = null;

  update(vm: ViewModel): void {
    this.vm = vm;
  }

  /** The series at iteration k, on the run's one scale (both from the view model). */
  setFrame(k: number): void {
    if (!this.vm) return;
    this.setScale(this.vm.gradScale(k));
    this.setSeries(this.vm.frame(k).gradSeries);
  }

  /** one axis extent for the whole run (gradientExtent; null: from the series shown) */
  private axisScale: GradientScale | null = null;

  setScale(scale: GradientScale | null): void {
    this.axisScale = scale;
  }

  draw(): void {
    const ctx = this.begin();
    ctx.fillStyle = THEME.background;
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

    ctx.fillStyle = THEME.text;
    ctx.font = this.font(14, '600');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    // centred on the plot, but never past the canvas's edges (a narrow plot: the text is wider than it)
    const centre = (text: string) => Math.min(this.width - 4 - ctx.measureText(text).width / 2, Math.max(4 + ctx.measureText(text).width / 2, r.x + r.w / 2));
    const title = this.vm?.model.gradTitle ?? t('gradient dC/dS_k over time (symlog)');
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
        ctx.fillStyle = THEME.frame;
        ctx.fillText(`${sign < 0 ? '−' : ''}1e${e}`, r.x - 6, y);
      }
    }
    ctx.fillStyle = 'rgba(184, 192, 204, 0.6)';
    ctx.fillRect(r.x, Math.round(py(0)), r.w, 1);
    ctx.fillStyle = THEME.frame;
    ctx.fillText('0', r.x - 6, py(0));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const kStep = Math.max(1, Math.ceil(n / 10));
    for (let k = 0; k <= n; k += kStep) ctx.fillText(String(k), px(k), r.y + r.h + 6);
    ctx.strokeStyle = THEME.frame;
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
      ctx.fillStyle = THEME.text;
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

type Rect = { x: number; y: number; w: number; h: number };
