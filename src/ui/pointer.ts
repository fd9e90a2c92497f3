/**
 * Pointer input: dragging the start marker in 3D (OrbitControls get every other drag), shift-click
 * in the 2D map, and the hover readout over both.
 */
import { pointReadout } from '../present/modelText';
import type { EngineState } from '../engine';
import type { HeatmapView } from '../views/heatmap2d';
import type { SurfaceView } from '../views/surface3d';
import { t } from '../i18n';

type ScreenOf = (wx: number, wRec: number) => { x: number; y: number } | null;

export interface PointerHost {
  surfaceView: SurfaceView;
  heatmap: HeatmapView;
  hover: HTMLElement;
  state(): EngineState | null;
  /** moves the start (while dragging: live; the animation restarts on release) */
  moveStart(wx: number, wRec: number, final: boolean): void;
  setDragging(on: boolean): void;
  /** the iteration shown */
  frame(): number;

  markDirty(): void;
  /** a tap with one finger on the 3D view (not on the start) */
  togglePlay(): void;
}

/** How near the start marker a press picks it up: a finger covers more than a mouse pointer. */
const PICK_RADIUS = { mouse: 18, touch: 36 };
/**
 * A touch is a tap when it lifts within this time (ms, between the events' own time stamps, so a
 * busy page does not turn a tap into a hold) and moved less than this (CSS px).
 */
const TAP = { ms: 350, px: 10 };

export function installPointer(h: PointerHost): void {
  const view = h.surfaceView;
  const canvas = view.renderer.domElement;
  let dragging = false;
  let dragId = -1;
  /** the finger's (or the pointer's) offset from the start's foot when it was picked up */
  let grab = { dx: 0, dy: 0 };
  const on3d: ScreenOf = (wx, wRec) => view.toScreen(wx, wRec);
  const nearStart = (x: number, y: number, radius = PICK_RADIUS.mouse) => nearStart3d(h, x, y, radius);
  // Touch: one finger on the start drags it, one finger elsewhere orbits and two pinch to zoom
  // (OrbitControls), a tap plays or pauses.
  const taps = new TapTracker();
  canvas.addEventListener(
    'pointerdown',
    (e) => {
      taps.down(e);
      if (dragging) {
        e.stopImmediatePropagation(); // a second finger while the start is dragged: ignored
        return;
      }
      if (taps.fingers > 1) return; // a second finger: OrbitControls pinches
      const radius = e.pointerType === 'touch' ? PICK_RADIUS.touch : PICK_RADIUS.mouse;
      if (e.button !== 0 || !nearStart(e.clientX, e.clientY, radius)) return;
      taps.cancel();
      // Picked up the start marker: stop OrbitControls from seeing this drag.
      e.stopImmediatePropagation();
      dragging = true;
      dragId = e.pointerId;
      // the foot on the surface; where the surface hides it, the marker's centre (page coordinates)
      grab = grabOffset(e.clientX, e.clientY, h.state(), (wx, wRec) => footOrMarker(view, wx, wRec));
      h.setDragging(true);
      view.controls.enabled = false;
      view.setStartHighlight(true);
      canvas.setPointerCapture(e.pointerId);
      h.markDirty();
    },
    { capture: true },
  );
  canvas.addEventListener('pointermove', (e) => {
    taps.move(e);
    if (dragging) {
      if (e.pointerId !== dragId) return;
      // the start keeps the offset it had from the finger: it follows the finger's motion, no jump
      const hit = view.raycastSurface(e.clientX - grab.dx, e.clientY - grab.dy);
      if (hit) h.moveStart(hit.wx, hit.wRec, false);
      // the readout follows the pointer through the drag too
      showHover(h, hit ? hit.wx : null, hit ? hit.wRec : null, e.clientX, e.clientY, on3d);
      return;
    }
    if (e.pointerType === 'touch') return; // no hover readout under a finger
    canvas.style.cursor = nearStart(e.clientX, e.clientY) ? 'grab' : '';
    const hit = view.raycastSurface(e.clientX, e.clientY);
    showHover(h, hit ? hit.wx : null, hit ? hit.wRec : null, e.clientX, e.clientY, on3d);
  });
  const drop = (e: PointerEvent) => {
    if (!dragging || e.pointerId !== dragId) return;
    dragging = false;
    h.setDragging(false);
    view.controls.enabled = true;
    view.setStartHighlight(false);
    canvas.releasePointerCapture(e.pointerId);
    h.hover.hidden = true; // the drag's readout goes with it (it covered the colour bar's title); the next move shows it again
    const s = h.state();
    if (s) h.moveStart(s.params.start[0], s.params.start[1], true);
  };
  const lift = (e: PointerEvent) => {
    if (taps.up(e)) h.togglePlay();
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
  installMapPointer(h);
}

/** Whether a press at (x, y) picks up the start: the marker floats a little above the surface, so near its centre or its foot. */
function nearStart3d(h: PointerHost, x: number, y: number, radius: number): boolean {
  const view = h.surfaceView;
  const centre = view.startMarkerScreen();
  const s = h.state();
  const foot = s ? view.toScreen(...s.params.start) : null;
  const near = (p: { x: number; y: number } | null, dx = 0, dy = 0) => p !== null && Math.hypot(p.x - dx - x, p.y - dy - y) < radius;
  return near(centre) || near(foot, window.scrollX, window.scrollY);
}

/** The start's foot on the surface; where the surface hides it, the marker's centre (page coordinates). */
function footOrMarker(view: PointerHost['surfaceView'], wx: number, wRec: number): { x: number; y: number } | null {
  const c = view.startMarkerScreen();
  return view.toScreen(wx, wRec) ?? (c && { x: c.x + window.scrollX, y: c.y + window.scrollY });
}

/** The 2D map: the start dot is dragged as in 3D (keeping the pointer's offset); shift-click moves it there. */
function installMapPointer(h: PointerHost): void {
  const on2d: ScreenOf = (wx, wRec) => h.heatmap.toScreen(wx, wRec);
  const heat = h.heatmap.canvas;
  let dragging2d = false;
  let grab2d = { dx: 0, dy: 0 };
  const nearStart2d = (x: number, y: number) => {
    const s = h.state();
    const p = s ? h.heatmap.toScreen(...s.params.start) : null;
    return p !== null && Math.hypot(p.x - window.scrollX - x, p.y - window.scrollY - y) < 14;
  };
  heat.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || e.shiftKey || !nearStart2d(e.clientX, e.clientY)) return;
    dragging2d = true;
    grab2d = grabOffset(e.clientX, e.clientY, h.state(), on2d);
    h.setDragging(true);
    heat.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  heat.addEventListener('pointermove', (e) => {
    if (dragging2d) {
      const w = h.heatmap.fromClient(e.clientX - grab2d.dx, e.clientY - grab2d.dy);
      if (w) h.moveStart(w.wx, w.wRec, false);
      showHover(h, w ? w.wx : null, w ? w.wRec : null, e.clientX, e.clientY, on2d);
      return;
    }
    const w = h.heatmap.fromClient(e.clientX, e.clientY);
    heat.style.cursor = nearStart2d(e.clientX, e.clientY) ? 'grab' : '';
    showHover(h, w ? w.wx : null, w ? w.wRec : null, e.clientX, e.clientY, on2d);
  });
  const drop2d = (e: PointerEvent) => {
    if (!dragging2d) return;
    dragging2d = false;
    h.setDragging(false);
    heat.releasePointerCapture(e.pointerId);
    h.hover.hidden = true;
    const s = h.state();
    if (s) h.moveStart(s.params.start[0], s.params.start[1], true);
  };
  heat.addEventListener('pointerup', drop2d);
  heat.addEventListener('pointercancel', drop2d);
  heat.addEventListener('pointerleave', () => (h.hover.hidden = true));
  heat.addEventListener('click', (e) => {
    const w = h.heatmap.fromClient(e.clientX, e.clientY);
    if (w && e.shiftKey) h.moveStart(w.wx, w.wRec, true);
  });
}

