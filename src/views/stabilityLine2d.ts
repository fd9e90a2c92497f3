/**
 * The stability contour on the 2D map (src/present/sharpnessMap.ts computes it): where the
 * surface's sharpness equals the main run's stability limit, a solid line on a dark casing (it
 * reads on every colour of both colourings), and its label on a dark plate beside the line.
 */
import { labelAnchor, type StabilityLine } from '../present/sharpnessMap';
import { wrapText } from './canvas2d';
import type { SurfaceResult } from '../gpu/backend';

/** the line's colour: a red that neither viridis nor the overflow grey holds */
export const STABILITY_CSS = '#ff5a7a';

export interface StabilityPixels {
  /** chains in canvas pixels [x0, y0, x1, y1, ...] */
  chains: number[][];
  /** where the label goes (canvas pixels), null when the line is not in the window */
  anchor: [number, number] | null;
  label: string;
}

/** The line's chains (grid index units of the surface s) in pixels, by `toPixel` of (wx, wRec). */
export function stabilityPixels(line: StabilityLine, s: SurfaceResult, toPixel: (wx: number, wRec: number) => [number, number]): StabilityPixels {
  const last = s.res - 1;
  const at = (x: number, y: number) => toPixel(s.wx[0] + (x / last) * (s.wx[last] - s.wx[0]), s.wRec[0] + (y / last) * (s.wRec[last] - s.wRec[0]));
  const chains = line.chains.map((c) => {
    const out: number[] = [];
    for (let i = 0; i < c.length; i += 2) out.push(...at(c[i], c[i + 1]));
    return out;
  });
  const a = labelAnchor(line.chains);
  return { chains, anchor: a ? at(a[0], a[1]) : null, label: line.label };
}

export function strokeStabilityLine(ctx: CanvasRenderingContext2D, line: StabilityPixels, k: number): void {
  ctx.save();
  ctx.lineJoin = 'round';
  for (const [style, width] of [['rgba(11, 13, 18, 0.85)', 4.5 * k], [STABILITY_CSS, 2.5 * k]] as const) {
    ctx.strokeStyle = style;
    ctx.lineWidth = width;
    ctx.beginPath();
    for (const c of line.chains) {
      ctx.moveTo(c[0], c[1]);
      for (let i = 2; i < c.length; i += 2) ctx.lineTo(c[i], c[i + 1]);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** A point a label keeps clear of: x, y (pixels) and how much covering it costs. */
export type KeepClear = [number, number, number];

/** The start and the runs' current points (at `frame`), weight 10, and the marked points, weight 1, in pixels. */
export function keepClearOfLabels(
  runs: readonly { weights: readonly [number, number][] }[],
  frame: number,
  points: readonly { wx: number; wRec: number }[],
  at: (wx: number, wRec: number) => [number, number],
): KeepClear[] {
  const out: KeepClear[] = [];
  const main = runs[0]?.weights;
  if (main && main.length > 0) out.push([...at(...main[0]), 10]);
  for (const { weights: w } of runs) if (w.length > 0) out.push([...at(...w[Math.min(frame, w.length - 1)]), 10]);
  for (const p of points) out.push([...at(p.wx, p.wRec), 1]);
  return out.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

type Box = { x: number; y: number; w: number; h: number };

/**
 * Where the label's box (w x h) goes: beside the anchor a, inside the plot rectangle r, on the
 * side (above right, below right, above left, below left) that covers the least of `avoid`: the
 * points with their weights (the start and the runs' current points weigh most: a label must not
 * hide them); the earlier side on a tie.
 */
export function placeStabilityLabel(a: [number, number], w: number, h: number, r: Box, avoid: readonly KeepClear[], gap: number): { x: number; y: number } {
  const clampX = (x: number) => Math.min(Math.max(x, r.x + 2), r.x + r.w - w - 2);
  const clampY = (y: number) => Math.min(Math.max(y, r.y + 2), r.y + r.h - h - 2);
  const sides = [
    { x: clampX(a[0] + gap), y: clampY(a[1] - h - gap) },
    { x: clampX(a[0] + gap), y: clampY(a[1] + gap) },
    { x: clampX(a[0] - w - gap), y: clampY(a[1] - h - gap) },
    { x: clampX(a[0] - w - gap), y: clampY(a[1] + gap) },
  ];
  const margin = 8;
  const covered = (b: { x: number; y: number }) =>
    avoid.reduce((sum, [px, py, weight]) => (px < b.x - margin || px > b.x + w + margin || py < b.y - margin || py > b.y + h + margin ? sum : sum + weight), 0);
  let best = sides[0];
  let least = covered(best);
  for (const side of sides.slice(1)) {
    const c = covered(side);
    if (c < least) [best, least] = [side, c];
  }
  return best;
}

/** The label on a dark plate near the line's anchor, inside the plot rectangle r, clear of `avoid` where it can be. */
export function labelStabilityLine(ctx: CanvasRenderingContext2D, line: StabilityPixels, r: Box, font: string, k: number, avoid: readonly KeepClear[] = []): void {
  const a = line.anchor;
  if (!a) return;
  ctx.save();
  ctx.font = font;
  const lines = wrapText(ctx, line.label, Math.max(40, r.w - 16 * k));
  const lineH = 18 * k;
  const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 12 * k;
  const h = lineH * lines.length + 4 * k;
  const { x, y } = placeStabilityLabel(a, w, h, r, avoid, 8 * k);
  ctx.fillStyle = 'rgba(11, 13, 18, 0.85)';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = STABILITY_CSS;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  lines.forEach((l, i) => ctx.fillText(l, x + 6 * k, y + 2 * k + lineH * (i + 0.5)));
  ctx.restore();
}
