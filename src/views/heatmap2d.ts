/**
 * The 2D view: log10(cost + 1) (or, colorBy=sharpness, log10 of the sharpness λmax) as a top-down heatmap with the tutorial's contour levels, the six
 * points and the Rprop trajectory (the tutorial's figures 1 and 3). 'zoom' shows the model's zoom window (the linear RNN's: [0, 2]^2
 * like the tutorial's second panel), sampled from the same grid. While the lesson is shown, the stability contour (stabilityLine2d.ts).
 */
import type { SurfaceResult } from '../gpu/backend';
import { Canvas2DView, wrapText } from './canvas2d';
import type { SurfaceSummary } from '../model/surface';
import { contourLevels, OVERFLOW_RGB, viridis } from './colormap';
import { contourLayers } from './contours';
import { disc, drawCrossings, drawRuns } from './runs2d';
import { TUTORIAL_POINTS, formatTick, niceTicks, startAtEdge, startOutsideNote } from './common';
import { t } from '../i18n';
import { THEME } from '../present/theme';
import type { ViewModel } from '../present/viewModel';
import type { ModelView } from '../present/modelView';
import type { SharpnessScale, StabilityLine } from '../present/sharpnessMap';
import { keepClearOfLabels, labelStabilityLine, stabilityPixels, strokeStabilityLine } from './stabilityLine2d';

export interface HeatmapRun {
  weights: readonly [number, number][];
  css: string;
}

const PAD = { left: 54, right: 14, top: 30, bottom: 44 };
/** outside the computed grid (a window larger than the range) */
const BACKGROUND_RGB: readonly [number, number, number] = [16, 20, 27];

export class HeatmapView extends Canvas2DView {
  private surface: SurfaceResult | null = null;
  /** what the colours show: log10(cost + 1) from 0 to logTop, or colorBy=sharpness's log10 λmax */
  private field: ColourField | null = null;
  private stability: StabilityLine | null = null;
  private contours: number[][] = [];
  /** the window drawn: [wxMin, wxMax, wRecMin, wRecMax] */
  private view: [number, number, number, number] = [-3, 3, -3, 3];
  private runs: HeatmapRun[] = [];
  private frame = 0;
  /** the heatmap and its contours at the plot's size: rebuilt only when the surface, window or size change */
  private base: HTMLCanvasElement | null = null;
  private baseKey = '';
  title = '';
  /** the model's names, points and lines (null: the tutorial's) */
  private model: ModelView | null = null;

  constructor(container: HTMLElement | null) {
    super(container, 'heatmap');
  }

  setSurface(s: SurfaceResult, summary: SurfaceSummary, range: [number, number, number, number], zoom: boolean, withContours: boolean, sharpness: SharpnessScale | null = null): void {
    this.surface = s;
    this.field = sharpness ?? { logs: summary.logs, bottom: 0, top: summary.logTop };
    const mv = this.model; // its zoom window: the tutorial's second panel, [0, 2]², for the linear RNN
    const window = mv?.zoomText ?? '[0, 2]²';
    this.view = zoom ? [...(mv?.zoom ?? [0, 2, 0, 2])] : range;
    if (sharpness) this.title = zoom ? t('log10 sharpness λmax, zoom on {window}', { window }) : t('log10 sharpness λmax, top view');
    else if (!zoom) this.title = mv?.mapTitle ?? t('log10(cost + 1), top view');
    else this.title = mv?.heightKind === 'linear' ? t('{cost}, zoom on {window}', { cost: mv.costLabel, window }) : t('log cost, zoom on {window}', { window });
    this.contours = withContours ? contourLayers(summary.logs, s.res, this.model?.contourLevels ?? contourLevels()) : [];
    this.base = null;
  }

  setRuns(runs: HeatmapRun[]): void {
    this.runs = runs;
  }

  private shown: { surface: SurfaceResult; zoom: string; contours: boolean; runs: unknown; sharpness: SharpnessScale | null } | null = null;

  /** The surface (again when it, the zoom or the contours changed) and the runs in their colours. */
  update(vm: ViewModel): void {
    const { state, params } = vm;
    const old = this.shown;
    this.model = vm.model;
    if (!old || old.surface !== state.surface || old.zoom !== params.zoom || old.contours !== params.contours || old.sharpness !== vm.sharpness)
      this.setSurface(state.surface, state.summary, state.params.range, params.zoom === 'zoom', params.contours, vm.sharpness);
    if (!old || old.runs !== vm.runs) this.setRuns(vm.runs.map((r) => ({ weights: r.run.weights, css: r.css })));
    this.stability = vm.stability;
    this.shown = { surface: state.surface, zoom: params.zoom, contours: params.contours, runs: vm.runs, sharpness: vm.sharpness };
  }

