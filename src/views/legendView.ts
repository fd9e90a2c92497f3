/**
 * The runs' legend: on the page a panel of swatches, names and outcomes (DOM); in exported
 * images the same entries drawn at the image's scale with the iteration in the title. Every
 * line is measured in its font and wrapped to the width it has (at spaces, or between any two
 * characters for Chinese), never squeezed or cut.
 */
import type { ViewModel } from '../present/viewModel';
import { THEME } from '../present/theme';
import { wrapText } from './canvas2d';
import { font, imageCanvas, MUTED, text, TEXT } from './canvasText';
import { el } from '../ui/dom';
import { t as tr } from '../i18n';

interface LegendLine {
  text: string;
  weight: number;
  size: number;
  colour: string;
  /** distance from the legend's top to the line's middle, before the scale */
  y: number;
}

interface LegendLayout {
  header: LegendLine[];
  rows: { css: string; swatchY: number; lines: LegendLine[] }[];
  /** height before the scale */
  height: number;
}

export class LegendView {
  readonly element = el('div', { id: 'runs-legend', class: 'panel' });
  private vm: ViewModel | null = null;
  private frame = 0;

  update(vm: ViewModel): void {
    if (this.vm?.runs === vm.runs) {
      this.vm = vm;
      return;
    }
    this.vm = vm;
    this.element.replaceChildren(
      el('h3', {}, vm.runs.length > 1 ? tr('Runs') : tr('Run')),
      ...vm.runs.map((run, i) =>
        el(
          'div',
          { class: 'legend-row', 'data-run': String(i) },
          el('i', { class: 'swatch', style: `background:${run.css}` }),
          // the name, then every hyperparameter the run uses unless the name lists them all
          el('span', { class: 'run-name' }, run.label),
          el('span', { class: run.diverged ? 'run-outcome bad' : 'run-outcome' }, run.outcome),
        ),
      ),
    );
  }

  setFrame(k: number): void {
    this.frame = k;
  }

  /** The legend's height in image pixels at `width` and scale `s`. */
  heightAt(width: number, s: number): number {
    const [, ctx] = imageCanvas(1, 1, null);
    return Math.ceil(this.layout(ctx, width, s).height * s);
  }

  /** The legend drawn on the page's background, `width` x `height` image pixels at scale `s`. */
  renderAt(width: number, height: number, s: number): HTMLCanvasElement {
    const [canvas, ctx] = imageCanvas(width, height, null);
    this.drawLayout(ctx, this.layout(ctx, width, s), 0, 0, s);
    return canvas;
  }

  /** The legend's lines for a column `width` image pixels wide. */
  private layout(ctx: CanvasRenderingContext2D, width: number, s: number): LegendLayout {
    const vm = this.vm;
    if (!vm) return { header: [], rows: [], height: 0 };
    let y = 0;
    const block = (t: string, weight: number, size: number, colour: string, lineH: number, maxW: number): LegendLine[] => {
      ctx.font = font(weight, size * s);
      return wrapText(ctx, t, Math.max(maxW, 1)).map((line) => {
        const l = { text: line, weight, size, colour, y: y + lineH / 2 };
        y += lineH;
        return l;
      });
    };
    const title = `${vm.runs.length > 1 ? tr('Runs') : tr('Run')} · ${tr('iteration {k} / {last}', { k: Math.min(this.frame, vm.lastIndex), last: vm.lastIndex })}`;
    const header = block(title, 600, 14, TEXT, 18, width);
    y += 8;
    const rows = vm.runs.map((r) => {
      const top = y;
      const lines = [...block(r.label, 600, 13, TEXT, 17, width - 20 * s), ...block(r.outcome, 400, 12.5, r.diverged ? THEME.bad : MUTED, 16, width - 20 * s)];
      y += 7;
      return { css: r.css, swatchY: top, lines };
    });
    return { header, rows, height: y };
  }

  private drawLayout(ctx: CanvasRenderingContext2D, l: LegendLayout, x: number, y: number, s: number): void {
    for (const line of l.header) text(ctx, line.text, x, y + line.y * s, line.weight, line.size * s, line.colour, 'left');
    for (const row of l.rows) {
      ctx.fillStyle = row.css;
      ctx.fillRect(x, y + (row.swatchY + 2.5) * s, 12 * s, 12 * s);
      ctx.strokeStyle = THEME.outline;
      ctx.lineWidth = s;
      ctx.strokeRect(x, y + (row.swatchY + 2.5) * s, 12 * s, 12 * s);
      for (const line of row.lines) text(ctx, line.text, x + 20 * s, y + line.y * s, line.weight, line.size * s, line.colour, 'left');
    }
  }
}
