/**
 * Images for slides: one panel (or the whole page) rendered at the asked size, up to 3840 x 2160,
 * as a PNG. Every panel is drawn again at that size (the 3D view by the renderer at that size,
 * the 2D panels by their own drawing code at a larger scale), never a screenshot enlarged; each
 * carries its legend, and the surface's panels their colour bar. Text in the bundled fonts only.
 */
import type { EngineState } from '../engine';
import type { Params } from '../state/schema';
import { atlasCellColour, atlasRunView, atlasShares, convergedRgb, divergedRgb, formatShare, greyRgb, type AtlasPanelInput } from '../views/atlasCells';
import { axisExtent, axisTicks, fittingTicks, formatAxisTick, nearestIndex } from '../views/atlasAxes';
import { GradientPlot, gradientExtent, type GradSeries } from '../views/gradplot';
import { runNames } from '../views/runNames';
import { HeatmapView } from '../views/heatmap2d';
import { LOSS_TITLE, LossPlot } from '../views/lossplot';
import { runColour } from '../views/palette';
import type { SurfaceView } from '../views/surface3d';
import { t as tr } from '../i18n';
import { drawColorbar, drawLegendLayout, font, FONT, layoutLegend, text, TEXT } from './legend';
import { wrapText } from '../views/canvas2d';

export const SNAPSHOT_PANELS = ['page', '3d', 'map', 'gradients', 'loss', 'atlas'] as const;
export type SnapshotPanel = (typeof SNAPSHOT_PANELS)[number];
export const SNAPSHOT_MAX: readonly [number, number] = [3840, 2160];
export const SNAPSHOT_MIN = 64;

export interface SnapshotOptions {
  panel?: SnapshotPanel;
  width?: number;
  height?: number;
}

/** What the app hands the exporter: the state on screen, and the 3D view to render again. */
export interface SnapshotSource {
  state: EngineState;
  params: Params;
  frame: number;
  gradSeries: GradSeries[];
  surfaceView: SurfaceView;
  atlas: AtlasPanelInput | null;
}

const BG = '#10141b';

/** Each panel's natural size on a 1280 x 800 page: the scale is how much larger the image is. */
const BASE: Record<SnapshotPanel, [number, number]> = {
  page: [1280, 800],
  '3d': [1280, 800],
  map: [760, 560],
  gradients: [640, 360],
  loss: [760, 360],
  atlas: [760, 560],
};

/** The size asked for, checked: whole pixels within SNAPSHOT_MIN..SNAPSHOT_MAX (else an error that says so). */
export function snapshotSize(o: SnapshotOptions): { panel: SnapshotPanel; width: number; height: number } {
  const panel = o.panel ?? 'page';
  if (!SNAPSHOT_PANELS.includes(panel)) throw new Error(`snapshot: panel ${JSON.stringify(panel)} is not one of ${SNAPSHOT_PANELS.join(', ')}`);
  const check = (v: number | undefined, fallback: number, max: number, name: string) => {
    const n = v === undefined ? fallback : v;
    if (!Number.isInteger(n) || n < SNAPSHOT_MIN || n > max) throw new Error(`snapshot: ${name} must be a whole number of pixels, ${SNAPSHOT_MIN}..${max}`);
    return n;
  };
  return { panel, width: check(o.width, 1920, SNAPSHOT_MAX[0], 'width'), height: check(o.height, 1080, SNAPSHOT_MAX[1], 'height') };
}

export function snapshotScale(panel: SnapshotPanel, width: number, height: number): number {
  const [bw, bh] = BASE[panel];
  return Math.min(4, Math.max(0.5, Math.min(width / bw, height / bh)));
}

