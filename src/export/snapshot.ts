/**
 * Images for slides: one panel (or the whole page) rendered at the asked size, up to 3840 x 2160,
 * as a PNG. Every panel is drawn again at that size (the 3D view by the renderer at that size,
 * the 2D panels by their own drawing code at a larger scale), never a screenshot enlarged; each
 * carries its legend, and the surface's panels their colour bar. Text in the bundled fonts only.
 */
import type { AtlasPanel } from '../views/atlasPanel';
import type { ColorbarView } from '../views/colorbar';
import type { SurfaceView } from '../views/surface3d';
import type { GradientPlot } from '../views/gradplot';
import type { HeatmapView } from '../views/heatmap2d';
import type { LegendView } from '../views/legendView';
import type { LossPlot } from '../views/lossplot';
import { imageCanvas } from '../views/canvasText';
import type { Canvas2DView } from '../views/canvas2d';
import { THEME } from '../present/theme';

export const SNAPSHOT_PANELS = ['page', '3d', 'map', 'gradients', 'loss', 'atlas', 'sharpness', 'steps', 'sweep'] as const;
export type SnapshotPanel = (typeof SNAPSHOT_PANELS)[number];
export const SNAPSHOT_MAX: readonly [number, number] = [3840, 2160];
export const SNAPSHOT_MIN = 64;

export interface SnapshotOptions {
  panel?: SnapshotPanel;
  width?: number;
  height?: number;
}

/** The views the exporter composes: each renders itself again at the image's size (renderAt). */
export interface SnapshotSource {
  surface: SurfaceView;
  map: HeatmapView;
  gradients: GradientPlot;
  loss: LossPlot;
  legend: LegendView;
  colorbar: ColorbarView;
  atlas: AtlasPanel | null;
  /** the lesson's figures (sharpness along the runs, step against gradient, the sweep); sweep null when sweep=off */
  lesson: { sharpness: Canvas2DView; steps: Canvas2DView; sweep: Canvas2DView | null };
}

/** Each panel's natural size on a 1280 x 800 page: the scale is how much larger the image is. */
const BASE: Record<SnapshotPanel, [number, number]> = {
  page: [1280, 800],
  '3d': [1280, 800],
  map: [760, 560],
  gradients: [640, 360],
  loss: [760, 360],
  atlas: [760, 560],
  sharpness: [760, 420],
  steps: [760, 420],
  sweep: [760, 420],
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
  if (panel === 'sweep' && !src.lesson.sweep) throw new Error('snapshot: no sweep to draw (set sweep=lr or sweep=seqLen)');
  await document.fonts.ready;
  const s = snapshotScale(panel, width, height);
  const [out, ctx] = imageCanvas(width, height);
  switch (panel) {
    case '3d':
    case 'map': {
      // the legend and the colour bar beside the view, never over the surface
      const side = Math.round(230 * s);
      const view = panel === '3d' ? src.surface : src.map;
      ctx.drawImage(view.renderAt(width - side, height, s), 0, 0);
      const legendH = drawLegend(ctx, src, width - side + 8 * s, 30 * s, side - 16 * s, s);
      drawColorbar(ctx, src, width - side + 8 * s, 30 * s + legendH + 24 * s, Math.max(80 * s, height - legendH - 110 * s), s, side - 16 * s);
      break;
    }
    case 'gradients':
      ctx.drawImage(src.gradients.renderAt(width, height, s), 0, 0);
      break;
    case 'loss': {
      const side = Math.round(250 * s);
      ctx.drawImage(await src.loss.renderAt(width - side, height, s), 0, 0);
      drawLegend(ctx, src, width - side + 8 * s, 30 * s, side - 16 * s, s);
      break;
    }
    case 'atlas':
      ctx.drawImage(src.atlas!.renderAt(width, height, s), 0, 0);
      break;
    case 'sharpness':
    case 'steps':
    case 'sweep':
      ctx.drawImage(src.lesson[panel]!.renderAt(width, height, s), 0, 0);
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
  ctx.drawImage(src.surface.renderAt(left, height, s), 0, 0);
  drawColorbar(ctx, src, left - 96 * s, 40 * s, Math.min(height - 120 * s, 340 * s), s, 96 * s);
  const pad = 10 * s;
  const legendH = Math.round(src.legend.heightAt(right - 2 * pad, s) + 2 * pad);
  const rest = height - legendH;
  // the gradient plot tall enough for its legend's eight entries (the six points, start, current)
  const gradH = Math.max(Math.round(rest * 0.28), Math.round(200 * s));
  const mapH = Math.round((rest - gradH) * 0.6);
  const lossH = rest - gradH - mapH;
  ctx.drawImage(src.map.renderAt(right, mapH, s), left, 0);
  drawLegend(ctx, src, left + pad, mapH + pad, right - 2 * pad, s);
  ctx.drawImage(await src.loss.renderAt(right, lossH, s), left, mapH + legendH);
  ctx.drawImage(src.gradients.renderAt(right, gradH, s), left, mapH + legendH + lossH);
  ctx.fillStyle = THEME.divider;
  ctx.fillRect(left, 0, Math.max(1, Math.round(s)), height);
}

/** The width of the page image's 3D view (the rest is the right column). */
export function pageSplit(width: number): number {
  return Math.round(width * 0.6);
}

/** The runs' legend at (x, y), `w` wide; returns the height used. */
function drawLegend(ctx: CanvasRenderingContext2D, src: SnapshotSource, x: number, y: number, w: number, s: number): number {
  const h = src.legend.heightAt(w, s);
  ctx.drawImage(src.legend.renderAt(w, Math.max(1, h), s), Math.round(x), Math.round(y));
  return h;
}

/** The colour bar with a bar `h` image pixels tall at (x, y), at most `w` wide. */
function drawColorbar(ctx: CanvasRenderingContext2D, src: SnapshotSource, x: number, y: number, h: number, s: number, w: number): void {
  ctx.drawImage(src.colorbar.renderAt(w, h + 90 * s, s, h), Math.round(x), Math.round(y));
}
