/**
 * A plot of lines and points on linear or log axes, for the lesson's figures (sharpness per
 * iteration, step against gradient, the sweeps). It draws a PlotSpec from the present layer:
 * series (joined points, each in its run's colour), dashed reference lines with their labels,
 * marks (a × at the top edge for a value that diverged, with its label) and the current point.
 * Non-finite and non-positive values on a log axis are not drawn as numbers: they break a line.
 */
import { Canvas2DView, crossPath } from './canvas2d';
import { formatTick, niceTicks, superscript } from './common';
import { THEME } from '../present/theme';

export interface PlotSeries {
  css: string;
  points: readonly (readonly [number, number])[];
  /** drawn thicker and on top */
  emphasis?: boolean;
  /** a dot at each point as well as the line (few points: a sweep) */
  dots?: boolean;
  dashed?: boolean;
  /** index of the point to ring (the current iteration), or -1 */
  current?: number;
}

/** A dashed line across the plot at x = value or y = value, labelled. */
export interface PlotRule {
  axis: 'x' | 'y';
  value: number;
  css: string;
  label: string;
}

/** A × at x on the top edge (a value that diverged), labelled. */
export interface PlotMark {
  x: number;
  css: string;
  label: string;
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  series: PlotSeries[];
  rules?: PlotRule[];
  marks?: PlotMark[];
  /** the axes' extents (else from the data) */
  xRange?: [number, number];
  yRange?: [number, number];
  /** shown in the middle when there is nothing to plot */
  empty?: string;
}

const PAD = { left: 62, right: 16, top: 30, bottom: 44 };

/** Where a value sits on an axis: log10 on a log axis (null where it cannot be drawn). */
export function axisValue(v: number, log: boolean): number | null {
  if (!Number.isFinite(v)) return null;
  if (!log) return v;
  return v > 0 ? Math.log10(v) : null;
}

/** The data's extent on an axis in axis units (log10 on a log axis), padded a little; [0, 1] with no data. */
export function dataExtent(values: Iterable<number>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    const a = axisValue(v, log);
    if (a === null) continue;
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  if (!(hi >= lo)) return [0, 1];
  if (hi - lo < 1e-9) return log ? [lo - 0.5, hi + 0.5] : [lo - Math.max(1, Math.abs(lo)) * 0.1, hi + Math.max(1, Math.abs(hi)) * 0.1];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** Tick positions in axis units: whole decades on a log axis (every few when many), nice numbers on a linear one. */
export function plotTicks(lo: number, hi: number, log: boolean, count: number): number[] {
  if (!log) return niceTicks(lo, hi, count);
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(2, count)));
  const out: number[] = [];
  for (let d = first; d <= last; d += step) out.push(d);
  return out;
}

/** A tick's label: 10^d on a log axis, the number on a linear one. */
export function tickLabel(v: number, log: boolean): string {
  if (!log) return formatTick(v);
  if (v === 0) return '1';
  if (v === 1) return '10';
  return `10${superscript(v)}`;
}

export class LinePlot extends Canvas2DView {
  private spec: PlotSpec | null = null;

  constructor(container: HTMLElement | null, className: string) {
    super(container, className);
  }

  setSpec(spec: PlotSpec | null): void {
    this.spec = spec;
  }

  /** Page coordinates of a data point (tests), or null where the plot has no spec or the point is not drawable. */
  toScreen(x: number, y: number): { x: number; y: number } | null {
    const g = this.spec && this.geometry(this.spec);
    const ax = g && axisValue(x, this.spec!.xLog);
    const ay = g && axisValue(y, this.spec!.yLog);
    if (!g || ax === null || ay === null) return null;
    const rect = this.canvas.getBoundingClientRect();
    return { x: rect.left + g.px(ax) + window.scrollX, y: rect.top + g.py(ay) + window.scrollY };
  }

