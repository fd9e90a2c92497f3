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
import { formatTick } from './common';
import { axisExtent, axisTicks, fittingTicks, formatAxisTick, formatAxisValue, nearestIndex, wheelFactor, zoomAbout } from './atlasAxes';
import { t as tr } from '../i18n';
import {
  atlasCellColour,
  atlasGridColumns,
  atlasOutcomeText,
  atlasRunView,
  atlasShares,
  convergedRgb,
  divergedRgb,
  formatShare,
  greyRgb,
  type AtlasHoverInfo,
  type AtlasPanelInput,
  type AtlasRunAxes,
} from './atlasCells';

// ---------------------------------------------------------------------------------------------
// The panel.

/** Canvas padding around each square map: y ticks and label left, x ticks and label below (times the text scale). */
const PAD = { left: 62, right: 16, top: 8, bottom: 42 };
/** The tallest a map's canvas gets (times the text scale). */
const MAX_CANVAS_HEIGHT = 360;
const MIN_PLOT = 48;
const GRID_GAP = 12;
/** .panel's horizontal padding (ATLAS_CSS), subtracted from setWidth's width. */
const PANEL_PADDING_X = 24;
const DRAG_THRESHOLD = 4;
/** the canvas around the plot: the panel's colour; cells outside the grid: the page's */
const PANEL_BG = '#171c25';
const BACKGROUND_RGB: readonly [number, number, number] = [16, 20, 27];
const MARKER = '#ff6a00';
const OUTLINE = '#0b0d12';

export const ATLAS_CSS = `
#atlas-panel { background: #171c25; color: #dfe6ee; border-radius: 6px; padding: 8px 12px; margin-bottom: 10px; }
#atlas-panel h3 { margin: 0 0 6px; font-size: 15px; }
#atlas-panel .atlas-grid { display: grid; gap: ${GRID_GAP}px; align-items: end; }
#atlas-panel .atlas-cell { display: flex; flex-direction: column; justify-content: flex-end; min-width: 0; }
#atlas-panel .atlas-title { font-size: 13px; font-weight: 600; line-height: 1.3; margin: 0 0 2px; overflow-wrap: anywhere; }
#atlas-panel .atlas-title .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: 0; border: 1px solid #0b0d12; }
#atlas-panel canvas.atlas-map { display: block; margin: 0; cursor: crosshair; touch-action: none; }
#atlas-progress { display: flex; align-items: center; gap: 8px; font-size: 13px; color: #9aa6b5; margin: 0 0 6px; font-variant-numeric: tabular-nums; }
#atlas-progress .atlas-bar { flex: 1; height: 6px; background: #10141b; border-radius: 3px; overflow: hidden; }
#atlas-progress .atlas-bar-fill { height: 100%; background: #ff6a00; }
#atlas-legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; color: #dfe6ee; margin: 8px 0 4px; }
#atlas-legend .atlas-legend-item { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
#atlas-legend canvas { display: inline-block; margin: 0; border: 1px solid #0b0d12; }
#atlas-summary { font-size: 13px; line-height: 1.45; color: #dfe6ee; font-variant-numeric: tabular-nums; }
#atlas-summary .atlas-summary-row .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; border: 1px solid #0b0d12; }
#atlas-summary .atlas-summary-name { font-weight: 600; }
#atlas-note { color: #9aa6b5; font-size: 13px; margin-top: 4px; }
#app[data-present='1'] #atlas-panel h3, #app[data-present='1'] #atlas-panel .atlas-title, #app[data-present='1'] #atlas-progress, #app[data-present='1'] #atlas-legend, #app[data-present='1'] #atlas-summary, #app[data-present='1'] #atlas-note { font-size: 21px; }
#app[data-present='1'] #atlas-panel .swatch { width: 16px; height: 16px; }
#app[data-present='1'] #atlas-progress .atlas-bar { height: 10px; border-radius: 5px; }
`;

interface MapView {
  cell: HTMLElement;
  title: HTMLElement;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  /** the cell image at the plot's size, or null while the run has no result */
  image: HTMLCanvasElement | null;
}

interface Press {
  run: number;
  pointerId: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dragging: boolean;
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
  private input: AtlasPanelInput | null = null;
  private maps: MapView[] = [];
  private width = 400;
  /** side of each square map, CSS pixels */
  private plot = 200;
  private press: Press | null = null;
  /** text, ticks and margins are multiplied by this (presentation mode: projector size) */
  private textScale = 1;
  /** PAD times the text scale, CSS pixels */
  private pad = { ...PAD };
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
    this.buildSummary();
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

