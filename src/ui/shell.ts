/**
 * The page's frame: the title bar, the 3D view's section, the side column with one host per
 * figure, the overlays (readout, caption bar, hover, colour bar, status), help, banners and the
 * embed link, and where each figure goes and how big it is for the layout, the window and
 * presentation mode (shellGeometry.ts). It sizes hosts and returns the figures' sizes; it draws
 * nothing. The 3D view starts right of the open control panel, so that the panel never covers it;
 * the four figures (3D, map, gradients, loss) share the window without scrolling.
 */
import type { Params } from '../state/schema';
import { el } from './dom';
import { Banners } from './banner';
import { EmbedLink } from './embed';
import { HELP } from './keyboard';
import { tutorialLink } from './gui';
import { t } from '../i18n';
import { TitleBar } from './titleBar';

import { frameGeometry, type Rect } from './shellGeometry';

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
  readonly titleBar = new TitleBar();
  readonly view3d = el('section', { id: 'view3d', 'data-figure': 'surface3d' });
  readonly side = el('aside', { id: 'side' });
  readonly mapHost = el('div', { id: 'heatmap-host', 'data-figure': 'map' });
  readonly lossHost = el('div', { id: 'lossplot-host', 'data-figure': 'loss' });
  readonly atlasHost = el('div', { id: 'atlas-host', 'data-figure': 'atlas' });
  readonly gradientsHost = el('div', { id: 'gradplot-host', 'data-figure': 'gradients' });
  readonly readout = el('div', { id: 'readout', class: 'overlay' });
  /** the readout and the caption beside it (always visible): over the 3D view's bottom, or in the 2D grid */
  readonly bottomBar = el('div', { id: 'bottombar', class: 'overlay' }, this.readout);
  readonly hover = el('div', { id: 'hover', class: 'overlay' });
  readonly colorbar = el('div', { id: 'colorbar', class: 'overlay' });
  readonly status = el('div', { id: 'status', class: 'overlay' });
  readonly help = el('div', { id: 'help', hidden: '' });
  readonly banners = new Banners(this.status);
  readonly embedLink = new EmbedLink();
  /** the control panel's element once it exists (its box is kept clear) */
  controlPanel: HTMLElement | null = null;
  /** asked to lay the page out again (the panel folded or opened, the title bar's height changed) */
  onRelayout: () => void = () => undefined;
  /** the control panel folded behind its button (presentation mode starts so); a view state, not a parameter */
  private panelFolded = false;
  private shown: { gui: boolean; present: boolean } | null = null;
  /** the panel's room: how far down it may reach */
  private panelBottom = 0;

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
    // the four figures first (on screen together), then what may scroll below them: the atlas
    // first (its place does not move when the legend's or the captions' text changes), the legend
    this.side.append(this.mapHost, this.gradientsHost, this.lossHost, this.atlasHost, sidePanels.legend, sidePanels.runsCaption, panels);
    this.bottomBar.append(sidePanels.caption);
    root.append(this.titleBar.element, this.view3d, this.side, this.banners.errors, this.banners.notice, this.help, this.embedLink.element);
    this.titleBar.onPanelButton = () => this.togglePanel();
    let titleH = -1;
    new ResizeObserver(() => {
      const h = this.titleBar.element.offsetHeight;
      if (h !== titleH) this.onRelayout();
      titleH = h;
    }).observe(this.titleBar.element);
  }

  /** The overlays over the 3D view, after its canvas (which the surface view adds). */
  attachOverlays(): void {
    this.view3d.append(this.bottomBar, this.hover, this.colorbar, this.status);
  }

  /** Folds the control panel behind its button, or opens it. */
  togglePanel(): void {
    this.panelFolded = !this.panelFolded;
    this.onRelayout();
  }

  /** Layout, embed and presentation flags on the page, and where the caption and colour bar go. */
  applyViewParams(p: Params): void {
    const root = this.root;
    // a new layout starts at the top of the side column (the map first), not where the old one was scrolled to
    if (root.dataset.layout !== p.layout) this.side.scrollTop = 0;
    root.dataset.layout = p.layout;
    // embed mode: no control panel, no title bar and no status text (the CSS hides #status)
    root.dataset.embed = p.embed ? '1' : '0';
    root.dataset.present = p.present ? '1' : '0';
    document.documentElement.dataset.present = p.present ? '1' : '0'; // the hover readout and banners live outside #app
    // presentation mode starts with the panel folded behind its button; turning the panel on opens it
    const was = this.shown;
    if (!was || was.present !== p.present) this.panelFolded = p.present || (!was && this.panelCramps(p));
    if (was && !was.gui && p.gui) this.panelFolded = false;
    this.shown = { gui: p.gui, present: p.present };
    this.titleBar.element.hidden = p.embed;
    // the colour bar: over the 3D view in 3D only, beside the map otherwise (it keys both)
    const barHost = p.layout === '3d' ? this.view3d : this.mapHost;
    if (this.colorbar.parentElement !== barHost) barHost.append(this.colorbar);
  }

  /** Whether the open panel would leave the 3D view narrower than 400 px (a tablet): it then starts folded. */
  private panelCramps(p: Params): boolean {
    const panelW = this.controlPanel ? Math.ceil(this.controlPanel.getBoundingClientRect().width) + 16 : 316;
    const g = frameGeometry({ w: window.innerWidth, h: window.innerHeight, layout: p.layout, present: p.present, titleH: 0, guiW: panelW, lossTitleH: 0 });
    return g.view3d !== null && g.view3d.width < 400;
  }

  /** Sizes the title bar, the 3D view and the side column for the window; returns each figure's size. */
  layout(p: Params): FigureSizes {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const panel = this.controlPanel;
    const open = p.gui && !p.embed && !this.panelFolded;
    this.root.dataset.panel = open ? 'open' : 'folded';
    this.titleBar.showPanelOpen(open, p.gui && !p.embed);
    const titleH = p.embed ? 0 : this.titleBar.element.offsetHeight;
    const guiW = open && panel ? Math.ceil(panel.getBoundingClientRect().width) + 16 : 0;
    const lossTitle = this.lossHost.querySelector<HTMLElement>('.u-title')?.offsetHeight || Math.round(21 * (p.present ? 1.7 : 1));
    const g = frameGeometry({ w, h, layout: p.layout, present: p.present, titleH, guiW, lossTitleH: lossTitle });
    this.root.dataset.grid = g.grid ? '1' : '0';
    place(this.view3d, g.view3d);
    place(this.side, g.side);
    this.side.style.paddingLeft = p.layout === '2d' && guiW ? `${guiW}px` : '';
    // the readout and caption: over the 3D view's bottom, or in the grid beside the loss curve
    const barHost = g.barInSide ? this.side : this.view3d;
    if (this.bottomBar.parentElement !== barHost) {
      if (barHost === this.side) this.lossHost.after(this.bottomBar);
      else this.view3d.append(this.bottomBar);
    }
    this.colorbar.style.setProperty('--bar-h', `${g.colorbarH}px`);
    if (panel) panel.style.top = `${titleH + 8}px`;
    // the panel reaches down to the 3D view's bottom (portrait: the 2D grid starts there)
    this.panelBottom = g.view3d && g.side && g.side.top > g.view3d.top ? g.view3d.top + g.view3d.height : h;
    // embed: the link to the full app at the 3D view's top right (the status line is hidden there), clear of the caption
    const link = this.embedLink.element.style;
    link.right = g.view3d ? `${w - g.view3d.left - g.view3d.width + 12}px` : '';
    link.top = g.view3d ? `${g.view3d.top + 8}px` : '';
    link.bottom = g.view3d ? 'auto' : '';
    // the banners: right of the control panel, over the 3D view (beside the side panels, never on
    // the 2D map); in 2D only the panels start below them
    const guiRight = open && panel ? Math.ceil(panel.getBoundingClientRect().right) + 16 : 12;
    const right = g.view3d && g.side && g.side.left > 0 ? g.side.width + 12 : 12;
    this.banners.setArea(guiRight, right, p.layout === '2d' ? this.makeRoomForBanners : null);
    this.banners.place();
    return { surface3d: g.surface3d, map: g.map, atlasWidth: g.atlasWidth, loss: g.loss, gradients: g.gradients, textScale: g.textScale };
  }

  /** What the 3D labels keep clear of: the control panel (when shown) and the overlays (colour bar, status, readout, caption). */
  avoidRects(p: Params): DOMRect[] {
    const panel = p.gui && this.controlPanel ? [this.controlPanel.getBoundingClientRect()] : [];
    return [...panel, ...[this.colorbar, this.status, this.readout, this.sidePanels.caption].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0)];
  }

  /** The control panel stops at the bottom of its room (it scrolls), so that it covers no figure. */
  fitControlPanel(p: Params): void {
    if (!this.controlPanel) return;
    const top = this.controlPanel.getBoundingClientRect().top;
    this.controlPanel.style.maxHeight = p.gui ? `${Math.max(120, this.panelBottom - top - 8)}px` : '';
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

/** An area's place on the page (absolute, CSS px); null hides nothing (the CSS hides what a layout leaves out). */
function place(e: HTMLElement, r: Rect | null): void {
  if (!r) return;
  Object.assign(e.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
}
