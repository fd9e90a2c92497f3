/**
 * The trainability atlas panel (SPEC section 8): one map per run (small multiples), each cell
 * coloured by its class - converged (viridis by convergedAt, fast = bright), not converged (greys
 * by the final log cost), diverged (a warm ramp by divergedAt) - with a title and its shares, axes,
 * the current start or hyperparameters as a marker, a shared legend, a summary line, a note and a
 * progress bar. A view only: no computation of the atlas, no engine, no params parsing.
 *
 * Pixels are computed here in JS (nearest cell per screen pixel, into ImageData) once per show()
 * and size, and cached per run in an offscreen canvas; setMarker() and the drag rectangle only
 * redraw on top of that cache.
 */
import { el } from '../ui/dom';
import { screenScale } from './canvas2d';
import { axisExtent, axisTicks, fittingTicks, formatAxisTick } from './atlasAxes';
import { t as tr } from '../i18n';
import { atlasGridColumns, GRID_GAP, atlasRunView, atlasShares, formatShare, type AtlasHoverInfo, type AtlasPanelInput, type AtlasRunAxes } from './atlasCells';
import { THEME } from '../present/theme';
import { listenAtlasMap, type Press } from './atlasPointer';
import { ATLAS_CSS } from './atlasStyle';
import { atlasCellImage, renderAtlasImage, strokeAtlasMarker } from './atlasImage';
import { atlasLegendItems, atlasSummaryRows } from './atlasLegend';

/** Canvas padding around each square map: y ticks and label left, x ticks and label below (times the text scale). */
const PAD = { left: 62, right: 16, top: 8, bottom: 42 };
/** The tallest a map's canvas gets (times the text scale). */
const MAX_CANVAS_HEIGHT = 360;
const MIN_PLOT = 48;
/** .panel's horizontal padding (ATLAS_CSS), subtracted from setWidth's width. */
const PANEL_PADDING_X = 24;

interface MapView {
  cell: HTMLElement;
  title: HTMLElement;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  /** the cell image at the plot's size, or null while the run has no result */
  image: HTMLCanvasElement | null;
}

export class AtlasPanel {
  readonly element: HTMLElement;
  onHover: (info: AtlasHoverInfo | null, clientX: number, clientY: number) => void = () => {};
  /** a click on run's map: the cell's axis values (log10 for log axes) */
  onPick: (run: number, x: number, y: number) => void = () => {};
  /** a drag or wheel on run's map: its new window in axis units */
  onZoom: (run: number, range: [number, number, number, number]) => void = () => {};

  private readonly heading: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly progressFill: HTMLElement;
  private readonly progressText: Text;
  private readonly grid: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly note: HTMLElement;
  /** @internal (atlasPointer) */
  input: AtlasPanelInput | null = null;
  private maps: MapView[] = [];
  private width = 400;
  /** side of each square map, CSS pixels */
  /** @internal (atlasPointer) */
  plot = 200;
  /** @internal (atlasPointer) */
  press: Press | null = null;
  /** text, ticks and margins are multiplied by this (presentation mode: projector size) */
  private textScale = 1;
  /** PAD times the text scale, CSS pixels */
  /** @internal (atlasPointer) */
  pad = { ...PAD };
  /** canvas pixels per CSS pixel of the maps and the legend's ramps (devicePixelRatio) */
  private dpr = 1;
  /** the text scale and ratio the legend's ramps were painted at */
  private legendKey = '';

  constructor(container: HTMLElement) {
    this.heading = el('h3', {}, tr('trainability atlas'));
    this.progressText = document.createTextNode('');
    this.progressFill = el('div', { class: 'atlas-bar-fill' });
    this.progress = el('div', { id: 'atlas-progress' }, el('div', { class: 'atlas-bar' }, this.progressFill), el('span', {}, this.progressText));
    this.progress.hidden = true;
    this.grid = el('div', { class: 'atlas-grid' });
    this.legend = el('div', { id: 'atlas-legend' });
    this.summary = el('div', { id: 'atlas-summary' });
    this.note = el('div', { id: 'atlas-note' });
    this.note.hidden = true;
    this.element = el('div', { id: 'atlas-panel', class: 'panel' }, this.heading, this.progress, this.grid, this.legend, this.summary, this.note);
    this.element.hidden = true;
    this.buildLegend();
    container.appendChild(this.element);
    if (!document.getElementById('atlas-style')) document.head.append(el('style', { id: 'atlas-style' }, ATLAS_CSS));
  }

