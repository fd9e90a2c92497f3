/** A 2D canvas view: the canvas, its context and its size in CSS pixels (device pixel ratio 1). */
export class Canvas2DView {
  readonly canvas = document.createElement('canvas');
  protected readonly ctx: CanvasRenderingContext2D;
  protected width = 400;
  protected height = 300;

  constructor(container: HTMLElement, className: string) {
    this.canvas.className = className;
    container.appendChild(this.canvas);
    // willReadFrequently keeps the canvas on the CPU: software GPUs (SwiftShader) rasterise 2D far slower.
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  resize(width: number, height: number): void {
    this.width = Math.max(100, Math.floor(width));
    this.height = Math.max(100, Math.floor(height));
    this.canvas.width = this.width;
    this.canvas.height = this.height;
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
  }
}
