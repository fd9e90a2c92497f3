/**
 * The loss curve: cost against iteration for every run, log y axis, the current iteration
 * marked; pressing or dragging on it scrubs the animation. uPlot draws it (log scales, fast
 * redraws, a maintained library) with the bundled font.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { crossPath } from './canvas2d';
import { shortNumber } from './common';
import { N_, t as tr } from '../i18n';
import { THEME } from '../present/theme';
import type { ViewModel } from '../present/viewModel';
import { imageCanvas, text, TEXT } from './canvasText';

export interface LossSeries {
  label: string;
  css: string;
  costs: readonly number[];
  /** iteration where the run diverged, or null */
  diverged: number | null;
  emphasis?: boolean;
}

/** English, marked for translation: shown with t() */
export const LOSS_TITLE = N_('cost per iteration (log scale)');

/** Costs at or below this are drawn at this value (a log axis has no 0). */
const FLOOR = 1e-16;

/**
 * The y axis, whole decades of log10(cost) [bottom, top]: it spans every cost of the runs that
 * did not diverge and every run's first cost, so that one diverged run (costs of 1e52 and more)
 * does not squeeze the others into a few pixels. Lower costs of diverged runs widen it downwards
 * (they flatten nothing); their costs above the top are drawn on the top edge (lossValues).
 */
export function lossAxis(series: readonly Pick<LossSeries, 'costs' | 'diverged'>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    s.costs.forEach((c, i) => {
      if (!Number.isFinite(c)) return;
      const v = Math.log10(Math.max(FLOOR, c));
      lo = Math.min(lo, v);
      if (s.diverged === null || i === 0) hi = Math.max(hi, v);
    });
  const dLo = Number.isFinite(lo) ? Math.floor(lo) : -1;
  const dHi = Number.isFinite(hi) ? Math.max(dLo + 1, Math.ceil(hi)) : dLo + 2;
  return [dLo, dHi];
}

/** One run's points: log10(cost), at most `top` (costs above it, overflow included, on the top edge); NaN: none. */
export function lossValues(costs: readonly number[], n: number, top: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    const c = costs[i];
    if (c === undefined || Number.isNaN(c)) return null;
    return Math.min(top, Math.log10(Math.max(FLOOR, c)));
  });
}

/** What a diverged run reached, written by its ×: its largest finite cost, and "→ ∞" if the cost then overflowed. */
export function divergedValue(costs: readonly number[]): string {
  let max = -Infinity;
  for (const c of costs) if (Number.isFinite(c)) max = Math.max(max, c);
  const last = costs[costs.length - 1];
  const text = Number.isFinite(max) ? shortNumber(max) : '';
  return last === Infinity ? (text ? `${text} → ∞` : '∞') : text;
}

export class LossPlot {
  readonly host: HTMLElement;
  private plot: uPlot | null = null;
  private series: LossSeries[] = [];
  private frame = 0;
  private width = 400;
  private height = 220;
  private scrubbing = false;
  onScrub: (k: number) => void = () => undefined;

  /** CSS pixels of fonts, lines and axes per CSS pixel on screen (exported images draw larger) */
  private readonly scale: number;
  private readonly showTitle: boolean;

  constructor(container: HTMLElement, options: { scale?: number; title?: boolean; id?: string } = {}) {
    this.host = document.createElement('div');
    this.host.id = options.id ?? 'lossplot';
    this.scale = options.scale ?? 1;
    this.showTitle = options.title ?? true;
    container.append(this.host);
  }

  /** the canvas uPlot draws into (exported images) */
  get canvas(): HTMLCanvasElement | null {
    return this.plot?.ctx.canvas ?? null;
  }

  /** text and axis sizes are multiplied by this (presentation mode); redrawn with the next setSeries */
  textScale = 1;

  /** Sets the text scale and redraws (uPlot takes its fonts when it is made). */
  setTextScale(k: number): void {
    if (k === this.textScale) return;
    this.textScale = k;
    if (this.series.length) this.setSeries(this.series);
  }

  resize(width: number, height: number): void {
    this.width = Math.max(200, Math.floor(width));
    this.height = Math.max(120, Math.floor(height));
    this.plot?.setSize({ width: this.width, height: this.height });
  }

  update(vm: ViewModel): void {
    if (vm.lossSeries !== this.series) this.setSeries(vm.lossSeries);
  }

  /** uPlot draws itself on setSeries and setFrame. */
  draw(): void {}

  /**
   * The curve with its title at width x height image pixels, fonts and lines `s` times their
   * size: uPlot drawn again at that size in a hidden host (it sizes its canvas in CSS pixels
   * times devicePixelRatio, so CSS pixels are asked for).
   */
  async renderAt(width: number, height: number, s: number): Promise<HTMLCanvasElement> {
    const [out, ctx] = imageCanvas(width, height);
    const titleH = 30 * s;
    text(ctx, tr(LOSS_TITLE), width / 2, titleH / 2 + 2 * s, 600, 14 * s, TEXT, 'center');
    const ratio = window.devicePixelRatio || 1;
    const host = document.createElement('div');
    host.style.cssText = 'position:fixed;left:-100000px;top:0;';
    document.body.append(host);
    try {
      const plot = new LossPlot(host, { scale: s / ratio, title: false, id: 'lossplot-snapshot' });
      plot.resize(width / ratio, (height - titleH) / ratio);
      plot.setSeries(this.series);
      plot.setFrame(this.frame);
      // uPlot draws in a microtask after setSeries/setFrame; a task later it has drawn (also in a hidden page)
      await new Promise((r) => setTimeout(r, 0));
      const c = plot.canvas;
      if (c) ctx.drawImage(c, 0, titleH, width, height - titleH);
    } finally {
      host.remove();
    }
    return out;
  }