  /** The data value (not log10) under a point of the canvas, or null outside the plot. */
  fromCanvas(cx: number, cy: number): [number, number] | null {
    const g = this.spec && this.geometry(this.spec);
    if (!g || cx < g.r.x || cx > g.r.x + g.r.w || cy < g.r.y || cy > g.r.y + g.r.h) return null;
    const ax = g.x0 + ((cx - g.r.x) / g.r.w) * (g.x1 - g.x0);
    const ay = g.y1 - ((cy - g.r.y) / g.r.h) * (g.y1 - g.y0);
    return [this.spec!.xLog ? 10 ** ax : ax, this.spec!.yLog ? 10 ** ay : ay];
  }

  private geometry(spec: PlotSpec) {
    const k = this.textScale;
    const r = { x: PAD.left * k, y: PAD.top * k, w: Math.max(8, this.width - k * (PAD.left + PAD.right)), h: Math.max(8, this.height - k * (PAD.top + PAD.bottom)) };
    const [x0, x1] = spec.xRange ?? dataExtent(spec.series.flatMap((s) => s.points.map((p) => p[0])), spec.xLog);
    const [y0, y1] = spec.yRange ?? dataExtent([...spec.series.flatMap((s) => s.points.map((p) => p[1])), ...(spec.rules ?? []).filter((l) => l.axis === 'y').map((l) => l.value)], spec.yLog);
    const px = (a: number) => r.x + ((a - x0) / (x1 - x0)) * r.w;
    const py = (a: number) => r.y + r.h - ((a - y0) / (y1 - y0)) * r.h;
    return { r, x0, x1, y0, y1, px, py };
  }

  draw(): void {
    const ctx = this.begin();
    ctx.fillStyle = THEME.background;
    ctx.fillRect(0, 0, this.width, this.height);
    const spec = this.spec;
    if (!spec) return;
    const g = this.geometry(spec);
    this.drawAxes(ctx, spec, g);
    ctx.save();
    ctx.beginPath();
    ctx.rect(g.r.x, g.r.y - 6, g.r.w, g.r.h + 12);
    ctx.clip();
    for (const rule of spec.rules ?? []) this.drawRule(ctx, spec, g, rule);
    const ordered = [...spec.series.filter((s) => !s.emphasis), ...spec.series.filter((s) => s.emphasis)];
    for (const s of ordered) this.drawSeries(ctx, spec, g, s);
    for (const m of spec.marks ?? []) this.drawMark(ctx, spec, g, m);
    ctx.restore();
    if (spec.series.every((s) => s.points.length === 0) && spec.empty) {
      ctx.fillStyle = THEME.muted;
      ctx.font = this.font(13);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(spec.empty, g.r.x + g.r.w / 2, g.r.y + g.r.h / 2);
    }
  }

