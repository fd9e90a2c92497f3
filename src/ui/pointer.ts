/**
 * Pointer input: dragging the start marker in 3D (OrbitControls get every other drag), shift-click
 * in the 2D map, and the hover readout over both.
 */
import type { EngineState } from '../engine';
import { formatNumber } from '../views/common';
import type { HeatmapView } from '../views/heatmap2d';
import type { SurfaceView } from '../views/surface3d';

export interface PointerHost {
  surfaceView: SurfaceView;
  heatmap: HeatmapView;
  hover: HTMLElement;
  state(): EngineState | null;
  /** moves the start (while dragging: live; the animation restarts on release) */
  moveStart(wx: number, wRec: number, final: boolean): void;
  setDragging(on: boolean): void;
  markDirty(): void;
  /** a tap with one finger on the 3D view (not on the start) */
  togglePlay(): void;
}

/** How near the start marker a press picks it up: a finger covers more than a mouse pointer. */
const PICK_RADIUS = { mouse: 18, touch: 36 };
/** A touch is a tap when it lifts within this time (ms) and moved less than this (CSS px). */
const TAP = { ms: 350, px: 10 };

export function installPointer(h: PointerHost): void {
  const view = h.surfaceView;
  const canvas = view.renderer.domElement;
  let dragging = false;
  let dragId = -1;
  // The marker floats a little above the surface: grab it near its centre or its foot.
  const nearStart = (x: number, y: number, radius = PICK_RADIUS.mouse) => {
    const centre = view.startMarkerScreen();
    const s = h.state();
    const foot = s ? view.toScreen(...s.params.start) : null;
    const near = (p: { x: number; y: number } | null, dx = 0, dy = 0) => p !== null && Math.hypot(p.x - dx - x, p.y - dy - y) < radius;
    return near(centre) || near(foot, window.scrollX, window.scrollY);
  };
  // Touch: one finger on the start drags it, one finger elsewhere orbits and two pinch to zoom
  // (OrbitControls), a tap plays or pauses.
  const touches = new Set<number>();
  let tap: { id: number; x: number; y: number; t: number } | null = null;
  canvas.addEventListener(
    'pointerdown',
    (e) => {
      if (e.pointerType === 'touch') {
        touches.add(e.pointerId);
        tap = touches.size === 1 ? { id: e.pointerId, x: e.clientX, y: e.clientY, t: performance.now() } : null;
      }
      if (dragging) {
        e.stopImmediatePropagation(); // a second finger while the start is dragged: ignored
        return;
      }
      if (touches.size > 1) return; // a second finger: OrbitControls pinches
      const radius = e.pointerType === 'touch' ? PICK_RADIUS.touch : PICK_RADIUS.mouse;
      if (e.button !== 0 || !nearStart(e.clientX, e.clientY, radius)) return;
      tap = null;
      // Picked up the start marker: stop OrbitControls from seeing this drag.
      e.stopImmediatePropagation();
      dragging = true;
      dragId = e.pointerId;
      h.setDragging(true);
      view.controls.enabled = false;
      view.setStartHighlight(true);
      canvas.setPointerCapture(e.pointerId);
      h.markDirty();
    },
    { capture: true },
  );
  canvas.addEventListener('pointermove', (e) => {
    if (tap && e.pointerId === tap.id && Math.hypot(e.clientX - tap.x, e.clientY - tap.y) >= TAP.px) tap = null;
    if (dragging) {
      if (e.pointerId !== dragId) return;
      const hit = view.raycastSurface(e.clientX, e.clientY);
      if (hit) h.moveStart(hit.wx, hit.wRec, false);
      return;
    }
    if (e.pointerType === 'touch') return; // no hover readout under a finger
    canvas.style.cursor = nearStart(e.clientX, e.clientY) ? 'grab' : '';
    const hit = view.raycastSurface(e.clientX, e.clientY);
    showHover(h, hit ? hit.wx : null, hit ? hit.wRec : null, e.clientX, e.clientY);
  });
  const drop = (e: PointerEvent) => {
    if (!dragging || e.pointerId !== dragId) return;
    dragging = false;
    h.setDragging(false);
    view.controls.enabled = true;
    view.setStartHighlight(false);
    canvas.releasePointerCapture(e.pointerId);
    const s = h.state();
    if (s) h.moveStart(s.params.start[0], s.params.start[1], true);
  };
  const lift = (e: PointerEvent) => {
    if (e.pointerType !== 'touch') return;
    touches.delete(e.pointerId);
    const t = tap;
    tap = null;
    if (e.type === 'pointerup' && t && t.id === e.pointerId && performance.now() - t.t < TAP.ms && Math.hypot(e.clientX - t.x, e.clientY - t.y) < TAP.px) h.togglePlay();
  };
  canvas.addEventListener('pointerup', (e) => {
    drop(e);
    lift(e);
  });
  canvas.addEventListener('pointercancel', (e) => {
    drop(e);
    lift(e);
  });
  canvas.addEventListener('pointerleave', () => (h.hover.hidden = true));
  const heat = h.heatmap.canvas;
  heat.addEventListener('pointermove', (e) => {
    const w = h.heatmap.fromClient(e.clientX, e.clientY);
    showHover(h, w ? w.wx : null, w ? w.wRec : null, e.clientX, e.clientY);
  });
  heat.addEventListener('pointerleave', () => (h.hover.hidden = true));
  heat.addEventListener('click', (e) => {
    const w = h.heatmap.fromClient(e.clientX, e.clientY);
    if (w && e.shiftKey) h.moveStart(w.wx, w.wRec, true);
  });
}

function showHover(h: PointerHost, wx: number | null, wRec: number | null, x: number, y: number): void {
  const s = h.state();
  if (wx === null || wRec === null || !s) {
    h.hover.hidden = true;
    return;
  }
  const g = s.surface;
  const col = Math.round(((wx - g.wx[0]) / (g.wx[g.res - 1] - g.wx[0])) * (g.res - 1));
  const row = Math.round(((wRec - g.wRec[0]) / (g.wRec[g.res - 1] - g.wRec[0])) * (g.res - 1));
  const inGrid = col >= 0 && col < g.res && row >= 0 && row < g.res;
  const cost = inGrid ? g.cost[row * g.res + col] : NaN;
  h.hover.hidden = false;
  if (h.hover.parentElement !== document.body) document.body.append(h.hover);
  h.hover.textContent = `wx ${wx.toFixed(3)}  wRec ${wRec.toFixed(3)}  cost ${inGrid ? formatNumber(cost, 4) : 'outside the grid'}`;
  h.hover.style.left = `${x + 14}px`;
  h.hover.style.top = `${y + 14}px`;
}
