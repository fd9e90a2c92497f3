/**
 * A plot of lines and points on linear or log axes, for the lesson's figures (sharpness per
 * iteration, step against gradient, the sweeps). It draws a PlotSpec from the present layer:
 * series (joined points, each in its run's colour), dashed reference lines with their labels,
 * marks (a × at the top edge for a value that diverged, with its label) and the current point.
 * Non-finite and non-positive values on a log axis are not drawn as numbers: they break a line.
 * The title stays inside the canvas (smaller, or wrapped to two lines, where it is too wide); the
 * rules' labels go over the data on a backdrop, where they cover the fewest points.
 */
import { Canvas2DView, crossPath, wrapText } from './canvas2d';
import { axisValue, countInBox, dataExtent, plotTicks, tickLabel } from './plotAxes';
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
  /** the x values are whole numbers (lengths, steps): so are its ticks */
  xInteger?: boolean;
  /** the axes' extents (else from the data) */
  xRange?: [number, number];
  yRange?: [number, number];
  /** shown in the middle when there is nothing to plot */
  empty?: string;
}

const PAD = { left: 62, right: 16, top: 30, bottom: 44 };
/** the title keeps this far (CSS px, times the text scale) from the canvas's sides */
const TITLE_MARGIN = 6;
/** the title's type sizes: one line at the first that fits it, else two lines at the first that fits them */
const TITLE_SIZES = [14, 13, 12];
const TITLE_SIZES_WRAPPED = [14, 13, 12, 11];

/** the marks at the plot's top and their labels take this much of its height (CSS px, times the text scale) */
const MARK_BAND = 28;
/** the marks alone (their labels left out in a plot shorter than MARK_LABELS_MIN_H) */
const MARK_BAND_BARE = 12;
const MARK_LABELS_MIN_H = 100;

/** A box in CSS pixels of the canvas (or of the page, from the debug hook). */
export interface PlotBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the plot put things (tests): the canvas, the plot's area and the title's box, and its texts. */
export interface PlotLayout {
  canvas: PlotBox;
  plot: PlotBox;
  title: PlotBox;
  text: { title: string; x: string; y: string };
}

export class LinePlot extends Canvas2DView {
  private spec: PlotSpec | null = null;

  constructor(container: HTMLElement | null, className: string) {
    super(container, className);
  }

  setSpec(spec: PlotSpec | null): void {
    this.spec = spec;
  }

  /** Page coordinates of a data point, or null where the plot has no spec or the point is not drawable. */
  toScreen(x: number, y: number): { x: number; y: number } | null {
    const p = this.toCanvas(x, y);
    if (!p) return null;
    const rect = this.canvas.getBoundingClientRect();
    return { x: rect.left + p.x + window.scrollX, y: rect.top + p.y + window.scrollY };
  }

  /** Where a data point (not log10) is drawn, in CSS pixels of the canvas; null as toScreen. */
  toCanvas(x: number, y: number): { x: number; y: number } | null {
    const g = this.spec && this.geometry(this.spec);
    const ax = g && axisValue(x, this.spec!.xLog);
    const ay = g && axisValue(y, this.spec!.yLog);
    if (!g || ax === null || ay === null) return null;
    return { x: g.px(ax), y: g.py(ay) };
  }

  /** The data value (not log10) under a point of the canvas, or null outside the plot. */
  fromCanvas(cx: number, cy: number): [number, number] | null {
    const g = this.spec && this.geometry(this.spec);
    if (!g || cx < g.r.x || cx > g.r.x + g.r.w || cy < g.r.y || cy > g.r.y + g.r.h) return null;
    const ax = g.x0 + ((cx - g.r.x) / g.r.w) * (g.x1 - g.x0);
    const ay = g.y1 - ((cy - g.r.y) / g.r.h) * (g.y1 - g.y0);
    return [this.spec!.xLog ? 10 ** ax : ax, this.spec!.yLog ? 10 ** ay : ay];
  }

