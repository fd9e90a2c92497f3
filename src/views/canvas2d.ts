/**
 * A 2D canvas view: the canvas, its context and its size in CSS pixels. On screen the scale is 1
 * (one canvas pixel per CSS pixel); an exported image draws the same view at `scale` canvas
 * pixels per CSS pixel, so it is rendered at the asked size, not enlarged afterwards.
 */
export class Canvas2DView {
  readonly canvas = document.createElement('canvas');
  protected readonly ctx: CanvasRenderingContext2D;
  protected width = 400;
  protected height = 300;
  /** canvas pixels per CSS pixel */
  protected scale = 1;

  constructor(container: HTMLElement | null, className: string) {
    this.canvas.className = className;
    container?.appendChild(this.canvas);
    // willReadFrequently keeps the canvas on the CPU: software GPUs (SwiftShader) rasterise 2D far slower.
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  resize(width: number, height: number, scale = 1): void {
    this.width = Math.max(100, Math.floor(width));
    this.height = Math.max(100, Math.floor(height));
    this.scale = scale;
    this.canvas.width = Math.round(this.width * scale);
    this.canvas.height = Math.round(this.height * scale);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
  }

  /** Starts a draw: CSS-pixel coordinates from here on. */
  protected begin(): CanvasRenderingContext2D {
    this.ctx.setTransform(this.scale, 0, 0, this.scale, 0, 0);
    return this.ctx;
  }
}
