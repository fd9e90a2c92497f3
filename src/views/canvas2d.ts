/**
 * A 2D canvas view: the canvas, its context and its size in CSS pixels. Drawing code works in
 * CSS pixels through the context's transform; the canvas has `scale` canvas pixels per CSS pixel:
 * devicePixelRatio on screen (sharp at 150% zoom), or what an exported image asks for, so that
 * it is rendered at the asked size, not enlarged afterwards.
 */
export class Canvas2DView {
  readonly canvas = document.createElement('canvas');
  protected readonly ctx: CanvasRenderingContext2D;
  protected width = 400;
  protected height = 300;
  /** canvas pixels per CSS pixel */
  protected scale = 1;
  /** text and margins are multiplied by this (presentation mode: projector size) */
  protected textScale = 1;

  setTextScale(k: number): void {
    this.textScale = k;
  }

  /** a canvas font of `px` CSS pixels before the text scale */
  protected font(px: number, weight = ''): string {
    return `${weight ? `${weight} ` : ''}${Math.round(px * this.textScale)}px Inter, sans-serif`;
  }

  /** canvas pixels per CSS pixel (devicePixelRatio on screen) */
  protected get dpr(): number {
    return this.scale;
  }

  constructor(container: HTMLElement | null, className: string) {
    this.canvas.className = className;
    container?.appendChild(this.canvas);
    // willReadFrequently keeps the canvas on the CPU: software GPUs (SwiftShader) rasterise 2D far slower.
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  resize(width: number, height: number, scale = screenScale()): void {
    this.width = Math.max(100, Math.floor(width));
    this.height = Math.max(100, Math.floor(height));
    this.scale = scale;
    this.canvas.width = Math.round(this.width * scale);
    this.canvas.height = Math.round(this.height * scale);
    this.ctx.setTransform(scale, 0, 0, scale, 0, 0);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
  }

  /** Draws the view at its size (each view draws what its last update and setFrame gave it). */
  draw(): void {}

  /**
   * The view drawn again at width x height image pixels, text and lines `s` times their CSS size
   * (not the screen's enlarged; presentation mode's text scale does not apply to images). The
   * screen's canvas is drawn again after.
   */
  renderAt(width: number, height: number, s: number): HTMLCanvasElement {
    const [w, h, scale, textScale] = [this.width, this.height, this.scale, this.textScale];
    this.textScale = 1;
    this.resize(width / s, height / s, s);
    this.draw();
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    out.getContext('2d')!.drawImage(this.canvas, 0, 0);
    this.textScale = textScale;
    this.resize(w, h, scale);
    this.draw();
    return out;
  }

  /** Starts a draw: CSS-pixel coordinates from here on. */
  protected begin(): CanvasRenderingContext2D {
    this.ctx.setTransform(this.scale, 0, 0, this.scale, 0, 0);
    return this.ctx;
  }
}

/** Canvas pixels per CSS pixel on screen: devicePixelRatio, within 1..4. */
export function screenScale(): number {
  return Math.max(1, Math.min(4, (typeof window !== 'undefined' && window.devicePixelRatio) || 1));
}

/** `t` in lines no wider than maxWidth in the context's current font (a word too long is broken between characters). */
export function wrapText(ctx: CanvasRenderingContext2D, t: string, maxWidth: number): string[] {
  const fits = (s: string) => ctx.measureText(s.trimEnd()).width <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const token of t.match(/\S+\s*|\s+/g) ?? []) {
    if (fits(line + token)) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    // a token that does not fit a line of its own: character by character
    for (const ch of token) {
      if (line && !fits(line + ch)) {
        lines.push(line.trimEnd());
        line = ch.trim() ? ch : '';
      } else line += ch;
    }
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Starts a path that is a × of half-size r at (x, y), for the caller to stroke. */
export function crossPath(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
}
