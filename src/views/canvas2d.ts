/**
 * A 2D canvas view: the canvas, its context and its size in CSS pixels. The canvas has
 * devicePixelRatio device pixels per CSS pixel (sharp at 150% zoom); drawing code works in CSS
 * pixels through the context's transform.
 */
export class Canvas2DView {
  readonly canvas = document.createElement('canvas');
  protected readonly ctx: CanvasRenderingContext2D;
  protected width = 400;
  protected height = 300;
  /** text and margins are multiplied by this (presentation mode: projector size) */
  protected textScale = 1;

  setTextScale(k: number): void {
    this.textScale = k;
  }

  /** a canvas font of `px` CSS pixels before the text scale */
  protected font(px: number, weight = ''): string {
    return `${weight ? `${weight} ` : ''}${Math.round(px * this.textScale)}px Inter, sans-serif`;
  }

  /** device pixels per CSS pixel of the canvas */
  protected dpr = 1;

  constructor(container: HTMLElement, className: string) {
    this.canvas.className = className;
    container.appendChild(this.canvas);
    // willReadFrequently keeps the canvas on the CPU: software GPUs (SwiftShader) rasterise 2D far slower.
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  resize(width: number, height: number): void {
    this.width = Math.max(100, Math.floor(width));
    this.height = Math.max(100, Math.floor(height));
    this.dpr = Math.max(1, Math.min(4, window.devicePixelRatio || 1));
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
  }
}
