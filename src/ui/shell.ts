/**
 * The page's frame: the 3D view's section, the side column with one host per figure, the
 * overlays (readout, caption bar, hover, colour bar, status), help, banners and the embed link,
 * and where each figure goes and how big it is for the layout, the window and presentation mode.
 * It sizes hosts and returns the figures' sizes; it draws nothing.
 */
import type { Params } from '../state/schema';
import { el } from './dom';
import { Banners } from './banner';
import { EmbedLink } from './embed';
import { HELP } from './keyboard';
import { tutorialLink } from './gui';
import { t } from '../i18n';

/** presentation mode: canvas text and margins at this multiple (12 px ticks become 20 px) */
export const PRESENT_SCALE = 1.7;

/** room for the colour bar beside the map in the 2D-only layout */
const COLORBAR_W = 110;

/** CSS pixel sizes of the figures for one layout; null where a figure is not shown. */
export interface FigureSizes {
  surface3d: [number, number] | null;
  map: [number, number] | null;
  atlasWidth: number | null;
  loss: [number, number] | null;
  gradients: [number, number] | null;
  /** canvas text and margins at this multiple (presentation mode) */
  textScale: number;
}

/** The side panels' elements the shell places (legend, captions, gradient check, try the model). */
export interface SideElements {
  legend: HTMLElement;
  runsCaption: HTMLElement;
  caption: HTMLElement;
  checkPanel: HTMLElement;
  modelPanel: HTMLElement;
}

export class Shell {
  readonly view3d = el('section', { id: 'view3d', 'data-figure': 'surface3d' });
  readonly side = el('aside', { id: 'side' });
  readonly mapHost = el('div', { id: 'heatmap-host', 'data-figure': 'map' });
  readonly lossHost = el('div', { id: 'lossplot-host', 'data-figure': 'loss' });
  readonly atlasHost = el('div', { id: 'atlas-host', 'data-figure': 'atlas' });
  readonly gradientsHost = el('div', { id: 'gradplot-host', 'data-figure': 'gradients' });
  readonly readout = el('div', { id: 'readout', class: 'overlay' });
  /** the readout and, with the 3D view on screen, the caption beside it (always visible) */
  readonly bottomBar = el('div', { id: 'bottombar', class: 'overlay' }, this.readout);
  readonly hover = el('div', { id: 'hover', class: 'overlay' });
  readonly colorbar = el('div', { id: 'colorbar', class: 'overlay' });
  readonly status = el('div', { id: 'status', class: 'overlay' });
  readonly help = el('div', { id: 'help', hidden: '' });
  readonly banners = new Banners(this.status);
  readonly embedLink = new EmbedLink();
  /** the control panel's element once it exists (its box is kept clear) */
  controlPanel: HTMLElement | null = null;

  constructor(
    readonly root: HTMLElement,
    private readonly sidePanels: SideElements,
  ) {
    root.replaceChildren();
    this.help.append(
      el('h2', {}, t('Keyboard and pointer')),
      el('table', {}, ...HELP.map(([k, v]) => el('tr', {}, el('th', {}, t(k)), el('td', {}, t(v))))),
      el('p', { class: 'hint' }, t('Press ? or Esc to close.')),
      tutorialLink(),
    );
    const panels = el('div', { id: 'panels' }, sidePanels.checkPanel, sidePanels.modelPanel);
    this.side.append(this.mapHost, sidePanels.legend, this.atlasHost, this.lossHost, sidePanels.runsCaption, this.gradientsHost, sidePanels.caption, panels);
    root.append(this.view3d, this.side, this.banners.errors, this.banners.notice, this.help, this.embedLink.element);
  }

  /** The overlays over the 3D view, after its canvas (which the surface view adds). */
  attachOverlays(): void {
    this.view3d.append(this.bottomBar, this.hover, this.colorbar, this.status);
  }

