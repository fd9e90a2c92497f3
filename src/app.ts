/**
 * The app: wires store -> engine -> views. Data flows one way: every change goes through the
 * store (setParams for the GUI, URL, keyboard, pointer and scripts; store.set for the end of
 * playback and the camera), the engine computes, and the views draw the state it hands out.
 * Playback, pointer, keyboard and the side panels live in src/ui/.
 */
import type { AtlasState, EngineState } from './engine';
import { ATLAS_CSS, AtlasPanel } from './views/atlasPanel';
import { atlasCellColour, type AtlasPanelInput } from './views/atlasCells';
import { runLabels, runNames } from './views/runNames';
import { atlasPickChange, atlasRunMarker, atlasZoomChange } from './ui/atlasPick';
import { Engine } from './engine';
import { datasetToText } from './model/dataset';
import { DEFAULT_PARAMS, type Params, type RawParams } from './state/schema';
import { effectiveAtlasRange, engineParams } from './state/derived';
import { paramsToQuery } from './state/url';
import { Store } from './state/store';
import { viewLink } from './ui/links';
import { SCENES, SCENE_KEYS, sceneParams } from './scenes';
import { OVERFLOW_CSS, viridisCss } from './views/colormap';
import { superscript } from './views/common';
import { GradientPlot, gradSeriesAt, gradientExtent } from './views/gradplot';
import { HeatmapView } from './views/heatmap2d';
import { LossPlot } from './views/lossplot';
import { runColour } from './views/palette';
import { SurfaceView } from './views/surface3d';
import { addSaveMenu } from './ui/saveMenu';
import { dataFile, download, imageFileName, type DataFile } from './export/files';
import { canvasToPng, renderSnapshot, type SnapshotOptions } from './export/snapshot';
import { ControlPanel } from './ui/gui';
import { Shell } from './ui/shell';
import { el } from './ui/dom';
import { installKeyboard } from './ui/keyboard';
import { SidePanels, renderReadout } from './ui/panels';
import { Playback } from './ui/playback';
import { installPointer } from './ui/pointer';
import { language, t } from './i18n';

export class App {
  readonly engine = new Engine();
  /** the parameters: the only copy the app keeps, changed only through store.set */
  readonly store = new Store((query, p) => {
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    this.shell.embedLink.update(p.embed, paramsToQuery({ ...p, embed: false }));
  });
  private readonly root: HTMLElement;
  private readonly shell: Shell;
  private readonly surfaceView: SurfaceView;
  private readonly heatmap: HeatmapView;
  private readonly gradPlot: GradientPlot;
  private readonly lossPlot: LossPlot;
  private readonly panels: SidePanels;
  private readonly atlasPanel: AtlasPanel;
  private gui!: ControlPanel;
  private state: EngineState | null = null;
  private readonly playback = new Playback();
  private dirty = true;
  private dragging = false;
  private stateVersion = 0;
  private drawnVersion = -1;
  private drawWaiters: (() => void)[] = [];
  private lastShownFrame = -1;
  /** what the 2D panels last drew, and a counter bumped by every layout */
  private panelsKey = '';
  private layoutVersion = 0;
  private gradScaleVersion = -1;
  private messages: string[] = [];
  /** frames drawn, for the benchmark's frame-time measurements */
  framesDrawn = 0;

