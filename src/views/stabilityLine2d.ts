/**
 * The stability contour on the 2D map (src/present/sharpnessMap.ts computes it): where the
 * surface's sharpness equals the main run's stability limit, a solid line on a dark casing (it
 * reads on every colour of both colourings), and its label on a dark plate beside the line.
 */
import { labelAnchor, type StabilityLine } from '../present/sharpnessMap';
import { wrapText } from './canvas2d';

/** the line's colour: a red that neither viridis nor the overflow grey holds */
export const STABILITY_CSS = '#ff5a7a';

export interface StabilityPixels {
  /** chains in canvas pixels [x0, y0, x1, y1, ...] */
  chains: number[][];
  /** where the label goes (canvas pixels), null when the line is not in the window */
  anchor: [number, number] | null;
  label: string;
}

/** The line's chains mapped by `at` (grid index units -> canvas pixels). */
export function stabilityPixels(line: StabilityLine, at: (x: number, y: number) => [number, number]): StabilityPixels {
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

/** The label on a dark plate near the line's anchor, inside the plot rectangle r. */
export function labelStabilityLine(ctx: CanvasRenderingContext2D, line: StabilityPixels, r: { x: number; y: number; w: number; h: number }, font: string, k: number): void {
  const a = line.anchor;
  if (!a) return;
  ctx.save();
  ctx.font = font;
  const lines = wrapText(ctx, line.label, Math.max(40, r.w - 16 * k));
  const lineH = 18 * k;
  const w = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 12 * k;
  const h = lineH * lines.length + 4 * k;
  // beside the anchor, clamped inside the plot
  const x = Math.min(Math.max(a[0] + 10 * k, r.x + 2), r.x + r.w - w - 2);
  const y = Math.min(Math.max(a[1] - h - 8 * k, r.y + 2), r.y + r.h - h - 2);
  ctx.fillStyle = 'rgba(11, 13, 18, 0.85)';
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = STABILITY_CSS;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  lines.forEach((l, i) => ctx.fillText(l, x + 6 * k, y + 2 * k + lineH * (i + 0.5)));
  ctx.restore();
}
