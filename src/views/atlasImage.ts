/**
 * The atlas as an image for slides (the panel's renderAt): every run's map at the image's size,
 * one computed colour per image pixel (nearest cell), with titles, shares, axes, markers and the
 * classes' legend, in the bundled font.
 */
import { atlasCellColour, atlasRunView, atlasShares, convergedRgb, divergedRgb, formatShare, greyRgb, type AtlasPanelInput } from './atlasCells';
import { axisExtent, axisTicks, fittingTicks, formatAxisTick, nearestIndex } from './atlasAxes';
import { wrapText } from './canvas2d';
import { font, FONT, imageCanvas, text, TEXT } from './canvasText';
import { THEME } from '../present/theme';
import { t as tr } from '../i18n';

/** cells outside the grid (a window larger than the axes): the page's colour */
const BACKGROUND_RGB: readonly [number, number, number] = [16, 20, 27];

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
  ctx.strokeStyle = THEME.frame;
  ctx.lineWidth = Math.max(1, s);
  ctx.strokeRect(ox, oy, side, side);
  const count = Math.max(3, Math.round(side / (60 * s)));
  ctx.font = font(400, 13 * s);
  for (const t of fittingTicks(xa, xb, count, v.xLog, side, (label) => ctx.measureText(label).width)) {
    const px = ox + ((t - xa) / (xb - xa)) * side;
    ctx.fillStyle = THEME.text;
    ctx.fillRect(Math.round(px), oy + side, Math.max(1, Math.round(s)), 5 * s);
    text(ctx, formatAxisTick(t, v.xLog), px, oy + side + 14 * s, 400, 13 * s, TEXT, 'center');
  }
  for (const t of axisTicks(ya, yb, count, v.yLog)) {
    const py = oy + (1 - (t - ya) / (yb - ya)) * side;
    ctx.fillStyle = THEME.text;
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
    strokeAtlasMarker(ctx, ox + ((mk[0] - xa) / (xb - xa)) * side, oy + (1 - (mk[1] - ya) / (yb - ya)) * side, s);
  }
}

/** The ring where a run's settings sit on its map: orange on a dark outline, `k` times its CSS size. */
export function strokeAtlasMarker(ctx: CanvasRenderingContext2D, x: number, y: number, k: number): void {
  ctx.beginPath();
  ctx.arc(x, y, 6 * k, 0, 2 * Math.PI);
  ctx.lineWidth = 5 * k;
  ctx.strokeStyle = THEME.outline;
  ctx.stroke();
  ctx.lineWidth = 2.5 * k;
  ctx.strokeStyle = THEME.marker;
  ctx.stroke();
}

/** Every run's map side by side, each with its title and shares, the axes, the marker and the class legend, width x height image pixels at scale s. */
export function renderAtlasImage(a: AtlasPanelInput, width: number, height: number, s: number): HTMLCanvasElement {
  const [canvas, ctx] = imageCanvas(width, height);
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
  return canvas;
}

/** Run i's cells in an s x s canvas: nearest cell per pixel, row 0 at the bottom, BACKGROUND outside the grid. */
export function atlasCellImage(input: AtlasPanelInput, i: number, s: number): HTMLCanvasElement | null {
  const result = input.runs[i]?.result;
  if (!result) return null;
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