  setFrame(k: number): void {
    this.frame = k;
  }

  private plotRect() {
    const k = this.textScale;
    // at least a few pixels: a small panel with projector-size margins must not get a negative plot
    const size = Math.max(8, Math.floor(Math.min(this.width - k * (PAD.left + PAD.right), this.height - k * (PAD.top + PAD.bottom))));
    return { x: Math.round(k * PAD.left), y: Math.round(k * PAD.top), w: size, h: size };
  }

  /** canvas pixel of a weight pair */
  private toPixel(wx: number, wRec: number): [number, number] {
    const r = this.plotRect();
    const [a, b, c, d] = this.view;
    return [r.x + ((wx - a) / (b - a)) * r.w, r.y + (1 - (wRec - c) / (d - c)) * r.h];
  }

  /** weights under a client-space point, or null outside the plot */
  fromClient(clientX: number, clientY: number): { wx: number; wRec: number } | null {
    const rect = this.canvas.getBoundingClientRect();
    const r = this.plotRect();
    const u = (clientX - rect.left - r.x) / r.w;
    const v = (clientY - rect.top - r.y) / r.h;
    if (u < 0 || u > 1 || v < 0 || v > 1) return null;
    const [a, b, c, d] = this.view;
    return { wx: a + u * (b - a), wRec: d - v * (d - c) };
  }

  /** page coordinates of a weight pair in this plot, or null outside it or when the plot is not shown */
  toScreen(wx: number, wRec: number): { x: number; y: number } | null {
    const [a, b, c, d] = this.view;
    if (wx < a || wx > b || wRec < c || wRec > d) return null;
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return null; // not shown
    const [x, y] = this.toPixel(wx, wRec);
    return { x: rect.left + x + window.scrollX, y: rect.top + y + window.scrollY };
  }

  /**
   * The heatmap (nearest grid cell per screen pixel, computed here in JS, so the pixels do not
   * depend on how the browser scales images) and its contour lines, at the plot's size.
   */
  private baseLayer(): HTMLCanvasElement | null {
    const s = this.surface;
    const summary = this.field;
    if (!s || !summary) return null;
    const r = this.plotRect();
    const key = `${this.width}x${this.height}@${this.scale}:${this.view.join(',')}`;
    if (this.base && this.baseKey === key) return this.base;
    // one computed colour per device pixel
    const W = Math.round(r.w * this.dpr);
    const H = Math.round(r.h * this.dpr);
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const [a, b, c, d] = this.view;
    const [ga, gb, gc, gd] = [s.wx[0], s.wx[s.res - 1], s.wRec[0], s.wRec[s.res - 1]];
    const colOf = new Int32Array(W);
    for (let px = 0; px < W; px++) colOf[px] = Math.round(((a + ((px + 0.5) / W) * (b - a) - ga) / (gb - ga)) * (s.res - 1));
    const image = ctx.createImageData(W, H);
    const { bottom, top } = summary;
    // Each pixel's four bytes as one word: the grid cell's colour (computed once per cell while
    // there are fewer cells than pixels, else per pixel as before), the same bytes either way.
    const words = new Uint32Array(image.data.buffer, image.data.byteOffset, W * H);
    const cells = s.res * s.res <= W * H ? cellWords(summary) : null;
    const one = new Uint8ClampedArray(4);
    const oneWord = new Uint32Array(one.buffer);
    const word = (rgb: readonly [number, number, number]) => {
      one[0] = rgb[0];
      one[1] = rgb[1];
      one[2] = rgb[2];
      one[3] = 255;
      return oneWord[0];
    };
    const background = word(BACKGROUND_RGB);
    for (let py = 0; py < H; py++) {
      const row = Math.round(((d - ((py + 0.5) / H) * (d - c) - gc) / (gd - gc)) * (s.res - 1));
      const rowInside = row >= 0 && row < s.res;
      const base = row * s.res;
      let k = py * W;
      for (let px = 0; px < W; px++, k++) {
        const col = colOf[px];
        if (!rowInside || col < 0 || col >= s.res) words[k] = background;
        else if (cells) words[k] = cells[base + col];
        else {
          const l = summary.logs[base + col];
          words[k] = word(Number.isFinite(l) ? viridis((l - bottom) / (top - bottom)) : OVERFLOW_RGB);
        }
      }
    }
    ctx.putImageData(image, 0, 0);
    ctx.setTransform(this.scale, 0, 0, this.scale, 0, 0);
    // contours, in grid index units (toPixel's arithmetic, written out: no array per point)
    ctx.strokeStyle = 'rgba(10, 12, 18, 0.6)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    const gxSpan = gb - ga;
    const gySpan = gd - gc;
    const last = s.res - 1;
    const xSpan = b - a;
    const ySpan = d - c;
    for (const seg of this.contours)
      for (let i = 0; i < seg.length; i += 4) {
        const x1 = r.x + ((ga + (seg[i] / last) * gxSpan - a) / xSpan) * r.w;
        const y1 = r.y + (1 - (gc + (seg[i + 1] / last) * gySpan - c) / ySpan) * r.h;
        const x2 = r.x + ((ga + (seg[i + 2] / last) * gxSpan - a) / xSpan) * r.w;
        const y2 = r.y + (1 - (gc + (seg[i + 3] / last) * gySpan - c) / ySpan) * r.h;
        ctx.moveTo(x1 - r.x, y1 - r.y);
        ctx.lineTo(x2 - r.x, y2 - r.y);
      }
    ctx.stroke();
    this.base = canvas;
    this.baseKey = key;
    return canvas;
  }