/** Fingers on the 3D view, and whether the one finger down makes a tap (short, still: play or pause). */
class TapTracker {
  private readonly touches = new Set<number>();
  private tap: { id: number; x: number; y: number; t: number } | null = null;

  get fingers(): number {
    return this.touches.size;
  }

  down(e: PointerEvent): void {
    if (e.pointerType !== 'touch') return;
    this.touches.add(e.pointerId);
    this.tap = this.touches.size === 1 ? { id: e.pointerId, x: e.clientX, y: e.clientY, t: e.timeStamp } : null;
  }

  /** the press became a drag (of the start, or a move beyond TAP.px) */
  cancel(): void {
    this.tap = null;
  }

  move(e: PointerEvent): void {
    const t = this.tap;
    if (t && e.pointerId === t.id && Math.hypot(e.clientX - t.x, e.clientY - t.y) >= TAP.px) this.tap = null;
  }

  /** a finger lifted (or cancelled): true when it ends a tap */
  up(e: PointerEvent): boolean {
    if (e.pointerType !== 'touch') return false;
    this.touches.delete(e.pointerId);
    const t = this.tap;
    this.tap = null;
    return e.type === 'pointerup' && t !== null && t.id === e.pointerId && e.timeStamp - t.t < TAP.ms && Math.hypot(e.clientX - t.x, e.clientY - t.y) < TAP.px;
  }
}

/**
 * Client-space offset of a press from the start's point in a view (its foot on the surface in
 * 3D), kept through the drag so that picking the start up does not move it.
 */
function grabOffset(x: number, y: number, s: EngineState | null, screen: ScreenOf): { dx: number; dy: number } {
  const p = s ? screen(...s.params.start) : null;
  return p ? { dx: x - (p.x - window.scrollX), dy: y - (p.y - window.scrollY) } : { dx: 0, dy: 0 };
}

/**
 * The hover readout: the weights under the pointer and the cost there, from the float64 model
 * (as the readout's), so that it agrees with the iteration box at the same point. Near the
 * current iteration's point it snaps to that point and says which iteration it is. Nothing is
 * shown off the surface or outside the computed range.
 */
function showHover(h: PointerHost, wx: number | null, wRec: number | null, x: number, y: number, screen: ScreenOf): void {
  const s = h.state();
  const [a, b, c, d] = s ? s.params.range : [0, 0, 0, 0];
  if (wx === null || wRec === null || !s || wx < a || wx > b || wRec < c || wRec > d) {
    h.hover.hidden = true;
    return;
  }
  let label = '';
  const main = s.runs[0];
  const k = Math.min(h.frame(), main.weights.length - 1);
  const here = screen(main.weights[k][0], main.weights[k][1]);
  if (here && Math.hypot(here.x - window.scrollX - x, here.y - window.scrollY - y) < 8) {
    [wx, wRec] = main.weights[k];
    label = t('iteration {k}: ', { k });
  }
  h.hover.hidden = false;
  if (h.hover.parentElement !== document.body) document.body.append(h.hover);
  h.hover.textContent = label + pointReadout(s.model, s.dataset, wx, wRec);
  h.hover.style.left = `${x + 14}px`;
  h.hover.style.top = `${y + 14}px`;
}