  /** Page coordinates of an axis point in run's map, or null (no such map, hidden, outside the axes). */
  cellToClient(run: number, x: number, y: number): { x: number; y: number } | null {
    const m = this.maps[run];
    if (!m || !this.input || this.element.hidden) return null;
    const v = atlasRunView(this.input, run);
    const [a, b] = axisExtent(v.xAxis);
    const [c, d] = axisExtent(v.yAxis);
    if (!(x >= a && x <= b && y >= c && y <= d)) return null;
    const [px, py] = this.toPixel(run, x, y);
    const rect = m.canvas.getBoundingClientRect();
    return { x: rect.left + px + window.scrollX, y: rect.top + py + window.scrollY };
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
      this.listen(i, canvas);
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

  private buildSummary(): void {
    const input = this.input!;
    const rows: HTMLElement[] = [];
    const v0 = atlasRunView(input, 0);
    const size = { nx: v0.xAxis.length, ny: v0.yAxis.length, iterations: input.iterations, tol: formatTick(input.tol) };
    const head = input.mode === 'starts'
      ? tr('{nx} × {ny} starts, {iterations} iterations, converged: cost < {tol}', size)
      : tr('{nx} × {ny} settings, {iterations} iterations, converged: cost < {tol}', size);
    rows.push(el('div', { class: 'atlas-summary-head' }, head));
    for (const run of input.runs) {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = run.css;
      let text = tr(': no result yet');
      if (run.result) {
        const s = atlasShares(run.result);
        text = tr(': {converged} converge, {diverged} diverge, {notConverged} do not converge', { converged: formatShare(s.converged), diverged: formatShare(s.diverged), notConverged: formatShare(s.notConverged) });
      }
      rows.push(el('div', { class: 'atlas-summary-row' }, swatch, el('span', { class: 'atlas-summary-name' }, run.title), text));
    }
    this.summary.replaceChildren(...rows);
  }

  /** Three ramps, painted pixel by pixel like the maps. */
  private buildLegend(): void {
    this.legendKey = `${this.textScale}@${this.dpr}`;
    const ramp = (colour: (t: number) => [number, number, number]) => {
      // CSS size times the text scale; canvas pixels times devicePixelRatio
      const cssW = Math.round(56 * this.textScale);
      const cssH = Math.round(12 * this.textScale);
      const w = Math.round(cssW * this.dpr);
      const h = Math.round(cssH * this.dpr);
      const canvas = el('canvas', { class: 'atlas-swatch', width: String(w), height: String(h) });
      canvas.style.width = `${cssW}px`;
      canvas.style.height = `${cssH}px`;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (ctx) {
        const image = ctx.createImageData(w, h);
        for (let x = 0; x < w; x++) {
          const rgb = colour(x / (w - 1));
          for (let y = 0; y < h; y++) {
            const k = (y * w + x) * 4;
            image.data[k] = rgb[0];
            image.data[k + 1] = rgb[1];
            image.data[k + 2] = rgb[2];
            image.data[k + 3] = 255;
          }
        }
        ctx.putImageData(image, 0, 0);
      }
      return canvas;
    };
    const item = (canvas: HTMLCanvasElement, text: string) => el('span', { class: 'atlas-legend-item' }, canvas, text);
    this.legend.replaceChildren(
      item(ramp((t) => convergedRgb(1 - t)), tr('converged fast → slow')),
      item(ramp((t) => greyRgb(t, false)), tr('not converged (grey: final cost)')),
      item(ramp((t) => divergedRgb(t)), tr('diverged early → late')),
    );
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
      if (rebuildImages || sizeChanged || !m.image) m.image = this.cellImage(i);
      this.draw(i);
    }
  }

