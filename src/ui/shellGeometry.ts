/**
 * Where the page's parts go, as plain numbers (no DOM): the 3D view's area right of the open
 * control panel and below the title bar, the side column (or, in the 2D-only layout and on
 * portrait screens, a two-column grid) and each figure's size, so that the 3D surface, the map,
 * the gradient-over-time plot and the loss curve are on screen at once without scrolling.
 */

/** presentation mode: canvas text and margins at this multiple (12 px ticks become 20 px) */
export const PRESENT_SCALE = 1.7;

/** room for the colour bar beside the map (at the text scale) */
export const COLORBAR_W = 110;

/** the side column's padding and the room under each figure (its canvas's margin), CSS px */
const PAD = 12;
const UNDER = 8;
/** the grid's gap between its columns and rows */
const GAP = 12;

export interface FrameInput {
  w: number;
  h: number;
  layout: 'both' | '3d' | '2d';
  present: boolean;
  /** the title bar's height (0 when it is not shown) */
  titleH: number;
  /** the width the open control panel takes at the left, its margins included (0: folded or off) */
  guiW: number;
  /** the loss curve's title above its canvas */
  lossTitleH: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FrameGeometry {
  /** the 3D view's area (null: not shown) */
  view3d: Rect | null;
  /** the side column or the 2D grid (null: not shown) */
  side: Rect | null;
  /** the side is a two-column grid (2D only, portrait) rather than one column */
  grid: boolean;
  /** the readout and caption sit in the grid (true) or over the 3D view's bottom (false) */
  barInSide: boolean;
  surface3d: [number, number] | null;
  map: [number, number] | null;
  gradients: [number, number] | null;
  loss: [number, number] | null;
  atlasWidth: number | null;
  /** the colour bar's scale height, CSS px (over the 3D view in 3D only, beside the map otherwise) */
  colorbarH: number;
  textScale: number;
}

/**
 * Presentation mode's text scale for the figures' canvases: PRESENT_SCALE at 1080 px of window
 * height and above (20 px ticks at 1920x1080), in proportion below it down to 3/4 of it (1280x800
 * and a 1280x720 embed: 15 px ticks, about the share of the picture that 20 px is of 1080), so
 * that projector-size text does not overrun plots a third of the window tall.
 */
export function presentScale(h: number): number {
  return PRESENT_SCALE * Math.min(1, Math.max(0.75, h / 1080));
}

/** The frame for a window, a layout and the panel: every area and figure size. */
export function frameGeometry(f: FrameInput): FrameGeometry {
  const k = f.present ? presentScale(f.h) : 1;
  const top = f.titleH;
  const bodyH = f.h - top;
  const out: FrameGeometry = {
    view3d: null, side: null, grid: false, barInSide: false,
    surface3d: null, map: null, gradients: null, loss: null, atlasWidth: null, colorbarH: Math.round(240 * k), textScale: k,
  };
  if (f.layout === '3d') {
    out.view3d = { left: f.guiW, top, width: f.w - f.guiW, height: bodyH };
  } else if (f.layout === '2d') {
    out.side = { left: 0, top, width: f.w, height: bodyH };
    // the open panel stands left of the grid (its room holds the grid's left padding)
    gridFigures(out, f.w - (f.guiW ? f.guiW - PAD : 0), bodyH, f.lossTitleH, k);
  } else if (f.w < f.h) {
    // portrait: the 3D view on top (right of the panel), the 2D figures in a grid below it
    const viewH = Math.round(bodyH * 0.42);
    out.view3d = { left: f.guiW, top, width: f.w - f.guiW, height: viewH };
    out.side = { left: 0, top: top + viewH, width: f.w, height: bodyH - viewH };
    gridFigures(out, f.w, bodyH - viewH, f.lossTitleH, k);
  } else {
    const sideW = Math.round(Math.min(560 * k, Math.max(400, f.w * (f.present ? 0.4 : 0.34))));
    out.view3d = { left: f.guiW, top, width: f.w - f.guiW - sideW, height: bodyH };
    out.side = { left: f.w - sideW, top, width: sideW, height: bodyH };
    columnFigures(out, sideW, bodyH, f.lossTitleH, k);
  }
  if (out.view3d) out.surface3d = [out.view3d.width, out.view3d.height];
  // the colour bar: over the 3D view (between the status line and the bottom), or beside the map (under its top)
  const barRoom = out.map ? out.map[1] - 40 - 60 * k : (out.view3d?.height ?? 0) - 160 * k;
  out.colorbarH = clamp(Math.round(barRoom), 80, Math.round(240 * k));
  return out;
}

/**
 * One column beside the 3D view: the map (its colour bar right of it), then the gradient plot
 * (taller: its legend of eight runs and points) and the loss curve, filling the column's height.
 */
function columnFigures(out: FrameGeometry, sideW: number, sideH: number, lossTitleH: number, k: number): void {
  const plotW = sideW - 2 * PAD;
  const avail = sideH - 2 * PAD - 3 * UNDER - lossTitleH;
  const mapH = Math.min(plotW, Math.round(avail * 0.4));
  const gradH = Math.round(avail * 0.33);
  out.map = [plotW - Math.round(COLORBAR_W * k), mapH];
  out.gradients = [plotW, gradH];
  out.loss = [plotW, avail - mapH - gradH];
  out.atlasWidth = plotW;
}

/**
 * Two columns: the map (its colour bar right of it) beside the gradient plot, the loss curve
 * under the map and the readout with the caption beside it.
 */
function gridFigures(out: FrameGeometry, width: number, height: number, lossTitleH: number, k: number): void {
  out.grid = true;
  out.barInSide = true;
  const plotW = Math.floor((width - 2 * PAD - GAP) / 2);
  const avail = height - 2 * PAD - GAP - 2 * UNDER - lossTitleH;
  const mapW = plotW - Math.round(COLORBAR_W * k);
  const rowH = Math.min(mapW, Math.round(avail * 0.58));
  out.map = [mapW, rowH];
  out.gradients = [plotW, rowH];
  out.loss = [plotW, Math.max(120, avail - rowH)];
  out.atlasWidth = plotW;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
