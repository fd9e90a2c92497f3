/**
 * The colour bar of log10(cost + 1), of a model's cost itself (the sigmoid unit's E), or of
 * log10 of the sharpness λmax (colorBy=sharpness): over the 3D view (or beside the 2D map) as DOM, and in
 * exported images drawn at the image's scale, one colour per pixel row so that both ends hold
 * viridis(0) and viridis(1) exactly. Grey marks values beyond float32 (and λmax <= 0).
 */
import type { ColorbarModel, ViewModel } from '../present/viewModel';
import { THEME } from '../present/theme';
import { OVERFLOW_CSS, viridis, viridisCss } from './colormap';
import { formatTick, niceTicks, superscript } from './common';
import { wrapText } from './canvas2d';
import { font, imageCanvas, text as drawText, TEXT } from './canvasText';
import { el } from '../ui/dom';
import { t as tr } from '../i18n';

/** The bar's title, its grey key and its decades (value 10^d at fraction f of the bar) for a scale. */
function scaleText(m: ColorbarModel): { title: string; grey: string } {
  if (m.kind === 'sharpness') return { title: tr('sharpness λmax'), grey: tr('grey: λmax ≤ 0 or beyond float32') };
  return { title: m.title ?? tr('cost + 1'), grey: tr('overflow: beyond float32') };
}

/** f: the decade's fraction of the bar; pct: the same in percent, computed as the bar always did (100 d / span) */
function decades(kind: ColorbarModel['kind'], bottom: number, top: number): { label: string; f: number; pct: number }[] {
  // a model's cost itself (kind 'linear'): nice numbers from 0 to the top
  if (kind === 'linear') return niceTicks(0, top, 5).filter((v) => v <= top).map((v) => ({ label: formatTick(v), f: v / top, pct: (100 * v) / top }));
  const span = top - bottom;
  const step = Math.max(1, Math.ceil(span / 8));
  const out: { label: string; f: number; pct: number }[] = [];
  for (let d = bottom; d <= top; d += step) out.push({ label: d === 0 && kind === 'cost' ? '1' : `10${superscript(d)}`, f: (d - bottom) / span, pct: (100 * (d - bottom)) / span });
  return out;
}

export class ColorbarView {
  private model: ColorbarModel = { kind: 'cost', bottom: 0, top: 1, overflow: false };

  constructor(private readonly element: HTMLElement) {}

  private get top(): number {
    return this.model.top;
  }

  private get overflow(): boolean {
    return this.model.overflow;
  }

  update(vm: ViewModel): void {
    const m = vm.colorbar;
    const old = this.model;
    if (m.kind === old.kind && m.bottom === old.bottom && m.top === old.top && m.overflow === old.overflow && m.title === old.title && this.element.childElementCount) return;
    this.model = { ...m };
    const stops = Array.from({ length: 11 }, (_, i) => `${viridisCss(i / 10)} ${i * 10}%`);
    const bar = el('div', { class: 'bar', style: `background: linear-gradient(to top, ${stops.join(', ')})` });
    const labels = el('div', { class: 'ticks' });
    for (const d of decades(m.kind, m.bottom, m.top)) labels.append(el('span', { style: `bottom: ${d.pct}%` }, d.label));
    const text = scaleText(m);
    const parts: HTMLElement[] = [el('div', { class: 'title' }, text.title), el('div', { class: 'scale' }, bar, labels)];
    if (m.overflow) parts.push(el('div', { class: 'overflow' }, el('i', { style: `background:${OVERFLOW_CSS}` }), text.grey));
    this.element.dataset.kind = m.kind;
    this.element.replaceChildren(...parts);
  }

  /**
   * The bar, its title, decades and (with overflow) the grey's key, `width` x `height` image
   * pixels at scale `s` on a transparent background; the bar `barH` tall (default: what leaves
   * room for the title above it and the overflow key below it).
   */
  renderAt(width: number, height: number, s: number, barH = Math.max(8, height - (this.overflow ? 70 : 30) * s)): HTMLCanvasElement {
    const [canvas, ctx] = imageCanvas(width, height, null);
    const text = scaleText(this.model);
    const barW = Math.round(18 * s);
    const y0 = Math.round(22 * s);
    const bh = Math.round(barH);
    drawText(ctx, text.title, 0, 8 * s, 600, 14 * s, TEXT, 'left');
    for (let row = 0; row < bh; row++) {
      const [r, g, b] = viridis(1 - row / (bh - 1));
      ctx.fillStyle = `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
      ctx.fillRect(0, y0 + row, barW, 1);
    }
    for (const d of decades(this.model.kind, this.model.bottom, this.top)) {
      const ty = y0 + bh - 1 - d.f * (bh - 1);
      ctx.fillStyle = THEME.tick;
      ctx.fillRect(barW, Math.round(ty), Math.round(5 * s), Math.max(1, Math.round(s)));
      drawText(ctx, d.label, barW + 8 * s, ty, 400, 12.5 * s, THEME.tick, 'left');
    }
    if (this.overflow) {
      const oy = y0 + bh + 16 * s;
      ctx.fillStyle = OVERFLOW_CSS;
      ctx.fillRect(0, oy - 6 * s, 12 * s, 12 * s);
      ctx.font = font(400, 12 * s);
      wrapText(ctx, text.grey, width - 18 * s).forEach((line, i) => drawText(ctx, line, 18 * s, oy + i * 15 * s, 400, 12 * s, TEXT, 'left'));
    }
    return canvas;
  }
}