  draw(): void {
    const ctx = this.begin();
    const s = this.surface;
    ctx.fillStyle = THEME.background;
    ctx.fillRect(0, 0, this.width, this.height);
    const base = this.baseLayer();
    if (!s || !base) return;
    const r = this.plotRect();
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    ctx.drawImage(base, r.x, r.y, r.w, r.h);
    if (!this.model || this.model.wRecOneLines) this.drawWRecLines(ctx);
    else this.drawModelLines(ctx);
    const line = this.stability && this.surface ? stabilityPixels(this.stability, this.surface, (wx, wRec) => this.toPixel(wx, wRec)) : null;
    if (line) strokeStabilityLine(ctx, line, this.textScale);
    // the runs (their crossings of the edge are drawn after the frame's clip, whole)
    const { crossings, outside } = this.drawRunsAndPoints(ctx);
    ctx.restore();
    drawCrossings(ctx, crossings);
    if (outside) this.drawStartOutside(ctx, outside, r);
    if (line) labelStabilityLine(ctx, line, r, this.font(13, '600'), this.textScale,
      keepClearOfLabels(this.runs, this.frame, this.model?.points ?? TUTORIAL_POINTS, (wx, wRec) => this.toPixel(wx, wRec)));
    this.drawFrame(ctx, r);
  }

  /** the dashed lines |wRec| = 1 */
  private drawWRecLines(ctx: CanvasRenderingContext2D): void {
    const [a, b, c, d] = this.view;
    ctx.setLineDash([6, 5]);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.lineWidth = 1.5;
    for (const w of [1, -1]) {
      if (w < c || w > d) continue;
      const [x1, y1] = this.toPixel(a, w);
      const [x2] = this.toPixel(b, w);
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y1);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }

  /** the model's lines (the sigmoid unit's valley), dashed, labelled where they end */
  private drawModelLines(ctx: CanvasRenderingContext2D): void {
    ctx.setLineDash([6, 5]);
    ctx.lineWidth = 1.5;
    ctx.font = this.font(12, '600');
    for (const l of this.model?.lines ?? []) {
      const [x1, y1] = this.toPixel(...l.from);
      const [x2, y2] = this.toPixel(...l.to);
      ctx.strokeStyle = l.css;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
      ctx.fillStyle = l.css;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(l.label, x2 + 8, y2 - 6);
    }
    ctx.setLineDash([]);
  }

  /** the runs, the start (or where a start outside will be marked) and the tutorial's points, inside the clip */
  private drawRunsAndPoints(ctx: CanvasRenderingContext2D): { crossings: ReturnType<typeof drawRuns>; outside: StartNote | null } {
    const [a, b, c, d] = this.view;
    const crossings = drawRuns(ctx, this.runs, this.view, this.frame, (wx, wRec) => this.toPixel(wx, wRec));
    const main = this.runs[0]?.weights;
    let outside: StartNote | null = null;
    if (main && main.length > 0) {
      // A start outside the window is marked at its edge, with a note (never hidden).
      const edge = startAtEdge(main[0][0], main[0][1], this.view);
      const [sx, sy] = this.toPixel(...(edge ?? main[0]));
      if (edge) outside = { x: sx, y: sy, text: startOutsideNote(main[0][0], main[0][1]) };
      else disc(ctx, sx, sy, 6, THEME.marker);
    }
    for (const p of this.model?.points ?? TUTORIAL_POINTS) {
      if (p.wx < a || p.wx > b || p.wRec < c || p.wRec > d) continue;
      const [x, y] = this.toPixel(p.wx, p.wRec);
      disc(ctx, x, y, 5.5, p.css);
      if ('name' in p && p.name) this.pointLabel(ctx, p.name, p.css, x, y);
    }
    return { crossings, outside };
  }

