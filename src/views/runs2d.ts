/**
 * The runs on the 2D map: the tutorial's dots at every iterate inside the window (clip.ts),
 * brighter up to the current frame, the current point whenever it is inside, a × where a run
 * leaves the window and a ring where it comes in.
 */
import { crossPath } from './canvas2d';
import { clipRun, iterateAt, type Window } from './clip';
import { THEME } from '../present/theme';

export interface MapRun {
  weights: readonly [number, number][];
  css: string;
}

/** a crossing of the window's edge, in canvas pixels */
export interface CrossingMark {
  x: number;
  y: number;
  exit: boolean;
  css: string;
}

/** Draws the runs (compared runs behind the main one); returns their crossings, to be drawn over the frame. */
export function drawRuns(ctx: CanvasRenderingContext2D, runs: readonly MapRun[], view: Window, frame: number, toPixel: (wx: number, wRec: number) => [number, number]): CrossingMark[] {
  const crossings: CrossingMark[] = [];
  for (let r = runs.length - 1; r >= 0; r--) {
    const run = runs[r];
    const w = run.weights;
    if (w.length === 0) continue;
    const pieces = clipRun(w, view);
    const k = Math.min(frame, w.length - 1);
    const size = r === 0 ? 3 : 2.5;
    ctx.fillStyle = run.css;
    for (const piece of pieces) {
      for (const i of piece.iterates) {
        if (i < 0) continue;
        const [x, y] = toPixel(w[i][0], w[i][1]);
        ctx.globalAlpha = i <= k ? 1 : 0.3;
        ctx.fillRect(x - size / 2, y - size / 2, size, size);
      }
      for (const [c, exit] of [[piece.entry, false], [piece.exit, true]] as const) {
        if (!c) continue;
        const [x, y] = toPixel(c.at[0], c.at[1]);
        crossings.push({ x, y, exit, css: run.css });
      }
    }
    ctx.globalAlpha = 1;
    if (iterateAt(pieces, k)) {
      const [x, y] = toPixel(w[k][0], w[k][1]);
      disc(ctx, x, y, r === 0 ? 5 : 4, run.css);
    }
  }
  return crossings;
}

/** × where a run leaves, a ring where it comes in */
export function drawCrossings(ctx: CanvasRenderingContext2D, crossings: readonly CrossingMark[]): void {
  for (const c of crossings) (c.exit ? cross : ring)(ctx, c.x, c.y, c.exit ? 6 : 5, c.css);
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, stroke: string): void {
  crossPath(ctx, x, y, r);
  outline(ctx, stroke);
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, stroke: string): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  outline(ctx, stroke);
}

/** the current path stroked in a colour over a dark outline */
function outline(ctx: CanvasRenderingContext2D, stroke: string): void {
  ctx.lineWidth = 4;
  ctx.strokeStyle = THEME.outline;
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

export function disc(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number, fill: string): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = THEME.outline;
  ctx.stroke();
}