/** Renders the panel at the asked size; resolves to the canvas (the caller makes the PNG). */
export async function renderSnapshot(src: SnapshotSource, o: SnapshotOptions): Promise<HTMLCanvasElement> {
  const { panel, width, height } = snapshotSize(o);
  if (panel === 'atlas' && !src.atlas) throw new Error('snapshot: no atlas to draw (set atlas=starts or atlas=lr)');
  await document.fonts.ready;
  const s = snapshotScale(panel, width, height);
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, width, height);
  const st = src.state;
  switch (panel) {
    case '3d': {
      // the legend and the colour bar beside the view, never over the surface
      const side = Math.round(230 * s);
      draw3d(ctx, src, 0, 0, width - side, height, s);
      const legendH = drawLegend(ctx, src, width - side + 8 * s, 30 * s, side - 16 * s, s);
      drawColorbar(ctx, st, width - side + 8 * s, 30 * s + legendH + 24 * s, Math.max(80 * s, height - legendH - 110 * s), s, side - 16 * s);
      break;
    }
    case 'map': {
      const side = Math.round(230 * s);
      ctx.drawImage(mapCanvas(src, width - side, height, s), 0, 0);
      const legendH = drawLegend(ctx, src, width - side + 8 * s, 30 * s, side - 16 * s, s);
      drawColorbar(ctx, st, width - side + 8 * s, 30 * s + legendH + 24 * s, Math.max(80 * s, height - legendH - 110 * s), s, side - 16 * s);
      break;
    }
    case 'gradients':
      ctx.drawImage(gradCanvas(src, width, height, s), 0, 0);
      break;
    case 'loss': {
      const side = Math.round(250 * s);
      await drawLoss(ctx, src, 0, 0, width - side, height, s);
      drawLegend(ctx, src, width - side + 8 * s, 30 * s, side - 16 * s, s);
      break;
    }
    case 'atlas':
      drawAtlas(ctx, src.atlas!, width, height, s);
      break;
    case 'page':
      await drawPage(ctx, src, width, height, s);
      break;
  }
  return out;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('snapshot: the PNG could not be encoded'))), 'image/png'));
}

// --- panels --------------------------------------------------------------------------------------

/**
 * The page as the screen lays it out: the 3D view on the left with its colour bar at its right
 * edge (nothing else over the surface); on the right the map, the runs' legend, the loss curve
 * and the gradient plot.
 */
async function drawPage(ctx: CanvasRenderingContext2D, src: SnapshotSource, width: number, height: number, s: number): Promise<void> {
  const left = pageSplit(width);
  const right = width - left;
  draw3d(ctx, src, 0, 0, left, height, s);
  drawColorbar(ctx, src.state, left - 96 * s, 40 * s, Math.min(height - 120 * s, 340 * s), s, 96 * s);
  const pad = 10 * s;
  const legend = layoutLegend(ctx, src.state, src.frame, right - 2 * pad, s);
  const legendH = Math.round(legend.height * s + 2 * pad);
  const rest = height - legendH;
  // the gradient plot tall enough for its legend's eight entries (the six points, start, current)
  const gradH = Math.max(Math.round(rest * 0.28), Math.round(200 * s));
  const mapH = Math.round((rest - gradH) * 0.6);
  const lossH = rest - gradH - mapH;
  ctx.drawImage(mapCanvas(src, right, mapH, s), left, 0);
  drawLegendLayout(ctx, legend, left + pad, mapH + pad, s);
  await drawLoss(ctx, src, left, mapH + legendH, right, lossH, s);
  ctx.drawImage(gradCanvas(src, right, gradH, s), left, mapH + legendH + lossH);
  ctx.fillStyle = '#262d3a';
  ctx.fillRect(left, 0, Math.max(1, Math.round(s)), height);
}

/** The width of the page image's 3D view (the rest is the right column). */
export function pageSplit(width: number): number {
  return Math.round(width * 0.6);
}

/** The 3D view at (x, y, w, h), rendered again at that size, with its labels. */
function draw3d(ctx: CanvasRenderingContext2D, src: SnapshotSource, x: number, y: number, w: number, h: number, s: number): void {
  ctx.drawImage(src.surfaceView.renderSnapshot(w, h, s), x, y);
}

function mapCanvas(src: SnapshotSource, w: number, h: number, s: number): HTMLCanvasElement {
  const st = src.state;
  const view = new HeatmapView(null);
  view.resize(w / s, h / s, s);
  view.setSurface(st.surface, st.summary, st.params.range, src.params.zoom === 'zoom', src.params.contours);
  view.setRuns(st.runs.map((r, i) => ({ weights: r.weights, css: runColour(i) })));
  view.setFrame(src.frame);
  view.draw();
  return view.canvas;
}

function gradCanvas(src: SnapshotSource, w: number, h: number, s: number): HTMLCanvasElement {
  const plot = new GradientPlot(null);
  plot.resize(w / s, h / s, s);
  // the screen's axis: the whole run's extent, not only this frame's series
  plot.setScale(gradientExtent(src.state.dataset, src.state.runs[0], src.gradSeries.map((x) => x.values)));
  plot.setSeries(src.gradSeries);
  plot.draw();
  return plot.canvas;
}