  /** a named marked point's label beside it (the cliff, the plateau, the valley's end) */
  private pointLabel(ctx: CanvasRenderingContext2D, text: string, css: string, x: number, y: number): void {
    ctx.font = this.font(12, '600');
    ctx.fillStyle = css;
    ctx.textBaseline = 'middle';
    // to the left of the point where the text would pass the plot's right edge
    const r = this.plotRect();
    const left = x + 9 + ctx.measureText(text).width > r.x + r.w;
    ctx.textAlign = left ? 'right' : 'left';
    ctx.fillText(text, left ? x - 9 : x + 9, y);
  }

  /** a start outside the window: its marker on the frame, whole, and its note */
  private drawStartOutside(ctx: CanvasRenderingContext2D, outside: StartNote, r: Rect): void {
    disc(ctx, outside.x, outside.y, 6, THEME.marker); // on the frame, whole (not clipped)
    // the note inside the plot, beside the marker, on a dark box so that it reads on any colour
    ctx.font = this.font(13, '600');
    // in as many lines as it takes to stay inside the plot (the zoomed map is narrow)
    const lines = wrapText(ctx, outside.text, r.w - 16);
    const lineH = 20 * this.textScale;
    const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 12;
    const x = Math.min(Math.max(outside.x - w / 2, r.x + 2), r.x + r.w - w - 2);
    const y = outside.y < r.y + r.h / 2 ? outside.y + 12 : outside.y - 32 - (lines.length - 1) * lineH;
    ctx.fillStyle = 'rgba(11, 13, 18, 0.85)';
    ctx.fillRect(x, y, w, lineH * lines.length);
    ctx.fillStyle = THEME.marker;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    lines.forEach((line, i) => ctx.fillText(line, x + 6, y + lineH * i + 10 * this.textScale));
  }

  /** frame, ticks, labels */
  private drawFrame(ctx: CanvasRenderingContext2D, r: Rect): void {
    const [a, b, c, d] = this.view;
    ctx.strokeStyle = THEME.frame;
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
    ctx.fillStyle = THEME.text;
    ctx.font = this.font(13);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of niceTicks(a, b, 6)) {
      const [x] = this.toPixel(v, c);
      ctx.fillRect(x, r.y + r.h, 1, 5);
      ctx.fillText(formatTick(v), x, r.y + r.h + 7);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of niceTicks(c, d, 6)) {
      const [, y] = this.toPixel(a, v);
      ctx.fillRect(r.x - 5, y, 5, 1);
      ctx.fillText(formatTick(v), r.x - 8, y);
    }
    ctx.font = this.font(14, '600');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const [xName, yName] = this.model?.axes ?? ['wx', 'wRec'];
    ctx.fillText(xName, r.x + r.w / 2, this.height - 4);
    // the title centred over the plot, smaller where the map is too narrow for it (2D only, presentation mode)
    const titleW = ctx.measureText(this.title).width;
    if (titleW > this.width - 8) ctx.font = this.font((14 * (this.width - 8)) / titleW, '600');
    const titleX = Math.min(Math.max(r.x + r.w / 2, ctx.measureText(this.title).width / 2 + 4), this.width - ctx.measureText(this.title).width / 2 - 4);
    ctx.fillText(this.title, titleX, r.y - 8);
    ctx.font = this.font(14, '600');
    ctx.save();
    ctx.translate(14 * this.textScale, r.y + r.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(yName, 0, 0);
    ctx.restore();
  }
}

/** where a start outside the window is marked, and its note */
type StartNote = { x: number; y: number; text: string };

type Rect = { x: number; y: number; w: number; h: number };

/** The values coloured: log10 per cell (Infinity: grey) on a scale from bottom to top. */
interface ColourField {
  logs: Float32Array;
  bottom: number;
  top: number;
}

/** every grid cell's colour as the four bytes of a pixel (RGBA, alpha 255), once per field */
const cellWordsCache = new WeakMap<Float32Array, Uint32Array>();
function cellWords(field: ColourField): Uint32Array {
  let words = cellWordsCache.get(field.logs);
  if (!words) {
    const { logs, bottom, top } = field;
    const bytes = new Uint8ClampedArray(4 * logs.length);
    for (let i = 0, k = 0; i < logs.length; i++, k += 4) {
      const l = logs[i];
      const rgb = Number.isFinite(l) ? viridis((l - bottom) / (top - bottom)) : OVERFLOW_RGB;
      bytes[k] = rgb[0];
      bytes[k + 1] = rgb[1];
      bytes[k + 2] = rgb[2];
      bytes[k + 3] = 255;
    }
    words = new Uint32Array(bytes.buffer);
    cellWordsCache.set(field.logs, words);
  }
  return words;
}