  /** Run i's cells at the plot's size in canvas pixels: nearest cell per pixel, row 0 at the bottom. */
  private cellImage(i: number): HTMLCanvasElement | null {
    const input = this.input!;
    const result = input.runs[i]?.result;
    if (!result) return null;
    const s = Math.round(this.plot * this.dpr);
    const { xAxis, yAxis } = atlasRunView(input, i);
    const nx = xAxis.length;
    const ny = yAxis.length;
    const [a, b] = axisExtent(xAxis);
    const [c, d] = axisExtent(yAxis);
    const colOf = new Int32Array(s);
    for (let px = 0; px < s; px++) colOf[px] = nearestIndex(xAxis, a + ((px + 0.5) / s) * (b - a));
    const canvas = document.createElement('canvas');
    canvas.width = s;
    canvas.height = s;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    const image = ctx.createImageData(s, s);
    const data = image.data;
    const cells = Math.min(nx * ny, result.finalCost.length, result.convergedAt.length, result.divergedAt.length);
    let lastCell = -2;
    let rgb: readonly [number, number, number] = BACKGROUND_RGB;
    for (let py = 0; py < s; py++) {
      const row = nearestIndex(yAxis, d - ((py + 0.5) / s) * (d - c));
      for (let px = 0; px < s; px++) {
        const cell = row * nx + colOf[px];
        if (cell !== lastCell) {
          lastCell = cell;
          rgb =
            row < 0 || colOf[px] < 0 || cell >= cells
              ? BACKGROUND_RGB
              : atlasCellColour(result.convergedAt[cell], result.divergedAt[cell], result.finalCost[cell], input.iterations);
        }
        const k = (py * s + px) * 4;
        data[k] = rgb[0];
        data[k + 1] = rgb[1];
        data[k + 2] = rgb[2];
        data[k + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    return canvas;
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
  private fromPixel(i: number, px: number, py: number): [number, number] {
    const v = atlasRunView(this.input!, i);
    const [a, b] = axisExtent(v.xAxis);
    const [c, d] = axisExtent(v.yAxis);
    const s = this.plot;
    return [a + ((px - this.pad.left) / s) * (b - a), d - ((py - this.pad.top) / s) * (d - c)];
  }

  private insidePlot(px: number, py: number): boolean {
    const pad = this.pad;
    return px >= pad.left && px < pad.left + this.plot && py >= pad.top && py < pad.top + this.plot;
  }

  private draw(i: number): void {
    const input = this.input;
    const m = this.maps[i];
    if (!input || !m) return;
    const ctx = m.ctx;
    const s = this.plot;
    const pad = this.pad;
    const dpr = this.dpr;
    // the cell image pixel for pixel at a whole canvas pixel; everything else in CSS pixels
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = PANEL_BG;
    ctx.fillRect(0, 0, m.canvas.width, m.canvas.height);
    if (m.image) ctx.drawImage(m.image, Math.round(pad.left * dpr), Math.round(pad.top * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!m.image) {
      ctx.fillStyle = '#10141b';
      ctx.fillRect(pad.left, pad.top, s, s);
      ctx.fillStyle = '#9aa6b5';
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
    ctx.strokeStyle = '#b8c0cc';
    ctx.lineWidth = 1;
    ctx.strokeRect(pad.left - 0.5, pad.top - 0.5, s + 1, s + 1);
    ctx.fillStyle = '#dfe6ee';
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
      ctx.beginPath();
      ctx.arc(x, y, 6 * k, 0, 2 * Math.PI);
      ctx.lineWidth = 5 * k;
      ctx.strokeStyle = OUTLINE;
      ctx.stroke();
      ctx.lineWidth = 2.5 * k;
      ctx.strokeStyle = MARKER;
      ctx.stroke();
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
      ctx.strokeStyle = OUTLINE;
      ctx.strokeRect(x + 0.5, y + 0.5, w, h);
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(x + 0.5, y + 0.5, w, h);
      ctx.setLineDash([]);
    }
    ctx.restore();
  }

  // --- pointer ---------------------------------------------------------------------------------

  /** The cell of run i's map under a canvas pixel of the plot. */
  private cellAt(i: number, px: number, py: number): { col: number; row: number; x: number; y: number } | null {
    const input = this.input;
    if (!input || !this.insidePlot(px, py)) return null;
    const { xAxis, yAxis } = atlasRunView(input, i);
    if (xAxis.length === 0 || yAxis.length === 0) return null;
    const [ax, ay] = this.fromPixel(i, px, py);
    const col = nearestIndex(xAxis, ax);
    const row = nearestIndex(yAxis, ay);
    return { col, row, x: xAxis[col], y: yAxis[row] };
  }

  private hoverText(run: number, col: number, row: number): string {
    const input = this.input!;
    const v = atlasRunView(input, run);
    const spacing = (axis: Float64Array) => (axis.length > 1 ? (axis[axis.length - 1] - axis[0]) / (axis.length - 1) : 1);
    const fx = formatAxisValue(v.xAxis[col], v.xLog, spacing(v.xAxis));
    const fy = formatAxisValue(v.yAxis[row], v.yLog, spacing(v.yAxis));
    const where = input.mode === 'starts' ? tr('start ({x}, {y})', { x: fx, y: fy }) : `${v.xLabel} ${fx}, ${v.yLabel} ${fy}`;
    const r = input.runs[run]?.result;
    const cell = row * v.xAxis.length + col;
    if (!r || cell >= r.convergedAt.length) return where + tr(': no result yet');
    return `${where}: ${atlasOutcomeText(r.convergedAt[cell], r.divergedAt[cell], r.finalCost[cell])}`;
  }

  private listen(i: number, canvas: HTMLCanvasElement): void {
    const local = (e: MouseEvent): [number, number] => {
      const rect = canvas.getBoundingClientRect();
      return [e.clientX - rect.left, e.clientY - rect.top];
    };
    const clampToPlot = (px: number, py: number): [number, number] => [
      Math.min(this.pad.left + this.plot, Math.max(this.pad.left, px)),
      Math.min(this.pad.top + this.plot, Math.max(this.pad.top, py)),
    ];
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !this.input) return;
      const [px, py] = local(e);
      if (!this.insidePlot(px, py)) return;
      this.press = { run: i, pointerId: e.pointerId, x0: px, y0: py, x1: px, y1: py, dragging: false };
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        // synthetic events without an active pointer
      }
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.input) return;
      const [px, py] = local(e);
      const p = this.press;
      if (p && p.run === i) {
        [p.x1, p.y1] = clampToPlot(px, py);
        if (!p.dragging && (Math.abs(p.x1 - p.x0) >= DRAG_THRESHOLD || Math.abs(p.y1 - p.y0) >= DRAG_THRESHOLD)) {
          p.dragging = true;
          this.onHover(null, e.clientX, e.clientY);
        }
        if (p.dragging) {
          if (this.input.mode === 'lr') this.draw(i);
          return;
        }
      }
      const cell = this.cellAt(i, px, py);
      if (!cell) {
        this.onHover(null, e.clientX, e.clientY);
        return;
      }
      this.onHover({ run: i, ...cell, text: this.hoverText(i, cell.col, cell.row) }, e.clientX, e.clientY);
    });
    const release = (e: PointerEvent, cancelled: boolean) => {
      const p = this.press;
      if (!p || p.run !== i) return;
      this.press = null;
      try {
        if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
      } catch {
        // nothing captured
      }
      if (cancelled || !this.input) {
        this.draw(i);
        return;
      }
      if (!p.dragging) {
        const cell = this.cellAt(i, p.x0, p.y0);
        if (cell) this.onPick(i, cell.x, cell.y);
        return;
      }
      this.draw(i);
      if (this.input.mode !== 'lr') return; // starts mode: a drag does nothing
      this.zoomToDrag(i, p);
    };
    canvas.addEventListener('pointerup', (e) => release(e, false));
    canvas.addEventListener('pointercancel', (e) => release(e, true));
    canvas.addEventListener('pointerleave', (e) => {
      if (!this.press) this.onHover(null, e.clientX, e.clientY);
    });
    canvas.addEventListener('wheel', (e) => this.wheel(i, e, local(e)), { passive: false });
  }