  setSeries(series: LossSeries[]): void {
    this.series = series;
    this.plot?.destroy();
    this.plot = null;
    if (series.length === 0) return;
    const n = Math.max(...series.map((s) => s.costs.length));
    const x = Array.from({ length: n }, (_, i) => i);
    // log10 on a linear axis labelled in decades, every `step` decades (lossAxis)
    const [dLo, dHi] = lossAxis(series);
    const ys = series.map((s) => lossValues(s.costs, n, dHi));
    const step = Math.max(1, Math.ceil((dHi - dLo) / 6));
    const decades: number[] = [];
    for (let e = dHi; e >= dLo; e -= step) decades.unshift(e);
    // k: canvas pixels per CSS pixel (exported images); t: the text scale (presentation mode)
    const k = this.scale;
    const t = this.textScale;
    const axis = {
      stroke: THEME.tick,
      grid: { stroke: 'rgba(255,255,255,0.08)', width: k },
      ticks: { stroke: 'rgba(255,255,255,0.25)', width: k, size: 10 * k },
      font: `${Math.round(12 * t) * k}px Inter, sans-serif`,
      labelFont: `600 ${Math.round(13 * t) * k}px Inter, sans-serif`,
      gap: 5 * k,
    };
    const opts: uPlot.Options = {
      width: this.width,
      height: this.height,
      pxAlign: 1,
      title: this.showTitle ? tr(LOSS_TITLE) : undefined,
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false }, y: false },
      scales: { x: { time: false }, y: { range: () => [dLo, dHi] } },
      axes: [
        { ...axis, label: tr('iteration'), labelSize: Math.round(20 * t) * k, size: Math.round(36 * t) * k },
        { ...axis, size: Math.round(56 * t) * k, splits: () => decades, values: (_u: uPlot, vals: number[]) => vals.map((e) => formatPower(e)) },
      ],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.css, width: (s.emphasis ? 2.5 : 1.75) * k, points: { show: false }, spanGaps: false }))],
      hooks: { draw: [(u) => this.drawOverlay(u)] },
    };
    this.plot = new uPlot(opts, [x, ...ys] as uPlot.AlignedData, this.host);
    this.installScrub(this.plot);
  }

  setFrame(k: number): void {
    if (k === this.frame) return;
    this.frame = k;
    this.plot?.redraw(false, false);
  }

  /** The current iteration's line, and a cross where each diverged run ends, with what it reached. */
  private drawOverlay(u: uPlot): void {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const k = this.scale;
    ctx.save();
    const x = Math.round(u.valToPos(this.frame, 'x', true)) + 0.5;
    ctx.strokeStyle = 'rgba(255,255,255,0.7)';
    ctx.lineWidth = k;
    ctx.setLineDash([4 * k, 3 * k]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = `600 ${Math.round(12 * this.textScale) * k}px Inter, sans-serif`; // the axis labels' size (20 px or more in presentation mode)
    ctx.textBaseline = 'middle';
    let row = 0;
    for (const s of this.series) {
      if (s.diverged === null) continue;
      const px = u.valToPos(s.diverged, 'x', true);
      const r = 5 * k;
      const py = top + 6 * k;
      ctx.strokeStyle = s.css;
      ctx.lineWidth = 2.5 * k;
      crossPath(ctx, px, py, r);
      ctx.stroke();
      // the value the run reached, beside its × (one row per diverged run, on a dark plate)
      const text = divergedValue(s.costs);
      if (!text) continue;
      const ty = py + row++ * 15 * k * this.textScale;
      const tw = ctx.measureText(text).width;
      const right = px + r + 4 * k + tw <= left + width;
      const tx = right ? px + r + 4 * k : px - r - 4 * k - tw;
      ctx.fillStyle = 'rgba(16, 20, 27, 0.85)';
      ctx.fillRect(tx - 2 * k, ty - 7 * k * this.textScale, tw + 4 * k, 14 * k * this.textScale);
      ctx.fillStyle = s.css;
      ctx.textAlign = 'left';
      ctx.fillText(text, tx, ty);
    }
    ctx.restore();
  }

  private installScrub(u: uPlot): void {
    const at = (e: PointerEvent) => {
      const rect = u.over.getBoundingClientRect();
      const n = Math.max(...this.series.map((s) => s.costs.length)) - 1;
      const k = Math.round(u.posToVal(e.clientX - rect.left, 'x'));
      return Math.min(n, Math.max(0, k));
    };
    u.over.addEventListener('pointerdown', (e) => {
      this.scrubbing = true;
      u.over.setPointerCapture(e.pointerId);
      this.onScrub(at(e));
    });
    u.over.addEventListener('pointermove', (e) => {
      if (this.scrubbing) this.onScrub(at(e));
    });
    const end = () => (this.scrubbing = false);
    u.over.addEventListener('pointerup', end);
    u.over.addEventListener('pointercancel', end);
  }
}

function formatPower(e: number): string {
  if (e === 0) return '1';
  if (e === 1) return '10';
  return `1e${e}`;
}
