/**
 * The app: wires store -> engine -> present -> views. Data flows one way: every change goes
 * through the store (setParams for the GUI, URL, keyboard, pointer and scripts; store.set for the
 * end of playback and the camera), the engine computes, the present layer turns its state and
 * the parameters into a view model (src/present/), and the views draw it (src/app/figures.ts).
 * The page's frame and layout live in src/ui/shell.ts, the frame loop in src/app/frameLoop.ts.
 */
import { Engine, type EngineState } from './engine';
import { datasetToText } from './model/dataset';
import { DEFAULT_PARAMS, type Params, type RawParams } from './state/schema';
import { effectiveAtlasRange, engineParams } from './state/derived';
import { paramsToQuery } from './state/url';
import { Store } from './state/store';
import { presentState, statusLines, type ViewModel } from './present/viewModel';
import { backendText } from './present/notes';
import { sceneChange } from './scenes';
import { SidePanels } from './views/sidePanels';
import { LegendView } from './views/legendView';
import { addSaveMenu } from './ui/saveMenu';
import { ControlPanel } from './ui/gui';
import { Shell } from './ui/shell';
import { Figures } from './app/figures';
import { FrameLoop } from './app/frameLoop';
import { ResultsController } from './app/resultsController';
import { ExportActions } from './app/exportActions';
import { installInputs } from './app/inputs';
import { language, t } from './i18n';

export class App {
  readonly engine = new Engine();
  /** the parameters: the only copy the app keeps, changed only through store.set */
  readonly store = new Store((query, p) => {
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    this.shell.embedLink.update(p.embed, paramsToQuery({ ...p, embed: false }));
  });
  private readonly shell: Shell;
  /** every view (the benchmark times the 3D view) */
  readonly figures: Figures;
  /** the frame loop: drawNow() and afterDraw() for the API and the benchmark */
  readonly loop: FrameLoop;
  private readonly atlas: ResultsController;
  readonly exports: ExportActions;
  private gui!: ControlPanel;
  private vm: ViewModel | null = null;
  private messages: string[] = [];
  private dragging = () => false;
  /** resolves once start() has computed and handed out the first state */
  readonly started: Promise<void>;
  private markStarted!: () => void;