  /** A dragged rectangle on run i's lr map: its window. A side under the threshold keeps that axis's whole extent (a flat drag zooms x only). */
  private zoomToDrag(i: number, p: { x0: number; y0: number; x1: number; y1: number }): void {
    if (!this.input) return;
    const view = atlasRunView(this.input, i);
    const [a, b] = axisExtent(view.xAxis);
    const [c, d] = axisExtent(view.yAxis);
    const [xa, ya] = this.fromPixel(i, p.x0, p.y0);
    const [xb, yb] = this.fromPixel(i, p.x1, p.y1);
    const wide = Math.abs(p.x1 - p.x0) >= DRAG_THRESHOLD;
    const tall = Math.abs(p.y1 - p.y0) >= DRAG_THRESHOLD;
    this.onZoom(i, [wide ? Math.min(xa, xb) : a, wide ? Math.max(xa, xb) : b, tall ? Math.min(ya, yb) : c, tall ? Math.max(ya, yb) : d]);
  }

  /** The wheel over run i's lr map zooms its window about the pointer. */
  private wheel(i: number, e: WheelEvent, [px, py]: [number, number]): void {
    const input = this.input;
    if (!input || input.mode !== 'lr' || !this.insidePlot(px, py)) return;
    e.preventDefault();
    const factor = wheelFactor(e.deltaY);
    if (factor === 1) return;
    const view = atlasRunView(input, i);
    const [a, b] = axisExtent(view.xAxis);
    const [c, d] = axisExtent(view.yAxis);
    const [x, y] = this.fromPixel(i, px, py);
    this.onZoom(i, zoomAbout([a, b, c, d], x, y, factor));
  }
}