  constructor(root: HTMLElement, softwareRenderer: boolean) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    this.root = root;
    this.panels = new SidePanels((text) => void this.setParams({ test: text }));
    this.shell = new Shell(root, this.panels);
    this.surfaceView = new SurfaceView(this.shell.view3d, softwareRenderer);
    this.shell.attachOverlays();
    this.heatmap = new HeatmapView(this.shell.mapHost);
    this.lossPlot = new LossPlot(this.shell.lossHost);
    this.lossPlot.onScrub = (k) => {
      this.playback.clock = k;
      void this.setParams({ play: false, frame: k });
    };
    this.gradPlot = new GradientPlot(this.shell.gradientsHost);
    this.atlasPanel = new AtlasPanel(this.shell.atlasHost);
    this.atlasPanel.onHover = (info, x, y) => this.showHoverText(info ? info.text : null, x, y);
    this.atlasPanel.onPick = (run, x, y) => this.pickAtlasCell(run, x, y);
    // A wheel turn sends several notches: recompute once it stops. The window is the run's family's.
    let zoomTimer = 0;
    this.atlasPanel.onZoom = (run, range) => {
      clearTimeout(zoomTimer);
      const opt = this.atlasShown?.runs[run]?.opt;
      if (opt) zoomTimer = window.setTimeout(() => void this.setParams(atlasZoomChange(opt, range)), 250);
    };
    document.head.append(el('style', {}, ATLAS_CSS));
  }

  /** resolves once start() has computed and handed out the first state */
  readonly started: Promise<void>;
  private markStarted!: () => void;

  get params(): Params {
    return this.store.params;
  }

  async start(initial: RawParams): Promise<void> {
    const { params, messages } = this.store.load(initial);
    this.gui = new ControlPanel(this.root, params, (partial) => void this.setParams(partial), {
      play: () => this.togglePlay(),
      step: (d) => this.step(d),
      restart: () => this.restart(),
      copyLink: () => this.copyViewLink(false),
      copyStillLink: () => this.copyViewLink(true),
      scene: (id) => this.applyScene(id),
      resetAll: () => this.resetAll(),
    });
    this.shell.controlPanel = this.gui.gui.domElement;
    this.gui.sync(params);
    // the title bar (src/ui/titleBar.ts): the scene's title and sentence, stepping, the panel's button
    this.shell.titleBar.onScene = (id) => this.applyScene(id);
    this.shell.onRelayout = () => {
      this.layout();
      if (this.params.still) this.drawNow(); // no animation loop redraws the resized figures
    };
    this.shell.titleBar.sync(params);
    this.engine.prepareBackend(params.backend);
    addSaveMenu(this.gui.gui, {
      image: (panel, width, height) => this.saveImage({ panel, width, height }),
      data: (kind) => this.saveData(kind),
      hasAtlas: () => this.atlasShown !== null,
    });
    // 3D labels keep clear of the control panel and of the overlays (colour bar, status, readout).
    this.surfaceView.avoidRects = () => [
      ...(this.params.gui ? [this.gui.gui.domElement.getBoundingClientRect()] : []),
      ...[this.shell.colorbar, this.shell.status, this.shell.readout, this.panels.caption].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0),
    ];
    // a folder opened or closed: the 3D labels are laid out again around the panel
    new ResizeObserver(() => {
      this.dirty = true;
      if (this.params.still && this.state) this.drawNow();
    }).observe(this.gui.gui.domElement);
    await this.surfaceView.init();
    performance.mark('rnnlab:renderer');
    this.surfaceView.setCamera(params.cam);
    this.listenToCamera();
    this.engine.onState((s) => this.onState(s));
    this.engine.onAtlas((a) => this.showAtlas(a));
    installPointer({
      surfaceView: this.surfaceView,
      heatmap: this.heatmap,
      hover: this.shell.hover,
      state: () => this.state,
      moveStart: (wx, wRec, final) => {
        const start = [round(wx, 4), round(wRec, 4)];
        if (final) void this.setParams({ start }).then(() => this.restart());
        else void this.setParams({ start, frame: -1 });
      },
      setDragging: (on) => {
        this.dragging = on;
        this.setInteractive(on);
      },
      frame: () => this.currentFrame(),
      markDirty: () => (this.dirty = true),
      togglePlay: () => this.togglePlay(),
    });
    installKeyboard({
      togglePlay: () => this.togglePlay(),
      step: (d) => this.step(d),
      restart: () => this.restart(),
      toggleGui: () => (this.params.gui ? this.shell.togglePanel() : void this.setParams({ gui: true })),
      stepScene: (d) => this.shell.titleBar.step(d),
      togglePresent: () => void this.setParams({ present: !this.params.present }),
      toggleHelp: () => (this.shell.help.hidden = !this.shell.help.hidden),
      closeHelp: () => (this.shell.help.hidden = true),
    });
    window.addEventListener('resize', () => this.layout());
    this.applyViewParams();
    await this.engine.setParams(engineParams(params));
    performance.mark('rnnlab:computed');
    this.showMessages(messages);
    requestAnimationFrame((t) => this.tick(t));
    this.markStarted();
  }

  /** The camera: a move redraws (the cheaper frame while it moves); where it stops goes into the store. */
  private listenToCamera(): void {
    this.surfaceView.controls.addEventListener('change', () => {
      this.dirty = true;
      if (this.params.still) this.drawNow(); // no animation loop to pick it up
    });
    // the cheaper frame while the camera moves; the full one as soon as it stops
    // (entered on the first move, so that a click or a tap costs no change of render scale)
    let pressed = false;
    this.surfaceView.controls.addEventListener('start', () => (pressed = true));
    this.surfaceView.controls.addEventListener('change', () => {
      if (pressed) this.surfaceView.setInteractive(true);
    });
    this.surfaceView.controls.addEventListener('end', () => {
      pressed = false;
      this.writeCameraToParams();
      this.setInteractive(false);
    });
  }

  // --- parameters ------------------------------------------------------------------------------

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
    this.gui.sync(params);
    this.shell.titleBar.sync(params);
    const any = (...keys: (keyof Params)[]) => keys.some((k) => changed.has(k));
    if (any('cam')) this.surfaceView.setCamera(params.cam);
    if (any('frame') && params.frame >= 0) this.playback.clock = params.frame;
    if (any('layout', 'gui', 'embed', 'present')) this.applyViewParams();
    if (any('contours', 'zoom')) this.redrawSurface();
    if (any('atlasOn3d')) this.applyAtlasDrape();
    // The store writes the URL while the engine computes, at the latest before setParams resolves.
    this.dirty = true;
    this.lastShownFrame = -1; // panels depend on params too (the test sequence)
    this.panelsKey = '';
    if (old.still && !params.still) requestAnimationFrame((t) => this.tick(t));
    if (engineChanged) {
      await this.engine.setParams(engineParams(params));
      if (this.engine.lastError) this.showMessages([...messages, t('could not compute: {reason}', { reason: this.engine.lastError })]);
    } else if (params.still) this.drawNow();
    this.store.flushUrl();
  }

  private applyScene(id: string): void {
    const scene = SCENES.find((s) => s.id === id);
    if (!scene) return;
    const reset: RawParams = {};
    for (const k of SCENE_KEYS) reset[k] = DEFAULT_PARAMS[k];
    this.playback.clock = 0;
    void this.setParams({ ...reset, ...sceneParams(scene), play: true, frame: -1 });
  }

  /** Every setting back to its default (the panel stays as it is). */
  private resetAll(): void {
    this.playback.clock = 0;
    // the language stays: resetting the lesson should not switch a Chinese class to English
    void this.setParams({ ...DEFAULT_PARAMS, gui: this.params.gui, lang: this.params.lang });
  }

  private showMessages(messages: string[]): void {
    this.messages = messages;
    // A bad "try the model" sequence is said under its field, not in the banner.
    this.panels.showTestMessages(messages.filter((m) => m.startsWith('test:')));
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
    const sizes = this.shell.layout(this.params);
    for (const v of [this.heatmap, this.gradPlot, this.lossPlot, this.atlasPanel]) v.setTextScale(sizes.textScale);
    if (sizes.surface3d) this.surfaceView.resize(...sizes.surface3d);
    if (sizes.map) this.heatmap.resize(...sizes.map);
    if (sizes.atlasWidth !== null) this.atlasPanel.setWidth(sizes.atlasWidth);
    if (sizes.loss) this.lossPlot.resize(...sizes.loss);
    if (sizes.gradients) this.gradPlot.resize(...sizes.gradients);
    this.layoutVersion++;
    this.dirty = true;
  }

  // --- state to views ----------------------------------------------------------------------------

  private onState(s: EngineState): void {
    const prev = this.state;
    this.state = s;
    this.stateVersion++;
    if (!prev || prev.surface !== s.surface) this.redrawSurface();
    else if (prev.runs !== s.runs) this.showRuns(s);
    if (this.atlasShown) this.atlasPanel.setMarker(this.atlasMarkers(this.atlasShown)[0], this.atlasMarkers(this.atlasShown));
    this.gui.showRows(datasetToText(s.dataset, '\n'));
    // the learning-rate window in use while atlasRange is not set (derived from the start), in the panel's fields
    this.gui.showDerivedAtlasRange(s.params, effectiveAtlasRange(s.params, s.dataset));
    this.updateStatus();
    this.dirty = true;
    if (this.params.still) this.drawNow();
  }

  private redrawSurface(): void {
    const s = this.state;
    if (!s) return;
    this.surfaceView.setSurface(s.surface, s.summary, s.params.range, this.params.contours);
    this.heatmap.setSurface(s.surface, s.summary, s.params.range, this.params.zoom === 'zoom', this.params.contours);
    this.showRuns(s);
    this.drawColorbar(s);
    this.dirty = true;
  }

  /** Hands every run, in its colour, to the views that draw runs. */
  private showRuns(s: EngineState): void {
    const coloured = s.runs.map((r, i) => ({ ...r, css: runColour(i) }));
    this.surfaceView.setRuns(coloured);
    this.heatmap.setRuns(coloured);
    const names = runNames(s.runs);
    this.lossPlot.setSeries(coloured.map((r, i) => ({ label: names[i], css: r.css, costs: r.costs, diverged: r.diverged, emphasis: i === 0 })));
    this.panels.showRuns(s);
  }

  // --- the trainability atlas ------------------------------------------------------------------

  private atlasShown: AtlasState | null = null;
  private atlasResultsShown = -1;

  private showAtlas(a: AtlasState | null): void {
    if (!a) {
      this.atlasShown = null;
      this.atlasPanel.show(null);
      this.applyAtlasDrape();
      this.dirty = true;
      return;
    }
    this.atlasPanel.setProgress(a.complete ? a.total : a.done, a.total);
    const ready = a.runs.filter((r) => r.result).length;
    // Redrawn when a new atlas starts (blank maps) and each time a run's atlas arrives.
    if (a === this.atlasShown && ready === this.atlasResultsShown) return;
    this.atlasShown = a;
    this.atlasResultsShown = ready;
    this.atlasPanel.show(this.atlasInput(a));
    this.applyAtlasDrape();
    this.dirty = true;
  }

  /** The panel's input: in 'lr' mode each run's map over its own run's hyperparameters. */
  private atlasInput(a: AtlasState): AtlasPanelInput {
    const main = a.runs[0];
    const markers = this.atlasMarkers(a);
    const titles = runLabels(a.runs);
    return {
      mode: a.mode,
      xAxis: main.xAxis,
      yAxis: main.yAxis,
      xLabel: main.xLabel,
      yLabel: main.yLabel,
      xLog: main.xLog,
      yLog: main.yLog,
      iterations: a.iterations,
      tol: a.tol,
      runs: a.runs.map((r, i) => ({
        title: titles[i], css: runColour(i), result: r.result,
        xAxis: r.xAxis, yAxis: r.yAxis, xLabel: r.xLabel, yLabel: r.yLabel, xLog: r.xLog, yLog: r.yLog, marker: markers[i],
      })),
      marker: markers[0],
      note: a.note,
    };
  }

  /** Where each run's current settings sit on its own map: the start, or its hyperparameters. */
  private atlasMarkers(a: AtlasState): [number, number][] {
    return a.runs.map((r) => atlasRunMarker(a.mode, r, this.params.start));
  }

  /** A click on run's map sets that run's start or hyperparameters to the cell's, then restarts. */
  private pickAtlasCell(run: number, x: number, y: number): void {
    const a = this.atlasShown;
    if (!a) return;
    const change = atlasPickChange(a.mode, this.params, run, x, y);
    if (change) void this.setParams(change).then(() => this.restart());
  }

  private applyAtlasDrape(): void {
    const a = this.atlasShown;
    const main = a?.runs[0];
    if (!a || !main?.result || a.mode !== 'starts' || !this.params.atlasOn3d) {
      this.surfaceView.setDrape(null);
      return;
    }
    const r = main.result;
    const n = main.xAxis.length;
    this.surfaceView.setDrape({
      xAxis: main.xAxis,
      yAxis: main.yAxis,
      colour: (col, row) => atlasCellColour(r.convergedAt[row * n + col], r.divergedAt[row * n + col], r.finalCost[row * n + col], a.iterations),
    });
  }

  private showHoverText(text: string | null, x: number, y: number): void {
    this.shell.showHover(text, x, y);
  }

  private drawColorbar(s: EngineState): void {
    const hMax = s.summary.logTop;
    const stops = Array.from({ length: 11 }, (_, i) => `${viridisCss(i / 10)} ${i * 10}%`);
    const bar = el('div', { class: 'bar', style: `background: linear-gradient(to top, ${stops.join(', ')})` });
    const labels = el('div', { class: 'ticks' });
    const step = Math.max(1, Math.ceil(hMax / 8));
    for (let d = 0; d <= hMax; d += step)
      labels.append(el('span', { style: `bottom: ${(100 * d) / hMax}%` }, d === 0 ? '1' : `10${superscript(d)}`));
    const parts: HTMLElement[] = [el('div', { class: 'title' }, t('cost + 1')), el('div', { class: 'scale' }, bar, labels)];
    if (s.overflow)
      parts.push(el('div', { class: 'overflow' }, el('i', { style: `background:${OVERFLOW_CSS}` }), t('overflow: beyond float32')));
    this.shell.colorbar.replaceChildren(...parts);
  }

  private updateStatus(): void {
    const e = this.engine;
    const parts = [t('compute: {backend}', { backend: e.backendReason }), t('render: {backend}', { backend: this.surfaceView.backendName })];
    const s = this.state;
    if (s?.overflow)
      parts.push(t('Grey: the cost there is beyond float32 (about 3.4e38); it is shown flat at the top, not as a number.'));
    const names = s ? runNames(s.runs) : [];
    const diverged = s?.runs.flatMap((r, i) => (r.diverged !== null ? [names[i]] : [])) ?? [];
    if (diverged.length) parts.push(t("Diverged (the weights left |w| ≤ 1e6; the path stops at the plot's edge): {runs}.", { runs: diverged.join(', ') }));
    this.shell.status.replaceChildren(...parts.map((t) => el('div', {}, t)));
    this.shell.status.dataset.backend = e.backendKind;
    this.shell.banners.place();
  }

  /** the last iteration of the longest run */
  private lastIndex(): number {
    const s = this.state;
    return s ? Math.max(...s.runs.map((r) => r.weights.length - 1)) : 0;
  }

  private currentFrame(): number {
    return this.state ? this.playback.frame(this.params, this.lastIndex()) : 0;
  }

  /** Leaves (or enters) the cheaper interactive frame; leaving it draws the full frame. */
  private setInteractive(on: boolean): void {
    if (this.surfaceView.interactive === on) return;
    this.surfaceView.setInteractive(on);
    this.dirty = true;
    if (!on && this.params.still) this.drawNow();
  }

  /** Draws the current state now (also used by the benchmark to time a frame). */
  drawNow(): void {
    const s = this.state;
    if (!s) return;
    const k = this.currentFrame();
    this.surfaceView.setFrame(k);
    this.heatmap.setFrame(k);
    this.lossPlot.setFrame(k);
    this.gui.showFrame(k, this.lastIndex());
    renderReadout(this.shell.readout, s, k);
    // the panel stops above the readout and caption (it scrolls), so that it covers neither
    this.shell.fitControlPanel(this.params);
    if (k !== this.lastShownFrame || this.drawnVersion !== this.stateVersion) this.showFramePanels(s, k);
    if (this.params.layout !== '2d') this.surfaceView.render();
    if (this.params.layout !== '3d') {
      // The 2D panels are redrawn only when what they show changed (not on every orbit step).
      const key = `${this.stateVersion}:${k}:${this.layoutVersion}:${this.params.zoom}:${this.params.contours}`;
      if (key !== this.panelsKey) {
        this.heatmap.draw();
        this.gradPlot.draw();
        this.panelsKey = key;
      }
    }
    this.framesDrawn++;
    this.drawnVersion = this.stateVersion;
    this.dirty = false;
    // ready() means presented: the GPU has finished this frame's work (not just been handed it),
    // then the compositor has had two frames to put it on screen. Only full frames count.
    if (this.surfaceView.interactive) return;
    const waiters = this.drawWaiters;
    this.drawWaiters = [];
    if (waiters.length) void this.presented().then(() => waiters.forEach((w) => w()));
  }

  private showFramePanels(s: EngineState, k: number): void {
    this.lastShownFrame = k;
    const series = gradSeriesAt(s, k);
    if (this.gradScaleVersion !== this.stateVersion) {
      // one axis scale for the whole run: the six points, the start and every iteration's point
      this.gradScaleVersion = this.stateVersion;
      this.gradPlot.setScale(gradientExtent(s.dataset, s.runs[0], series.map((x) => x.values)));
    }
    this.gradPlot.setSeries(series);
    this.panels.showFrame(s, k, this.params.test);
  }

  // --- animation -----------------------------------------------------------------------------

  private tick(now: number): void {
    if (this.state) {
      const moved = this.playback.advance(now, this.params, this.lastIndex(), this.dragging);
      if (moved) this.dirty = true;
      if (moved === 'end') {
        this.store.set({ play: false, frame: this.lastIndex() });
        this.gui.sync(this.params);
        this.store.writeUrl();
      }
    }
    if (this.dirty || this.drawWaiters.length || this.drawnVersion !== this.stateVersion) this.drawNow();
    if (!this.params.still) requestAnimationFrame((t) => this.tick(t));
  }

  togglePlay(): void {
    const last = this.lastIndex();
    if (!this.params.play && this.currentFrame() >= last) this.playback.clock = 0;
    else this.playback.clock = this.currentFrame();
    void this.setParams({ play: !this.params.play, frame: this.params.play ? Math.floor(this.playback.clock) : -1 });
  }

  step(delta: number): void {
    const k = this.currentFrame() + delta;
    this.playback.clock = Math.max(0, k);
    void this.setParams({ play: false, frame: Math.max(0, k) });
  }

  restart(): void {
    this.playback.clock = 0;
    void this.setParams({ play: true, frame: -1 });
  }

  /** Resolves once the GPU work submitted so far is done and the compositor has had two frames. */
  private presented(): Promise<void> {
    const gpu = this.params.layout !== '2d' ? this.surfaceView.gpuDone() : Promise.resolve();
    return gpu.then(twoFrames);
  }

  /** Resolves after a frame showing the current state has been presented. */
  afterDraw(): Promise<void> {
    // Nothing changed since the last full frame: no second draw. The GPU work submitted so far
    // includes that frame, and the two compositor frames after it cover the page around it.
    if (!this.dirty && this.drawnVersion === this.stateVersion && !this.surfaceView.interactive && this.framesDrawn > 0)
      return this.presented();
    return new Promise((resolve) => {
      this.drawWaiters.push(resolve);
      this.dirty = true;
      if (this.params.still) this.drawNow();
    });
  }

  // --- export --------------------------------------------------------------------------------

  /** A panel (or the page) rendered at the asked size, as a PNG (src/export/snapshot.ts). */
  async snapshot(options: SnapshotOptions): Promise<Blob> {
    const s = this.state;
    if (!s) throw new Error('snapshot: nothing computed yet');
    const frame = this.currentFrame();
    const source = { state: s, params: this.params, frame, gradSeries: gradSeriesAt(s, frame), surfaceView: this.surfaceView, atlas: this.atlasShown ? this.atlasInput(this.atlasShown) : null };
    return canvasToPng(await renderSnapshot(source, options));
  }

  private async saveImage(options: Required<SnapshotOptions>): Promise<void> {
    try {
      const blob = await this.snapshot(options);
      if (this.state) download({ name: imageFileName(this.state, options.panel, options.width, options.height, this.currentFrame()), blob });
    } catch (e) {
      this.showMessages([t('could not save the image: {reason}', { reason: (e as Error).message })]);
    }
  }

  private saveData(kind: DataFile): void {
    if (this.state) download(dataFile(kind, this.state));
  }

  // --- camera and links ----------------------------------------------------------------------

  private writeCameraToParams(): void {
    // the camera snaps to the rounded values the URL holds, so the view is what the link reproduces
    const { params } = this.store.set({ cam: this.surfaceView.getCamera() });
    this.surfaceView.setCamera(params.cam);
    this.store.writeUrl();
  }

  /**
   * Copies a link that reproduces this view: the parameters, camera and iteration. It keeps the
   * viewer's own still setting (an animated view opens animated); the still link asks for
   * still mode (one frame, no animation: for screenshots and slides).
   */
  private copyViewLink(still: boolean): void {
    this.writeCameraToParams();
    const url = viewLink(this.params, this.currentFrame(), still, `${location.origin}${location.pathname}`);
    const what = still ? t('Still link to this view') : t('Link to this view');
    const copied = navigator.clipboard?.writeText(url);
    if (!copied) {
      this.shell.banners.info(t('{what} (select and copy it): {url}', { what, url }));
      return;
    }
    void copied.then(
      () => this.shell.banners.info(t('{what} copied: {url}', { what, url })),
      () => this.shell.banners.info(t('{what} (the browser refused the clipboard; select and copy it): {url}', { what, url })),
    );
    this.shell.banners.info(`${what}: ${url}`);
  }

  /** page coordinates of (wx, wRec) in a view: the 3D view, the 2D map, or (none named) the main view of the layout */
  toScreen(wx: number, wRec: number, view?: '3d' | 'map'): { x: number; y: number } | null {
    const map = view === 'map' || (view === undefined && this.params.layout === '2d');
    if (map) return this.params.layout === '3d' ? null : this.heatmap.toScreen(wx, wRec);
    return this.params.layout === '2d' ? null : this.surfaceView.toScreen(wx, wRec);
  }

  /** page coordinates of iteration k on the loss curve (tests) */
  lossToScreen(k: number): { x: number; y: number } | null {
    return this.lossPlot.iterationToScreen(k);
  }

  surfaceViewForTiming(): SurfaceView {
    return this.surfaceView;
  }

  getMessages(): string[] {
    return [...this.messages];
  }
}

function round(v: number, digits: number): number {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

/** Resolves after two animation frames: the compositor has had a frame to show what was drawn. */
function twoFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