  constructor(root: HTMLElement, softwareRenderer: boolean) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    const side = new SidePanels((text) => void this.setParams({ test: text }));
    const legend = new LegendView();
    this.shell = new Shell(root, { legend: legend.element, caption: side.caption, runsCaption: side.runsCaption, checkPanel: side.checkPanel, modelPanel: side.modelPanel });
    this.figures = new Figures(this.shell, side, legend, softwareRenderer);
    this.loop = new FrameLoop(this.figures, {
      params: () => this.params,
      viewModel: () => this.vm,
      dragging: () => this.dragging(),
      showFrame: (k, last) => {
        this.gui.showFrame(k, last);
        this.shell.fitControlPanel(this.params);
      },
      ended: (last) => {
        this.store.set({ play: false, frame: last });
        this.gui.sync(this.params);
        this.store.writeUrl();
      },
      setParams: (raw) => this.setParams(raw),
    });
    this.atlas = new ResultsController(this.figures, this.engine, {
      params: () => this.params,
      setParams: (raw) => this.setParams(raw),
      restart: () => this.restart(),
      changed: (change) => this.loop.drawSoon(change),
      hover: (text, x, y) => this.shell.showHover(text, x, y),
      dragging: () => this.dragging(),
    });
    this.exports = new ExportActions(this.store, this.figures, this.shell.banners, {
      state: () => this.vm?.state ?? null,
      frame: () => this.loop.currentFrame(),
      hasAtlas: () => this.atlas.shown !== null,
      sweep: () => (this.engine.sweep?.complete ? this.engine.sweep.sweep : null),
      showMessages: (m) => this.showMessages(m),
    });
  }

  get params(): Params {
    return this.store.params;
  }

  async start(initial: RawParams): Promise<void> {
    const { params, messages } = this.store.load(initial);
    this.gui = new ControlPanel(this.shell.root, params, (partial) => void this.setParams(partial), {
      play: () => this.togglePlay(),
      step: (d) => this.step(d),
      restart: () => this.restart(),
      copyLink: () => this.exports.copyViewLink(false),
      copyStillLink: () => this.exports.copyViewLink(true),
      scene: (id) => this.applyScene(id),
      resetAll: () => this.resetAll(),
    });
    this.shell.controlPanel = this.gui.gui.domElement;
    this.syncPanels(params);
    this.engine.prepareBackend(params.backend);
    addSaveMenu(this.gui.gui, {
      image: (panel, width, height) => this.exports.saveImage({ panel, width, height }),
      data: (kind) => this.exports.saveData(kind),
      hasAtlas: () => this.atlas.shown !== null,
      hasSweep: () => this.engine.sweep?.complete === true,
    });
    this.figures.surface.avoidRects = () => this.shell.avoidRects(this.params);
    await this.figures.surface.init();
    performance.mark('rnnlab:renderer');
    this.figures.surface.setCamera(params.cam);
    this.dragging = installInputs(this.figures, this.shell, this.loop, {
      params: () => this.params,
      state: () => this.vm?.state ?? null,
      setParams: (raw) => this.setParams(raw),
      togglePlay: () => this.togglePlay(),
      step: (d) => this.step(d),
      restart: () => this.restart(),
      writeCamera: () => this.exports.writeCamera(),
      layout: () => this.layout(),
      scene: (id) => this.applyScene(id),
    }).dragging;
    this.engine.onState((s) => this.present(s));
    this.applyViewParams();
    await this.engine.setParams(engineParams(params));
    performance.mark('rnnlab:computed');
    this.showMessages(this.engine.lastError ? [...messages, t('could not compute: {reason}', { reason: this.engine.lastError })] : messages);
    this.loop.start();
    this.markStarted();
  }

  /** The one entry point for changes: GUI, URL, keyboard, pointer and scripts all come here. */
  async setParams(raw: RawParams): Promise<void> {
    const { params, previous: old, changed, messages, engineChanged } = this.store.set(raw);
    if (params.lang !== language()) {
      // Every label is built in one language: another language is a fresh load of the same view.
      this.store.writeUrl();
      location.reload();
      return;
    }
    this.showMessages(messages);
    this.syncPanels(params);
    const any = (...keys: (keyof Params)[]) => keys.some((k) => changed.has(k));
    if (any('cam')) this.figures.surface.setCamera(params.cam);
    if (any('frame') && params.frame >= 0) this.loop.playback.clock = params.frame;
    if (any('layout', 'gui', 'embed', 'present')) this.applyViewParams();
    if (any('atlasOn3d')) this.atlas.applyDrape();
    // The store writes the URL while the engine computes, at the latest before setParams resolves.
    if (this.vm) this.present(this.vm.state); // the views show parameters too (test sequence, zoom, contours)
    if (old.still && !params.still) this.loop.start();
    if (engineChanged) {
      await this.engine.setParams(engineParams(params));
      if (this.engine.lastError) this.showMessages([...messages, t('could not compute: {reason}', { reason: this.engine.lastError })]);
    } else if (params.still) this.loop.drawNow();
    this.store.flushUrl();
  }

  /** A computed state (or new parameters to show with it): a new view model for every view. */
  private present(s: EngineState): void {
    this.vm = presentState(s, this.params, this.vm);
    this.figures.update(this.vm);
    this.atlas.moveMarkers();
    this.gui.showRows(datasetToText(s.dataset, '\n'));
    // the learning-rate window in use while atlasRange is not set (derived from the start), in the panel's fields
    this.gui.showDerivedAtlasRange(s.params, effectiveAtlasRange(s.params, s.dataset));
    this.figures.status.update(statusLines(this.vm, backendText(this.engine.backendInfo), this.figures.surface.backendName), this.engine.backendKind);
    this.shell.banners.place();
    this.loop.drawSoon('model');
  }

  private applyScene(id: string): void {
    const change = sceneChange(id);
    this.loop.playback.clock = 0;
    if (change) void this.setParams(change);
  }

  /** Every setting back to its default (the panel stays as it is). */
  private resetAll(): void {
    this.loop.playback.clock = 0;
    // the language stays: resetting the lesson should not switch a Chinese class to English
    void this.setParams({ ...DEFAULT_PARAMS, gui: this.params.gui, lang: this.params.lang });
  }

  /** The control panel and the title bar show the parameters. */
  private syncPanels(p: Params): void {
    this.gui.sync(p);
    this.shell.titleBar.sync(p);
  }

  private showMessages(messages: string[]): void {
    this.messages = messages;
    // A bad "try the model" sequence is said under its field, not in the banner.
    this.figures.side.showTestMessages(messages.filter((m) => m.startsWith('test:')));
    this.shell.banners.show(messages.filter((m) => !m.startsWith('test:')));
    this.gui?.showMessages(messages);
  }

  private applyViewParams(): void {
    const p = this.params;
    this.shell.applyViewParams(p);
    this.gui.setVisible(p.gui && !p.embed);
    this.shell.embedLink.update(p.embed, paramsToQuery({ ...p, embed: false }));
    this.gui.setPresent(p.present);
    this.layout();
  }

  private layout(): void {
    this.figures.resize(this.shell.layout(this.params));
    this.loop.invalidate('layout');
  }

  togglePlay(): void {
    this.loop.togglePlay();
  }

  step(delta: number): void {
    this.loop.step(delta);
  }

  restart(): void {
    this.loop.restart();
  }

  /** page coordinates of (wx, wRec) in a view: the 3D view, the 2D map, or (none named) the main view of the layout */
  toScreen(wx: number, wRec: number, view?: '3d' | 'map'): { x: number; y: number } | null {
    return this.figures.toScreen(this.params.layout, wx, wRec, view);
  }

  getMessages(): string[] {
    return [...this.messages];
  }
}