/** The loss curve (uPlot, drawn at the image's size with fonts and lines scaled) and its title. */
async function drawLoss(ctx: CanvasRenderingContext2D, src: SnapshotSource, x: number, y: number, w: number, h: number, s: number): Promise<void> {
  const titleH = 30 * s;
  text(ctx, tr(LOSS_TITLE), x + w / 2, y + titleH / 2 + 2 * s, 600, 14 * s, TEXT, 'center');
  // uPlot sizes its canvas in CSS pixels times the device pixel ratio: ask for CSS pixels.
  const ratio = window.devicePixelRatio || 1;
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-100000px;top:0;';
  document.body.append(host);
  try {
    const plot = new LossPlot(host, { scale: s / ratio, title: false, id: 'lossplot-snapshot' });
    plot.resize(w / ratio, (h - titleH) / ratio);
    const names = runNames(src.state.runs);
    plot.setSeries(src.state.runs.map((r, i) => ({ label: names[i], css: runColour(i), costs: r.costs, diverged: r.diverged, emphasis: i === 0 })));
    plot.setFrame(src.frame);
    // uPlot draws in a microtask after setSeries/setFrame; a task later it has drawn (also in a hidden page)
    await new Promise((r) => setTimeout(r, 0));
    const c = plot.canvas;
    if (c) ctx.drawImage(c, x, y + titleH, w, h - titleH);
  } finally {
    host.remove();
  }
}

// --- legend -------------------------------------------------------------------------------------

/** "Runs" and, per run, its swatch, name and outcome, wrapped to `w`; returns the height used. */
function drawLegend(ctx: CanvasRenderingContext2D, src: SnapshotSource, x: number, y: number, w: number, s: number): number {
  return drawLegendLayout(ctx, layoutLegend(ctx, src.state, src.frame, w, s), x, y, s);
}

// --- the atlas -----------------------------------------------------------------------------------

/** Every run's map side by side, each with its title and shares, the axes, the marker and the class legend. */
/** A map's title and shares, wrapped above it (lines upwards from the map's top), never squeezed. */
function drawAtlasTitle(ctx: CanvasRenderingContext2D, run: AtlasPanelInput['runs'][number], ox: number, oy: number, side: number, s: number): void {
  let title = run.title;
  if (run.result) {
    const sh = atlasShares(run.result);
    title += tr(': {converged} converge, {diverged} diverge', { converged: formatShare(sh.converged), diverged: formatShare(sh.diverged) });
  }
  ctx.font = font(600, 13 * s);
  const lines = wrapText(ctx, title, side - 16 * s);
  const y0 = oy - 25 * s - (lines.length - 1) * 16 * s;
  ctx.fillStyle = run.css;
  ctx.fillRect(ox, y0 - 5 * s, 10 * s, 10 * s);
  lines.forEach((line, k) => text(ctx, line, ox + 16 * s, y0 + k * 16 * s, 600, 13 * s, TEXT, 'left'));
}

