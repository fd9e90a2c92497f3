/** The atlas panel's legend of the classes and its summary of each run's shares (DOM). */
import { el } from '../ui/dom';
import { formatTick } from './common';
import { atlasRunView, atlasShares, convergedRgb, divergedRgb, formatShare, greyRgb, type AtlasPanelInput } from './atlasCells';
import { t as tr } from '../i18n';

/** The classes' legend: three ramps, painted pixel by pixel like the maps, at the text scale and devicePixelRatio. */
export function atlasLegendItems(textScale: number, dpr: number): HTMLElement[] {
  const ramp = (colour: (t: number) => [number, number, number]) => {
    // CSS size times the text scale; canvas pixels times devicePixelRatio
    const cssW = Math.round(56 * textScale);
    const cssH = Math.round(12 * textScale);
    const w = Math.round(cssW * dpr);
    const h = Math.round(cssH * dpr);
    const canvas = el('canvas', { class: 'atlas-swatch', width: String(w), height: String(h) });
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx) {
      const image = ctx.createImageData(w, h);
      for (let x = 0; x < w; x++) {
        const rgb = colour(x / (w - 1));
        for (let y = 0; y < h; y++) {
          const k = (y * w + x) * 4;
          image.data[k] = rgb[0];
          image.data[k + 1] = rgb[1];
          image.data[k + 2] = rgb[2];
          image.data[k + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0);
    }
    return canvas;
  };
  const item = (canvas: HTMLCanvasElement, text: string) => el('span', { class: 'atlas-legend-item' }, canvas, text);
  return [
    item(ramp((t) => convergedRgb(1 - t)), tr('converged fast → slow')),
    item(ramp((t) => greyRgb(t, false)), tr('not converged (grey: final cost)')),
    item(ramp((t) => divergedRgb(t)), tr('diverged early → late')),
  ];
}

/** The summary: the grid's size and, per run, its shares of each class. */
export function atlasSummaryRows(input: AtlasPanelInput): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const v0 = atlasRunView(input, 0);
  const size = { nx: v0.xAxis.length, ny: v0.yAxis.length, iterations: input.iterations, tol: formatTick(input.tol) };
  const head = input.mode === 'starts'
    ? tr('{nx} × {ny} starts, {iterations} iterations, converged: cost < {tol}', size)
    : tr('{nx} × {ny} settings, {iterations} iterations, converged: cost < {tol}', size);
  rows.push(el('div', { class: 'atlas-summary-head' }, head));
  for (const run of input.runs) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = run.css;
    let text = tr(': no result yet');
    if (run.result) {
      const s = atlasShares(run.result);
      text = tr(': {converged} converge, {diverged} diverge, {notConverged} do not converge', { converged: formatShare(s.converged), diverged: formatShare(s.diverged), notConverged: formatShare(s.notConverged) });
    }
    rows.push(el('div', { class: 'atlas-summary-row' }, swatch, el('span', { class: 'atlas-summary-name' }, run.title), text));
  }
  return rows;
}