  /** The width available to the whole panel (its padding included); maps are laid out in a grid within it. */
  setWidth(px: number): void {
    const w = Math.max(120, Math.floor(px));
    if (w === this.width && screenScale() === this.dpr) return;
    this.width = w;
    if (this.input) this.layout(false);
  }

  /** Text, ticks, margins and the legend's ramps at this multiple (presentation mode), as the other 2D views. */
  setTextScale(k: number): void {
    if (!(k > 0) || k === this.textScale) return;
    this.textScale = k;
    this.pad = { left: Math.round(PAD.left * k), right: Math.round(PAD.right * k), top: Math.round(PAD.top * k), bottom: Math.round(PAD.bottom * k) };
    this.buildLegend();
    if (this.input) this.layout(true);
  }

  /** a canvas font of `px` CSS pixels before the text scale */
  private font(px: number, weight = ''): string {
    return `${weight ? `${weight} ` : ''}${Math.round(px * this.textScale)}px Inter, sans-serif`;
  }

  /** The progress bar and "computing the atlas: 37%"; hidden when done >= total. */
  setProgress(done: number, total: number): void {
    if (!(total > 0) || done >= total) {
      this.progress.hidden = true;
      return;
    }
    const f = Math.min(1, Math.max(0, done / total));
    this.progress.hidden = false;
    this.progressFill.style.width = `${(f * 100).toFixed(1)}%`;
    this.progressText.data = tr('computing the atlas: {percent}%', { percent: Math.floor(f * 100) });
  }

