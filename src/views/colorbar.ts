/**
 * The colour bar of log10(cost + 1): over the 3D view (or beside the 2D map) as DOM, and in
 * exported images drawn at the image's scale, one colour per pixel row so that both ends hold
 * viridis(0) and viridis(1) exactly. Grey marks values beyond float32.
 */
import type { ViewModel } from '../present/viewModel';
import { THEME } from '../present/theme';
import { OVERFLOW_CSS, viridis, viridisCss } from './colormap';
import { formatTick, niceTicks, superscript } from './common';
import { wrapText } from './canvas2d';
import { font, imageCanvas, text, TEXT } from './canvasText';
import { el } from '../ui/dom';
import { t as tr } from '../i18n';

export class ColorbarView {
  private top = 1;
  private overflow = false;
  /** 'linear': the cost itself from 0 to top (a model with height 'value'); else decades of cost + 1 */
  private kind: 'decades' | 'linear' = 'decades';
  private title = '';

  constructor(private readonly element: HTMLElement) {}

  update(vm: ViewModel): void {
    const { top, overflow } = vm.colorbar;
    const kind = vm.colorbar.kind ?? 'decades';
    const title = vm.colorbar.title ?? '';
    if (top === this.top && overflow === this.overflow && kind === this.kind && title === this.title && this.element.childElementCount) return;
    this.top = top;
    this.overflow = overflow;
    this.kind = kind;
    this.title = title;
    const stops = Array.from({ length: 11 }, (_, i) => `${viridisCss(i / 10)} ${i * 10}%`);
    const bar = el('div', { class: 'bar', style: `background: linear-gradient(to top, ${stops.join(', ')})` });
    const labels = el('div', { class: 'ticks' });
    const step = Math.max(1, Math.ceil(top / 8));
    if (kind === 'linear') for (const [v, f] of linearTicks(top)) labels.append(el('span', { style: `bottom: ${100 * f}%` }, v));
    else for (let d = 0; d <= top; d += step) labels.append(el('span', { style: `bottom: ${(100 * d) / top}%` }, d === 0 ? '1' : `10${superscript(d)}`));
    const parts: HTMLElement[] = [el('div', { class: 'title' }, title || tr('cost + 1')), el('div', { class: 'scale' }, bar, labels)];
    if (overflow) parts.push(el('div', { class: 'overflow' }, el('i', { style: `background:${OVERFLOW_CSS}` }), tr('overflow: beyond float32')));
    this.element.replaceChildren(...parts);
  }

  /**
   * The bar, its title, decades and (with overflow) the grey's key, `width` x `height` image
   * pixels at scale `s` on a transparent background; the bar `barH` tall (default: what leaves
   * room for the title above it and the overflow key below it).
   */
  renderAt(width: number, height: number, s: number, barH = Math.max(8, height - (this.overflow ? 70 : 30) * s)): HTMLCanvasElement {
    const [canvas, ctx] = imageCanvas(width, height, null);
    const top = this.top;
    const barW = Math.round(18 * s);
    const y0 = Math.round(22 * s);
    const bh = Math.round(barH);
    text(ctx, this.title || tr('cost + 1'), 0, 8 * s, 600, 14 * s, TEXT, 'left');
    for (let row = 0; row < bh; row++) {
      const [r, g, b] = viridis(1 - row / (bh - 1));
      ctx.fillStyle = `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
      ctx.fillRect(0, y0 + row, barW, 1);
    }
    const step = Math.max(1, Math.ceil(top / 8));
    const ticks: [string, number][] = [];
    if (this.kind === 'linear') ticks.push(...linearTicks(top));
    else for (let d = 0; d <= top; d += step) ticks.push([d === 0 ? '1' : `10${superscript(d)}`, d / top]);
    for (const [label, f] of ticks) {
      const ty = y0 + bh - 1 - f * (bh - 1);
      ctx.fillStyle = THEME.tick;
      ctx.fillRect(barW, Math.round(ty), Math.round(5 * s), Math.max(1, Math.round(s)));
      text(ctx, label, barW + 8 * s, ty, 400, 12.5 * s, THEME.tick, 'left');
    }
    if (this.overflow) {
      const oy = y0 + bh + 16 * s;
      ctx.fillStyle = OVERFLOW_CSS;
      ctx.fillRect(0, oy - 6 * s, 12 * s, 12 * s);
      ctx.font = font(400, 12 * s);
      wrapText(ctx, tr('overflow: beyond float32'), width - 18 * s).forEach((line, i) => text(ctx, line, 18 * s, oy + i * 15 * s, 400, 12 * s, TEXT, 'left'));
    }
    return canvas;
  }
}

/** The ticks of a bar of the cost itself from 0 to top: [label, fraction of the bar]. */
function linearTicks(top: number): [string, number][] {
  return niceTicks(0, top, 5).filter((v) => v <= top).map((v) => [formatTick(v), v / top]);
}
