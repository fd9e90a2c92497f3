/**
 * Text, the runs' legend and the colour bar of the exported images. Every legend line is
 * measured in its font and wrapped to the width it has (at spaces, or between any two characters
 * for Chinese), never squeezed or cut: an entry reads the same in every language at every size.
 */
import { wrapText } from '../views/canvas2d';
import type { EngineState } from '../engine';
import { t as tr } from '../i18n';
import { OVERFLOW_CSS, viridis } from '../views/colormap';
import { superscript } from '../views/common';
import { runColour } from '../views/palette';
import { runOutcome } from '../views/runText';
import { runLabels } from '../views/runNames';

export const TEXT = '#dfe6ee';
export const MUTED = '#9aa6b5';
export const FONT = 'Inter, sans-serif';

export function font(weight: number, size: number): string {
  return `${weight} ${size}px ${FONT}`;
}

export function text(ctx: CanvasRenderingContext2D, t: string, x: number, y: number, weight: number, size: number, colour: string, align: CanvasTextAlign): void {
  ctx.font = font(weight, size);
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.fillText(t, x, y);
}


interface LegendLine {
  text: string;
  weight: number;
  size: number;
  colour: string;
  /** distance from the legend's top to the line's middle, before the scale */
  y: number;
}

export interface LegendLayout {
  header: LegendLine[];
  rows: { css: string; swatchY: number; lines: LegendLine[] }[];
  /** height before the scale */
  height: number;
}

/** The legend's lines for a column `width` image pixels wide (`s`: the image's scale). */
export function layoutLegend(ctx: CanvasRenderingContext2D, state: EngineState, frame: number, width: number, s: number): LegendLayout {
  const runs = state.runs;
  const last = Math.max(...runs.map((r) => r.weights.length - 1));
  let y = 0;
  const block = (t: string, weight: number, size: number, colour: string, lineH: number, maxW: number): LegendLine[] => {
    ctx.font = font(weight, size * s);
    return wrapText(ctx, t, Math.max(maxW, 1)).map((line) => {
      const l = { text: line, weight, size, colour, y: y + lineH / 2 };
      y += lineH;
      return l;
    });
  };
  const title = `${runs.length > 1 ? tr('Runs') : tr('Run')} · ${tr('iteration {k} / {last}', { k: Math.min(frame, last), last })}`;
  const header = block(title, 600, 14, TEXT, 18, width);
  y += 8;
  const labels = runLabels(runs);
  const rows = runs.map((r, i) => {
    const top = y;
    const lines = [
      ...block(labels[i], 600, 13, TEXT, 17, width - 20 * s),
      ...block(runOutcome(r, state.params.tol), 400, 12.5, r.diverged !== null ? '#ff8a80' : MUTED, 16, width - 20 * s),
    ];
    y += 7;
    return { css: runColour(i), swatchY: top, lines };
  });
  return { header, rows, height: y };
}

/** Draws a layout at (x, y); returns its height in image pixels. */
export function drawLegendLayout(ctx: CanvasRenderingContext2D, l: LegendLayout, x: number, y: number, s: number): number {
  for (const line of l.header) text(ctx, line.text, x, y + line.y * s, line.weight, line.size * s, line.colour, 'left');
  for (const row of l.rows) {
    ctx.fillStyle = row.css;
    ctx.fillRect(x, y + (row.swatchY + 2.5) * s, 12 * s, 12 * s);
    ctx.strokeStyle = '#0b0d12';
    ctx.lineWidth = s;
    ctx.strokeRect(x, y + (row.swatchY + 2.5) * s, 12 * s, 12 * s);
    for (const line of row.lines) text(ctx, line.text, x + 20 * s, y + line.y * s, line.weight, line.size * s, line.colour, 'left');
  }
  return l.height * s;
}

/**
 * The colour bar of log10(cost + 1): viridis from 1 (bottom) to the surface's top decade, one
 * colour per pixel row so that both ends hold viridis(0) and viridis(1) exactly.
 */
export function drawColorbar(ctx: CanvasRenderingContext2D, st: EngineState, x: number, y: number, h: number, s: number, maxWidth: number): void {
  const top = st.summary.logTop;
  const barW = Math.round(18 * s);
  const x0 = Math.round(x);
  const y0 = Math.round(y + 22 * s);
  const bh = Math.round(h);
  text(ctx, tr('cost + 1'), x, y + 8 * s, 600, 14 * s, TEXT, 'left');
  for (let row = 0; row < bh; row++) {
    const [r, g, b] = viridis(1 - row / (bh - 1));
    ctx.fillStyle = `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
    ctx.fillRect(x0, y0 + row, barW, 1);
  }
  const step = Math.max(1, Math.ceil(top / 8));
  for (let d = 0; d <= top; d += step) {
    const ty = y0 + bh - 1 - (d / top) * (bh - 1);
    ctx.fillStyle = '#c8d0da';
    ctx.fillRect(x0 + barW, Math.round(ty), Math.round(5 * s), Math.max(1, Math.round(s)));
    text(ctx, d === 0 ? '1' : `10${superscript(d)}`, x0 + barW + 8 * s, ty, 400, 12.5 * s, '#c8d0da', 'left');
  }
  if (st.overflow) {
    const oy = y0 + bh + 16 * s;
    ctx.fillStyle = OVERFLOW_CSS;
    ctx.fillRect(x0, oy - 6 * s, 12 * s, 12 * s);
    ctx.font = font(400, 12 * s);
    wrapText(ctx, tr('overflow: beyond float32'), maxWidth - 18 * s).forEach((line, i) => text(ctx, line, x0 + 18 * s, oy + i * 15 * s, 400, 12 * s, TEXT, 'left'));
  }
}