  /** The canvas, the plot's area and the title's box in CSS pixels of the canvas; null with no spec. */
  layout(): PlotLayout | null {
    if (!this.spec) return null;
    const g = this.geometry(this.spec);
    const boxes = g.title.lines.map((_, i) => this.titleLine(g, i));
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const title = { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
    const text = { title: this.spec.title, x: this.spec.xLabel, y: this.spec.yLabel };
    return { canvas: { x: 0, y: 0, w: this.width, h: this.height }, plot: { ...g.r }, title, text };
  }

  /**
   * The title in lines that fit the canvas: one line at the first of TITLE_SIZES where it fits,
   * else wrapped at the first of TITLE_SIZES_WRAPPED that needs at most two lines (the smallest
   * wraps to as many as it needs). The plot's area moves down by the lines after the first.
   */
  private titleLines(title: string): { lines: string[]; size: number; lineH: number } {
    const ctx = this.ctx;
    const room = Math.max(20, this.width - 2 * TITLE_MARGIN * this.textScale);
    const tries = [...TITLE_SIZES.map((size) => [size, 1] as const), ...TITLE_SIZES_WRAPPED.map((size) => [size, 2] as const)];
    let lines: string[] = [];
    let size = TITLE_SIZES[0];
    for (const [s, most] of tries) {
      size = s;
      ctx.font = this.font(size, '600');
      lines = wrapText(ctx, title, room);
      if (lines.length <= most) break;
    }
    return { lines, size, lineH: Math.round(size * 1.25) };
  }

  /** Line i of the title: centred over the plot's area, moved in to stay inside the canvas. */
  private titleLine(g: ReturnType<LinePlot['geometry']>, i: number): PlotBox & { cx: number; bottom: number } {
    const k = this.textScale;
    const { lines, size, lineH } = g.title;
    this.ctx.font = this.font(size, '600');
    const w = this.ctx.measureText(lines[i]).width;
    const m = TITLE_MARGIN * k;
    const cx = Math.max(m + w / 2, Math.min(this.width - m - w / 2, g.r.x + g.r.w / 2));
    const bottom = g.r.y - 8 * k - (lines.length - 1 - i) * lineH * k;
    const h = size * k * 1.2;
    return { x: cx - w / 2, y: bottom - h, w, h, cx, bottom };
  }

  private geometry(spec: PlotSpec) {
    const k = this.textScale;
    const title = this.titleLines(spec.title);
    const top = PAD.top + (title.lines.length - 1) * title.lineH;
    const r = { x: PAD.left * k, y: top * k, w: Math.max(8, this.width - k * (PAD.left + PAD.right)), h: Math.max(8, this.height - k * (top + PAD.bottom)) };
    const [x0, x1] = spec.xRange ?? dataExtent(spec.series.flatMap((s) => s.points.map((p) => p[0])), spec.xLog);
    const [y0, y1] = spec.yRange ?? dataExtent([...spec.series.flatMap((s) => s.points.map((p) => p[1])), ...(spec.rules ?? []).filter((l) => l.axis === 'y').map((l) => l.value)], spec.yLog);
    const px = (a: number) => r.x + ((a - x0) / (x1 - x0)) * r.w;
    const py = (a: number) => r.y + r.h - ((a - y0) / (y1 - y0)) * r.h;
    return { r, x0, x1, y0, y1, px, py, title };
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
    // the rules' labels over the data, on a backdrop
    for (const rule of spec.rules ?? []) this.drawRuleLabel(ctx, spec, g, rule);
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
    for (const v of plotTicks(g.x0, g.x1, spec.xLog, Math.max(2, Math.round(r.w / (70 * k))), spec.xInteger)) {
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
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    g.title.lines.forEach((line, i) => {
      const at = this.titleLine(g, i);
      ctx.font = this.font(g.title.size, '600');
      ctx.fillText(line, at.cx, at.bottom);
    });
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
  }

  private drawRuleLabel(ctx: CanvasRenderingContext2D, spec: PlotSpec, g: ReturnType<LinePlot['geometry']>, rule: PlotRule): void {
    const k = this.textScale;
    const a = axisValue(rule.value, rule.axis === 'x' ? spec.xLog : spec.yLog);
    if (a === null || !rule.label) return;
    const { r } = g;
    ctx.font = this.font(12);
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left';
    const w = ctx.measureText(rule.label).width;
    // x: beside the line, at the bottom, the middle or under the top's marks, where it covers the
    // fewest data points and never a mark or its label; y: above the line at the right. On a
    // backdrop over the data.
    const x = rule.axis === 'x' ? Math.min(g.px(a) + 4 * k, r.x + r.w - w - 2 * k) : r.x + r.w - 4 * k - w;
    let y = g.py(a) - 3 * k;
    if (rule.axis === 'x') {
      const marks = (spec.marks ?? []).map((m) => axisValue(m.x, spec.xLog)).filter((v): v is number => v !== null).map(g.px);
      const band = (this.markLabels(g) ? MARK_BAND : MARK_BAND_BARE) * k;
      const onMarks = (yb: number) => yb - 14 * k < r.y + band && marks.some((mx) => mx + 16 * k > x - 2 * k && mx - 16 * k < x + w + 2 * k);
      const covered = (yb: number) => countInBox(spec, g, x - 2 * k, yb - 14 * k, w + 4 * k, 15 * k) + (onMarks(yb) ? 1e6 : 0);
      const ys = [r.y + r.h - 4 * k, r.y + r.h / 2 + 7 * k, r.y + band + 15 * k].filter((v) => v - 14 * k >= r.y && v <= r.y + r.h);
      y = ys.reduce((best, v) => (covered(v) < covered(best) ? v : best), ys[0] ?? r.y + r.h - 4 * k);
    }
    ctx.fillStyle = THEME.background;
    ctx.globalAlpha = 0.75;
    ctx.fillRect(x - 2 * k, y - 14 * k, w + 4 * k, 15 * k);
    ctx.globalAlpha = 1;
    ctx.fillStyle = rule.css;
    ctx.fillText(rule.label, x, y);
  }

  /** whether the plot is tall enough for the marks' labels (iterations) under them */
  private markLabels(g: ReturnType<LinePlot['geometry']>): boolean {
    return g.r.h >= MARK_LABELS_MIN_H * this.textScale;
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
    if (m.label && this.markLabels(g)) {
      ctx.font = this.font(11);
      ctx.fillStyle = m.css;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(m.label, x, y + 7 * k);
    }
  }
}