  /** Shows an atlas (recomputes every run's cell image), or hides the panel (null). */
  show(input: AtlasPanelInput | null): void {
    this.press = null;
    this.input = input;
    if (!input) {
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    const labels = new Set(input.runs.map((_, i) => `${atlasRunView(input, i).xLabel} × ${atlasRunView(input, i).yLabel}`));
    this.heading.textContent =
      input.mode === 'starts'
        ? tr('trainability atlas: every start ({x}, {y})', { x: input.xLabel, y: input.yLabel })
        : labels.size > 1
          ? tr("trainability atlas: each run's hyperparameters")
          : tr('trainability atlas: {x} × {y}', { x: atlasRunView(input, 0).xLabel, y: atlasRunView(input, 0).yLabel });
    if (this.maps.length !== input.runs.length) this.buildMaps(input.runs.length);
    for (let i = 0; i < this.maps.length; i++) this.setTitle(i);
    this.summary.replaceChildren(...atlasSummaryRows(input));
    this.note.hidden = !input.note;
    this.note.textContent = input.note ?? '';
    this.layout(true);
  }

  /** Moves the markers (the input's, and each run's where given): redraws the maps from their cached cell images, computes nothing. */
  setMarker(marker: [number, number] | null, perRun?: ([number, number] | null)[]): void {
    if (!this.input) return;
    const runs = perRun ? this.input.runs.map((r, i) => ({ ...r, marker: perRun[i] ?? null })) : this.input.runs;
    this.input = { ...this.input, marker, runs };
    for (let i = 0; i < this.maps.length; i++) this.draw(i);
  }

  // --- building -------------------------------------------------------------------------------

  private buildMaps(n: number): void {
    this.grid.replaceChildren();
    this.maps = [];
    for (let i = 0; i < n; i++) {
      const title = el('div', { class: 'atlas-title' });
      const canvas = el('canvas', { class: 'atlas-map', 'data-run': String(i) });
      // willReadFrequently keeps the canvas on the CPU (as Canvas2DView does).
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const cell = el('div', { class: 'atlas-cell' }, title, canvas);
      this.grid.appendChild(cell);
      this.maps.push({ cell, title, canvas, ctx, image: null });
      listenAtlasMap(this, i, canvas);
    }
  }

  private setTitle(i: number): void {
    const input = this.input!;
    const run = input.runs[i];
    const m = this.maps[i];
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = run.css;
    let text = run.title;
    if (run.result) {
      const s = atlasShares(run.result);
      text += tr(': {converged} converge, {diverged} diverge', { converged: formatShare(s.converged), diverged: formatShare(s.diverged) });
    } else text += tr(': no result yet');
    m.title.replaceChildren(swatch, text);
  }

  // --- layout and drawing ----------------------------------------------------------------------

  private layout(rebuildImages: boolean): void {
    const input = this.input;
    if (!input) return;
    const n = Math.max(1, input.runs.length);
    const k = this.textScale;
    const pad = this.pad;
    const dpr = screenScale();
    const dprChanged = dpr !== this.dpr;
    this.dpr = dpr;
    if (this.legendKey !== `${k}@${dpr}`) this.buildLegend();
    const inner = Math.max(60, this.width - PANEL_PADDING_X);
    // the narrowest map is judged at the unscaled size: larger text asks for wider maps
    const cols = atlasGridColumns(n, inner / k);
    const cellW = Math.floor((inner - GRID_GAP * (cols - 1)) / cols);
    const plot = Math.max(MIN_PLOT, Math.min(cellW - pad.left - pad.right, Math.round(MAX_CANVAS_HEIGHT * k) - pad.top - pad.bottom));
    const sizeChanged = plot !== this.plot || dprChanged;
    this.plot = plot;
    this.grid.style.gridTemplateColumns = `repeat(${cols}, ${pad.left + plot + pad.right}px)`;
    for (let i = 0; i < this.maps.length; i++) {
      const m = this.maps[i];
      // CSS size; the canvas has devicePixelRatio pixels per CSS pixel (sharp at 150% zoom)
      const w = pad.left + plot + pad.right;
      const h = pad.top + plot + pad.bottom;
      const bw = Math.round(w * dpr);
      const bh = Math.round(h * dpr);
      if (m.canvas.width !== bw || m.canvas.height !== bh || m.canvas.style.width !== `${w}px` || m.canvas.style.height !== `${h}px`) {
        m.canvas.width = bw;
        m.canvas.height = bh;
        m.canvas.style.width = `${w}px`;
        m.canvas.style.height = `${h}px`;
      }
      if (rebuildImages || sizeChanged || !m.image) m.image = atlasCellImage(this.input!, i, Math.round(this.plot * this.dpr));
      this.draw(i);
    }
  }

  /** canvas pixel of an axis point of run i's map */
  private toPixel(i: number, x: number, y: number): [number, number] {
    const v = atlasRunView(this.input!, i);
    const [a, b] = axisExtent(v.xAxis);
    const [c, d] = axisExtent(v.yAxis);
    const s = this.plot;
    return [this.pad.left + ((x - a) / (b - a)) * s, this.pad.top + (1 - (y - c) / (d - c)) * s];
  }

  /** axis point of a canvas pixel of run i's map (not clamped) */
  /** @internal (atlasPointer) */
  fromPixel(i: number, px: number, py: number): [number, number] {
    const v = atlasRunView(this.input!, i);
    const [a, b] = axisExtent(v.xAxis);
    const [c, d] = axisExtent(v.yAxis);
    const s = this.plot;
    return [a + ((px - this.pad.left) / s) * (b - a), d - ((py - this.pad.top) / s) * (d - c)];
  }

  /** @internal (atlasPointer) */
  insidePlot(px: number, py: number): boolean {
    const pad = this.pad;
    return px >= pad.left && px < pad.left + this.plot && py >= pad.top && py < pad.top + this.plot;
  }

  /** @internal (atlasPointer) */
  draw(i: number): void {
    const input = this.input;
    const m = this.maps[i];
    if (!input || !m) return;
    const ctx = m.ctx;
    const s = this.plot;
    const pad = this.pad;
    const dpr = this.dpr;
    // the cell image pixel for pixel at a whole canvas pixel; everything else in CSS pixels
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = THEME.panel;
    ctx.fillRect(0, 0, m.canvas.width, m.canvas.height);
    if (m.image) ctx.drawImage(m.image, Math.round(pad.left * dpr), Math.round(pad.top * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!m.image) {
      ctx.fillStyle = THEME.background;
      ctx.fillRect(pad.left, pad.top, s, s);
      ctx.fillStyle = THEME.muted;
      ctx.font = this.font(13);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(input.runs[i]?.result === null ? tr('no result yet') : '', pad.left + s / 2, pad.top + s / 2);
    }
    const view = atlasRunView(input, i);
    this.drawAxes(ctx, i, view);
    this.drawMarks(ctx, i, view, m.image !== null);
  }

  /** run i's frame, ticks and axis labels */
  private drawAxes(ctx: CanvasRenderingContext2D, i: number, view: AtlasRunAxes): void {
    const s = this.plot;
    const pad = this.pad;
    const k = this.textScale;
    const [a, b] = axisExtent(view.xAxis);
    const [c, d] = axisExtent(view.yAxis);
    ctx.strokeStyle = THEME.frame;
    ctx.lineWidth = 1;
    ctx.strokeRect(pad.left - 0.5, pad.top - 0.5, s + 1, s + 1);
    ctx.fillStyle = THEME.text;
    ctx.font = this.font(13);
    const count = Math.max(3, Math.round(s / (60 * k)));
    const tick = Math.round(5 * k);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of fittingTicks(a, b, count, view.xLog, s, (label) => ctx.measureText(label).width)) {
      const [x] = this.toPixel(i, v, c);
      ctx.fillRect(Math.round(x), pad.top + s, 1, tick);
      ctx.fillText(formatAxisTick(v, view.xLog), x, pad.top + s + tick + 2);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of axisTicks(c, d, count, view.yLog)) {
      const [, y] = this.toPixel(i, a, v);
      ctx.fillRect(pad.left - tick, Math.round(y), tick, 1);
      ctx.fillText(formatAxisTick(v, view.yLog), pad.left - tick - 3, y);
    }
    ctx.font = this.font(14, '600');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(view.xLabel, pad.left + s / 2, pad.top + s + pad.bottom - 3);
    ctx.save();
    ctx.translate(Math.round(12 * k), pad.top + s / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(view.yLabel, 0, 0);
    ctx.restore();
  }

  /** run i's marker (where the settings are) and the zoom rectangle being dragged, clipped to the plot */
  private drawMarks(ctx: CanvasRenderingContext2D, i: number, view: AtlasRunAxes, hasImage: boolean): void {
    const s = this.plot;
    const pad = this.pad;
    const k = this.textScale;
    const [a, b] = axisExtent(view.xAxis);
    const [c, d] = axisExtent(view.yAxis);
    ctx.save();
    ctx.beginPath();
    ctx.rect(pad.left, pad.top, s, s);
    ctx.clip();
    const mk = view.marker;
    if (hasImage && mk && mk[0] >= a && mk[0] <= b && mk[1] >= c && mk[1] <= d) {
      const [x, y] = this.toPixel(i, mk[0], mk[1]);
      strokeAtlasMarker(ctx, x, y, k);
    }
    const p = this.press;
    if (p && p.run === i && p.dragging) {
      const x = Math.min(p.x0, p.x1);
      const y = Math.min(p.y0, p.y1);
      const w = Math.abs(p.x1 - p.x0);
      const h = Math.abs(p.y1 - p.y0);
      ctx.fillStyle = 'rgba(255, 255, 255, 0.12)';
      ctx.fillRect(x, y, w, h);
      ctx.lineWidth = 3;
      ctx.strokeStyle = THEME.outline;
      ctx.strokeRect(x + 0.5, y + 0.5, w, h);
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(x + 0.5, y + 0.5, w, h);
      ctx.setLineDash([]);
    }
    ctx.restore();
  }

  private buildLegend(): void {
    this.legendKey = `${this.textScale}@${this.dpr}`;
    this.legend.replaceChildren(...atlasLegendItems(this.textScale, this.dpr));
  }

  /** The atlas of the view model's engine (null: hidden). */
  update(input: AtlasPanelInput | null): void {
    this.show(input);
  }

  /** Every run's map at width x height image pixels, scale s (an error when there is no atlas). */
  renderAt(width: number, height: number, s: number): HTMLCanvasElement {
    if (!this.input) throw new Error('snapshot: no atlas to draw (set atlas=starts or atlas=lr)');
    return renderAtlasImage(this.input, width, height, s);
  }
}
