/** Text on a canvas in the bundled font, for the views' renderAt images. */
import { THEME } from '../present/theme';

export const TEXT = THEME.text;
export const MUTED = THEME.muted;
export const FONT = 'Inter, sans-serif';

export function font(weight: number, size: number): string {
  return `${weight} ${size}px ${FONT}`;
}

/** One line of text, vertically centred on y. */
export function text(ctx: CanvasRenderingContext2D, t: string, x: number, y: number, weight: number, size: number, colour: string, align: CanvasTextAlign): void {
  ctx.font = font(weight, size);
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.fillText(t, x, y);
}

/** A canvas of width x height image pixels filled with the page's background, and its context. */
export function imageCanvas(width: number, height: number, background: string | null = THEME.background): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const ctx = canvas.getContext('2d')!;
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  return [canvas, ctx];
}