/** One run's map, over that run's own axes (in lr mode its learning rates or its etas), with ticks, labels and marker. */
function drawAtlasMap(ctx: CanvasRenderingContext2D, a: AtlasPanelInput, i: number, ox: number, oy: number, side: number, s: number): void {
  const v = atlasRunView(a, i);
  const [xa, xb] = axisExtent(v.xAxis);
  const [ya, yb] = axisExtent(v.yAxis);
  const r = a.runs[i].result;
  if (side > 0 && r) {
    // one computed colour per image pixel (nearest cell)
    const image = ctx.createImageData(side, side);
    const nx = v.xAxis.length;
    const colOf = new Int32Array(side);
    for (let px = 0; px < side; px++) colOf[px] = nearestIndex(v.xAxis, xa + ((px + 0.5) / side) * (xb - xa));
    for (let py = 0; py < side; py++) {
      const row = nearestIndex(v.yAxis, yb - ((py + 0.5) / side) * (yb - ya));
      for (let px = 0; px < side; px++) {
        const c = row * nx + colOf[px];
        const rgb = atlasCellColour(r.convergedAt[c], r.divergedAt[c], r.finalCost[c], a.iterations);
        image.data.set([rgb[0], rgb[1], rgb[2], 255], (py * side + px) * 4);
      }
    }
    ctx.putImageData(image, ox, oy);
  }
  ctx.strokeStyle = '#b8c0cc';
  ctx.lineWidth = Math.max(1, s);
  ctx.strokeRect(ox, oy, side, side);
  const count = Math.max(3, Math.round(side / (60 * s)));
  ctx.font = font(400, 13 * s);
  for (const t of fittingTicks(xa, xb, count, v.xLog, side, (label) => ctx.measureText(label).width)) {
    const px = ox + ((t - xa) / (xb - xa)) * side;
    ctx.fillStyle = '#dfe6ee';
    ctx.fillRect(Math.round(px), oy + side, Math.max(1, Math.round(s)), 5 * s);
    text(ctx, formatAxisTick(t, v.xLog), px, oy + side + 14 * s, 400, 13 * s, TEXT, 'center');
  }
  for (const t of axisTicks(ya, yb, count, v.yLog)) {
    const py = oy + (1 - (t - ya) / (yb - ya)) * side;
    ctx.fillStyle = '#dfe6ee';
    ctx.fillRect(ox - 5 * s, Math.round(py), 5 * s, Math.max(1, Math.round(s)));
    text(ctx, formatAxisTick(t, v.yLog), ox - 8 * s, py, 400, 13 * s, TEXT, 'right');
  }
  text(ctx, v.xLabel, ox + side / 2, oy + side + 36 * s, 600, 14 * s, TEXT, 'center');
  ctx.save();
  ctx.translate(ox - 48 * s, oy + side / 2);
  ctx.rotate(-Math.PI / 2);
  text(ctx, v.yLabel, 0, 0, 600, 14 * s, TEXT, 'center');
  ctx.restore();
  const mk = v.marker;
  if (mk && mk[0] >= xa && mk[0] <= xb && mk[1] >= ya && mk[1] <= yb) {
    const mx = ox + ((mk[0] - xa) / (xb - xa)) * side;
    const my = oy + (1 - (mk[1] - ya) / (yb - ya)) * side;
    ctx.beginPath();
    ctx.arc(mx, my, 6 * s, 0, 2 * Math.PI);
    ctx.lineWidth = 5 * s;
    ctx.strokeStyle = '#0b0d12';
    ctx.stroke();
    ctx.lineWidth = 2.5 * s;
    ctx.strokeStyle = '#ff6a00';
    ctx.stroke();
  }
}

function drawAtlas(ctx: CanvasRenderingContext2D, a: AtlasPanelInput, width: number, height: number, s: number): void {
  const n = a.runs.length;
  const legendH = 40 * s;
  const pad = { left: 62 * s, right: 16 * s, top: 60 * s, bottom: 46 * s };
  let cols = 1;
  let best = 0;
  for (let c = 1; c <= n; c++) {
    const rows = Math.ceil(n / c);
    const side = Math.min(width / c - pad.left - pad.right, (height - legendH) / rows - pad.top - pad.bottom);
    if (side > best) (best = side), (cols = c);
  }
  const side = Math.floor(best);
  // cells as large as the maps need, the grid centred
  const cellW = side + pad.left + pad.right;
  const cellH = (height - legendH) / Math.ceil(n / cols);
  const left = Math.max(0, (width - cols * cellW) / 2);
  a.runs.forEach((run, i) => {
    const ox = Math.round(left + (i % cols) * cellW + pad.left);
    const oy = Math.round(Math.floor(i / cols) * cellH + pad.top);
    drawAtlasTitle(ctx, run, ox, oy, side, s);
    drawAtlasMap(ctx, a, i, ox, oy, side, s);
  });
  // the classes' legend along the bottom
  const ly = height - legendH / 2;
  const items: [(t: number) => [number, number, number], string][] = [
    [(t) => convergedRgb(1 - t), tr('converged fast → slow')],
    [(t) => greyRgb(t, false), tr('not converged (grey: final cost)')],
    [(t) => divergedRgb(t), tr('diverged early → late')],
  ];
  let lx = 16 * s;
  for (const [colour, label] of items) {
    const rw = Math.round(56 * s);
    for (let px = 0; px < rw; px++) {
      const [r, g, b] = colour(px / (rw - 1));
      ctx.fillStyle = `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
      ctx.fillRect(Math.round(lx) + px, Math.round(ly - 6 * s), 1, Math.round(12 * s));
    }
    ctx.font = `400 ${13 * s}px ${FONT}`;
    text(ctx, label, lx + rw + 8 * s, ly, 400, 13 * s, TEXT, 'left');
    lx += rw + 16 * s + ctx.measureText(label).width + 24 * s;
  }
}