  private drawAxes(ctx: CanvasRenderingContext2D, spec: PlotSpec, g: ReturnType<LinePlot['geometry']>): void {
    const k = this.textScale;
    const { r } = g;
    ctx.strokeStyle = THEME.frame;
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x - 0.5, r.y - 0.5, r.w + 1, r.h + 1);
    ctx.fillStyle = THEME.text;
    ctx.font = this.font(12);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of plotTicks(g.x0, g.x1, spec.xLog, Math.max(2, Math.round(r.w / (70 * k))))) {
      const x = g.px(v);
      ctx.fillRect(Math.round(x), r.y + r.h, 1, 4 * k);
      ctx.fillText(tickLabel(v, spec.xLog), x, r.y + r.h + 6 * k);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of plotTicks(g.y0, g.y1, spec.yLog, Math.max(2, Math.round(r.h / (40 * k))))) {
      const y = g.py(v);
      ctx.fillRect(r.x - 4 * k, Math.round(y), 4 * k, 1);
      ctx.fillText(tickLabel(v, spec.yLog), r.x - 6 * k, y);
    }
    ctx.font = this.font(14, '600');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(spec.title, r.x + r.w / 2, r.y - 8 * k);
    ctx.font = this.font(13);
    ctx.fillText(spec.xLabel, r.x + r.w / 2, this.height - 4 * k);
    ctx.save();
    ctx.translate(14 * k, r.y + r.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(spec.yLabel, 0, 0);
    ctx.restore();
  }

  private drawSeries(ctx: CanvasRenderingContext2D, spec: PlotSpec, g: ReturnType<LinePlot['geometry']>, s: PlotSeries): void {
    const k = this.textScale;
    const pts = s.points.map(([x, y]) => {
      const ax = axisValue(x, spec.xLog);
      const ay = axisValue(y, spec.yLog);
      return ax === null || ay === null ? null : ([g.px(ax), g.py(ay)] as const);
    });
    ctx.strokeStyle = s.css;
    ctx.fillStyle = s.css;
    ctx.lineWidth = (s.emphasis ? 2.5 : 1.6) * k;
    ctx.setLineDash(s.dashed ? [6 * k, 4 * k] : []);
    ctx.beginPath();
    let pen = false;
    for (const p of pts) {
      if (!p) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(p[0], p[1]);
      else ctx.moveTo(p[0], p[1]);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (s.dots)
      for (const p of pts) {
        if (!p) continue;
        ctx.beginPath();
        ctx.arc(p[0], p[1], 2.5 * k, 0, 2 * Math.PI);
        ctx.fill();
      }
    const cur = s.current !== undefined && s.current >= 0 ? pts[Math.min(s.current, pts.length - 1)] : null;
    if (cur) {
      ctx.beginPath();
      ctx.arc(cur[0], cur[1], 5 * k, 0, 2 * Math.PI);
      ctx.lineWidth = 4 * k;
      ctx.strokeStyle = THEME.outline;
      ctx.stroke();
      ctx.lineWidth = 2 * k;
      ctx.strokeStyle = s.css;
      ctx.stroke();
    }
  }

  private drawRule(ctx: CanvasRenderingContext2D, spec: PlotSpec, g: ReturnType<LinePlot['geometry']>, rule: PlotRule): void {
    const k = this.textScale;
    const a = axisValue(rule.value, rule.axis === 'x' ? spec.xLog : spec.yLog);
    if (a === null) return;
    ctx.strokeStyle = rule.css;
    ctx.lineWidth = 1.5 * k;
    ctx.setLineDash([5 * k, 4 * k]);
    ctx.beginPath();
    const { r } = g;
    if (rule.axis === 'x') {
      const x = Math.round(g.px(a)) + 0.5;
      ctx.moveTo(x, r.y);
      ctx.lineTo(x, r.y + r.h);
    } else {
      const y = Math.round(g.py(a)) + 0.5;
      ctx.moveTo(r.x, y);
      ctx.lineTo(r.x + r.w, y);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = this.font(12);
    ctx.fillStyle = rule.css;
    ctx.textBaseline = 'bottom';
    if (rule.axis === 'x') {
      ctx.textAlign = 'left';
      ctx.fillText(rule.label, Math.min(g.px(a) + 4 * k, r.x + r.w - ctx.measureText(rule.label).width), r.y + r.h - 4 * k);
    } else {
      ctx.textAlign = 'right';
      ctx.fillText(rule.label, r.x + r.w - 4 * k, g.py(a) - 3 * k);
    }
  }

  private drawMark(ctx: CanvasRenderingContext2D, spec: PlotSpec, g: ReturnType<LinePlot['geometry']>, m: PlotMark): void {
    const k = this.textScale;
    const a = axisValue(m.x, spec.xLog);
    if (a === null) return;
    const x = g.px(a);
    const y = g.r.y + 6 * k;
    ctx.lineWidth = 2.5 * k;
    ctx.strokeStyle = m.css;
    crossPath(ctx, x, y, 4.5 * k);
    ctx.stroke();
    if (m.label) {
      ctx.font = this.font(11);
      ctx.fillStyle = m.css;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(m.label, x, y + 7 * k);
    }
  }
}
