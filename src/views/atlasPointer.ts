/**
 * The pointer on the atlas's maps: hover says a cell's outcome, a click sets that run's start or
 * hyperparameters, a drag or the wheel zooms an lr map's window (the panel's callbacks).
 */
import type { AtlasPanel } from './atlasPanel';
import { atlasOutcomeText, atlasRunView } from './atlasCells';
import { axisExtent, formatAxisValue, nearestIndex, wheelFactor, zoomAbout } from './atlasAxes';
import { t as tr } from '../i18n';

const DRAG_THRESHOLD = 4;

/** A press on a map: where it started and is now (canvas CSS pixels), and whether it became a drag. */
export interface Press {
  run: number;
  pointerId: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dragging: boolean;
}

/** The cell of run i's map under a canvas pixel of the plot. */
function cellAt(panel: AtlasPanel, i: number, px: number, py: number): { col: number; row: number; x: number; y: number } | null {
  const input = panel.input;
  if (!input || !panel.insidePlot(px, py)) return null;
  const { xAxis, yAxis } = atlasRunView(input, i);
  if (xAxis.length === 0 || yAxis.length === 0) return null;
  const [ax, ay] = panel.fromPixel(i, px, py);
  const col = nearestIndex(xAxis, ax);
  const row = nearestIndex(yAxis, ay);
  return { col, row, x: xAxis[col], y: yAxis[row] };
}

function hoverText(panel: AtlasPanel, run: number, col: number, row: number): string {
  const input = panel.input!;
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

export function listenAtlasMap(panel: AtlasPanel, i: number, canvas: HTMLCanvasElement): void {
  const local = (e: MouseEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };
  const clampToPlot = (px: number, py: number): [number, number] => [
    Math.min(panel.pad.left + panel.plot, Math.max(panel.pad.left, px)),
    Math.min(panel.pad.top + panel.plot, Math.max(panel.pad.top, py)),
  ];
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !panel.input) return;
    const [px, py] = local(e);
    if (!panel.insidePlot(px, py)) return;
    panel.press = { run: i, pointerId: e.pointerId, x0: px, y0: py, x1: px, y1: py, dragging: false };
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // synthetic events without an active pointer
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!panel.input) return;
    const [px, py] = local(e);
    const p = panel.press;
    if (p && p.run === i) {
      [p.x1, p.y1] = clampToPlot(px, py);
      if (!p.dragging && (Math.abs(p.x1 - p.x0) >= DRAG_THRESHOLD || Math.abs(p.y1 - p.y0) >= DRAG_THRESHOLD)) {
        p.dragging = true;
        panel.onHover(null, e.clientX, e.clientY);
      }
      if (p.dragging) {
        if (panel.input.mode === 'lr') panel.draw(i);
        return;
      }
    }
    const cell = cellAt(panel, i, px, py);
    if (!cell) {
      panel.onHover(null, e.clientX, e.clientY);
      return;
    }
    panel.onHover({ run: i, ...cell, text: hoverText(panel, i, cell.col, cell.row) }, e.clientX, e.clientY);
  });
  const release = (e: PointerEvent, cancelled: boolean) => {
    const p = panel.press;
    if (!p || p.run !== i) return;
    panel.press = null;
    try {
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    } catch {
      // nothing captured
    }
    if (cancelled || !panel.input) {
      panel.draw(i);
      return;
    }
    if (!p.dragging) {
      const cell = cellAt(panel, i, p.x0, p.y0);
      if (cell) panel.onPick(i, cell.x, cell.y);
      return;
    }
    panel.draw(i);
    if (panel.input.mode !== 'lr') return; // starts mode: a drag does nothing
    zoomToDrag(panel, i, p);
  };
  canvas.addEventListener('pointerup', (e) => release(e, false));
  canvas.addEventListener('pointercancel', (e) => release(e, true));
  canvas.addEventListener('pointerleave', (e) => {
    if (!panel.press) panel.onHover(null, e.clientX, e.clientY);
  });
  canvas.addEventListener('wheel', (e) => wheel(panel, i, e, local(e)), { passive: false });
}

/** A dragged rectangle on run i's lr map: its window. A side under the threshold keeps that axis's whole extent (a flat drag zooms x only). */
function zoomToDrag(panel: AtlasPanel, i: number, p: { x0: number; y0: number; x1: number; y1: number }): void {
  if (!panel.input) return;
  const view = atlasRunView(panel.input, i);
  const [a, b] = axisExtent(view.xAxis);
  const [c, d] = axisExtent(view.yAxis);
  const [xa, ya] = panel.fromPixel(i, p.x0, p.y0);
  const [xb, yb] = panel.fromPixel(i, p.x1, p.y1);
  const wide = Math.abs(p.x1 - p.x0) >= DRAG_THRESHOLD;
  const tall = Math.abs(p.y1 - p.y0) >= DRAG_THRESHOLD;
  panel.onZoom(i, [wide ? Math.min(xa, xb) : a, wide ? Math.max(xa, xb) : b, tall ? Math.min(ya, yb) : c, tall ? Math.max(ya, yb) : d]);
}

/** The wheel over run i's lr map zooms its window about the pointer. */
function wheel(panel: AtlasPanel, i: number, e: WheelEvent, [px, py]: [number, number]): void {
  const input = panel.input;
  if (!input || input.mode !== 'lr' || !panel.insidePlot(px, py)) return;
  e.preventDefault();
  const factor = wheelFactor(e.deltaY);
  if (factor === 1) return;
  const view = atlasRunView(input, i);
  const [a, b] = axisExtent(view.xAxis);
  const [c, d] = axisExtent(view.yAxis);
  const [x, y] = panel.fromPixel(i, px, py);
  panel.onZoom(i, zoomAbout([a, b, c, d], x, y, factor));
}