  /** Layout, embed and presentation flags on the page, and where the caption and colour bar go. */
  applyViewParams(p: Params): void {
    const root = this.root;
    // a new layout starts at the top of the side column (the map first), not where the old one was scrolled to
    if (root.dataset.layout !== p.layout) this.side.scrollTop = 0;
    root.dataset.layout = p.layout;
    // embed mode: no control panel and no status text (the CSS hides #status)
    root.dataset.embed = p.embed ? '1' : '0';
    root.dataset.present = p.present ? '1' : '0';
    document.documentElement.dataset.present = p.present ? '1' : '0'; // the hover readout and banners live outside #app
    // the caption stays on screen in every layout: beside the readout over the 3D view, or
    // under the gradient plot beside the map in 2D only
    const caption = this.sidePanels.caption;
    if (p.layout === '2d') {
      if (caption.parentElement !== this.side) this.side.append(caption);
    } else if (caption.parentElement !== this.bottomBar) this.bottomBar.append(caption);
    // the colour bar: over the 3D view, or beside the map in 2D only
    const barHost = p.layout === '2d' ? this.mapHost : this.view3d;
    if (this.colorbar.parentElement !== barHost) barHost.append(this.colorbar);
  }

  /** Sizes the 3D view and the side column for the window; returns each figure's size. */
  layout(p: Params): FigureSizes {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const k = p.present ? PRESENT_SCALE : 1;
    const twoD = p.layout === '2d';
    const sideW = p.layout === '3d' ? 0 : twoD ? w : Math.round(Math.min(560 * k, Math.max(400, w * (p.present ? 0.4 : 0.34))));
    // 2D only: the panels start right of the control panel, which then covers nothing
    const panel = this.controlPanel;
    const guiW = twoD && p.gui && panel ? Math.ceil(panel.getBoundingClientRect().width) + 16 : 0;
    this.side.style.paddingLeft = guiW ? `${guiW}px` : '';
    const viewW = twoD ? 0 : w - sideW;
    this.view3d.style.width = `${viewW}px`;
    this.side.style.width = `${sideW}px`;
    const sizes: FigureSizes = { surface3d: viewW > 0 ? [viewW, h] : null, map: null, atlasWidth: null, loss: null, gradients: null, textScale: k };
    if (sideW > 0) {
      const plotW = twoD ? Math.floor((w - 48 - guiW) / 2) : sideW - 24;
      const heatH = twoD ? Math.min(plotW - COLORBAR_W, h - 220) : Math.min(plotW, Math.floor(h * 0.45));
      // 2D only: the colour bar stands right of the map
      sizes.map = [twoD ? plotW - COLORBAR_W : plotW, heatH];
      sizes.atlasWidth = plotW;
      sizes.loss = [plotW, twoD ? Math.floor(heatH * 0.6) : Math.max(180, Math.floor(h * 0.26))];
      // 2D only: the caption sits under the gradient plot, in the map's row
      sizes.gradients = [plotW, twoD ? heatH - Math.round(110 * k) : Math.max(200, Math.floor(h * 0.3))];
    }
    // the banners: right of the control panel, over the 3D view (beside the side panels, never on
    // the 2D map); in 2D only the panels start below them
    const guiRight = p.gui && !p.embed && panel ? Math.ceil(panel.getBoundingClientRect().right) + 16 : 12;
    this.banners.setArea(guiRight, p.layout === 'both' ? sideW + 12 : 12, twoD ? this.makeRoomForBanners : null);
    this.banners.place();
    return sizes;
  }

  /** What the 3D labels keep clear of: the control panel (when shown) and the overlays (colour bar, status, readout, caption). */
  avoidRects(p: Params): DOMRect[] {
    const panel = p.gui && this.controlPanel ? [this.controlPanel.getBoundingClientRect()] : [];
    return [...panel, ...[this.colorbar, this.status, this.readout, this.sidePanels.caption].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0)];
  }

  /** The control panel stops above the readout and caption (it scrolls), so that it covers neither. */
  fitControlPanel(p: Params): void {
    if (!this.controlPanel) return;
    const bar = p.layout !== '2d' && p.gui ? this.bottomBar.offsetHeight : 0;
    this.controlPanel.style.maxHeight = bar ? `${window.innerHeight - bar - 36}px` : '';
  }

  /** The hover readout at the pointer (null hides it). */
  showHover(text: string | null, x: number, y: number): void {
    const hover = this.hover;
    hover.hidden = text === null;
    if (text === null) return;
    if (hover.parentElement !== document.body) document.body.append(hover);
    hover.textContent = text;
    hover.style.left = `${x + 14}px`;
    hover.style.top = `${y + 14}px`;
  }

  /** 2D only: the panels start below the banners while one is shown. */
  private readonly makeRoomForBanners = (bottom: number): void => {
    this.side.style.paddingTop = bottom > 0 ? `${bottom + 8}px` : '';
  };
}
