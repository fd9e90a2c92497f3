/**
 * The app: wires parameters -> engine -> views, the GUI, the URL, the keyboard and the pointer.
 * Data flows one way: every change goes through setParams, the engine computes, and the views
 * draw the state it hands out.
 */
import type { EngineState } from './engine';
import { Engine } from './engine';
import { datasetToText } from './model/dataset';
import { evaluatePoint, gradientCheck, runModel } from './model/rnn';
import { DEFAULT_PARAMS, ENGINE_KEYS, normalizeParams, paramsToQuery, type Params } from './params';
import { OVERFLOW_CSS, viridisCss } from './views/colormap';
import { TUTORIAL_POINTS, formatNumber } from './views/common';
import { GradientPlot, explainGradient, type GradSeries } from './views/gradplot';
import { HeatmapView } from './views/heatmap2d';
import { SurfaceView } from './views/surface3d';
import { ControlPanel } from './ui/gui';
import { el } from './ui/dom';

const HELP = [
  ['Space', 'play / pause'],
  ['→ / ←', 'step one iteration forward / back'],
  ['R', 'restart the animation'],
  ['F', 'full screen'],
  ['H', 'hide / show the control panel'],
  ['?', 'this help'],
  ['drag the orange dot', 'move the start point'],
  ['drag elsewhere', 'orbit; wheel to zoom'],
];

export class App {
  readonly engine = new Engine();
  params: Params = { ...DEFAULT_PARAMS };
  private surfaceView!: SurfaceView;
  private heatmap!: HeatmapView;
  private gradPlot!: GradientPlot;
  private gui!: ControlPanel;
  private state: EngineState | null = null;
  /** the animation's clock, in iterations */
  private clock = 0;
  private lastTime = 0;
  private dirty = true;
  private dragging = false;
  private stateVersion = 0;
  private drawnVersion = -1;
  private drawWaiters: (() => void)[] = [];
  private readonly root: HTMLElement;
  private readonly view3d: HTMLElement;
  private readonly side: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly hover: HTMLElement;
  private readonly colorbar: HTMLElement;
  private readonly status: HTMLElement;
  private readonly messageBox: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly checkPanel: HTMLElement;
  private readonly modelPanel: HTMLElement;
  private readonly help: HTMLElement;
  private messages: string[] = [];
  /** frames drawn, for the benchmark's frame-time measurements */
  framesDrawn = 0;

  constructor(root: HTMLElement, softwareRenderer: boolean) {
    this.root = root;
    root.innerHTML = '';
    this.view3d = el('section', { id: 'view3d' });
    this.side = el('aside', { id: 'side' });
    this.readout = el('div', { id: 'readout', class: 'overlay' });
    this.hover = el('div', { id: 'hover', class: 'overlay' });
    this.colorbar = el('div', { id: 'colorbar', class: 'overlay' });
    this.status = el('div', { id: 'status', class: 'overlay' });
    this.messageBox = el('div', { id: 'messages', role: 'alert' });
    this.caption = el('p', { id: 'caption' });
    this.checkPanel = el('div', { id: 'gradcheck', class: 'panel' });
    this.modelPanel = el('div', { id: 'trymodel', class: 'panel' });
    this.help = el('div', { id: 'help', hidden: '' });
    this.help.append(
      el('h2', {}, 'Keyboard'),
      el('table', {}, ...HELP.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))),
      el('p', { class: 'hint' }, 'Press ? or Esc to close.'),
    );
    const heatHost = el('div', { id: 'heatmap-host' });
    const plotHost = el('div', { id: 'gradplot-host' });
    const panels = el('div', { id: 'panels' }, this.checkPanel, this.modelPanel);
    this.side.append(heatHost, plotHost, this.caption, panels);
    root.append(this.view3d, this.side, this.messageBox, this.help);
    this.surfaceView = new SurfaceView(this.view3d, softwareRenderer);
    this.view3d.append(this.readout, this.hover, this.colorbar, this.status);
    this.heatmap = new HeatmapView(heatHost);
    this.gradPlot = new GradientPlot(plotHost);
    this.buildModelPanel();
  }

  async start(initial: Partial<Record<keyof Params, unknown>>): Promise<void> {
    const { params, messages } = normalizeParams(initial);
    this.params = params;
    this.gui = new ControlPanel(this.root, params, (partial) => void this.setParams(partial), {
      play: () => this.togglePlay(),
      step: (d) => this.step(d),
      restart: () => this.restart(),
      copyLink: () => this.copyViewLink(),
    });
    this.gui.sync(params);
    await this.surfaceView.init();
    this.surfaceView.setCamera(params.cam);
    this.surfaceView.controls.addEventListener('change', () => {
      this.dirty = true;
      if (this.params.still) this.drawNow(); // no animation loop to pick it up
    });
    this.surfaceView.controls.addEventListener('end', () => this.writeCameraToParams());
    this.engine.onState((s) => this.onState(s));
    this.installPointer();
    this.installKeyboard();
    window.addEventListener('resize', () => this.layout());
    this.applyViewParams();
    this.engine.messages = [];
    await this.engine.setParams(pickEngine(params));
    this.showMessages([...messages, ...this.engine.messages]);
    this.lastTime = performance.now();
    requestAnimationFrame((t) => this.tick(t));
  }

  // --- parameters ------------------------------------------------------------------------------

  /** The one entry point for changes: GUI, URL, keyboard, pointer and scripts all come here. */
  async setParams(raw: Partial<Record<keyof Params, unknown>>): Promise<void> {
    const { params, messages } = normalizeParams(raw, this.params);
    const old = this.params;
    this.params = params;
    this.showMessages(messages);
    this.gui.sync(params);
    const engineChanged = ENGINE_KEYS.some((k) => JSON.stringify(old[k]) !== JSON.stringify(params[k]));
    if (JSON.stringify(old.cam) !== JSON.stringify(params.cam)) this.surfaceView.setCamera(params.cam);
    if (params.frame !== old.frame && params.frame >= 0) this.clock = params.frame;
    this.applyViewParams();
    if (old.contours !== params.contours || old.zoom !== params.zoom) this.redrawSurface();
    this.writeUrl();
    this.dirty = true;
    this.lastShownFrame = -1; // panels depend on params too (the test sequence)
    if (old.still && !params.still) requestAnimationFrame((t) => this.tick(t));
    if (engineChanged) {
      await this.engine.setParams(pickEngine(params));
      if (this.engine.lastError) this.showMessages([...messages, `could not compute: ${this.engine.lastError}`]);
    } else if (params.still) this.drawNow();
  }

  private writeUrl(): void {
    const p = { ...this.params };
    if (p.play && !p.still) p.frame = -1; // a running clock is not a state worth a URL
    const q = paramsToQuery(p);
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  }

  private showMessages(messages: string[]): void {
    this.messages = messages;
    this.messageBox.replaceChildren(...messages.map((m) => el('p', {}, m)));
    this.messageBox.hidden = messages.length === 0;
    this.gui?.showMessages(messages);
  }

  private applyViewParams(): void {
    const p = this.params;
    this.root.dataset.layout = p.layout;
    this.gui.setVisible(p.gui);
    this.layout();
  }

  private layout(): void {
    const p = this.params;
    const w = window.innerWidth;
    const h = window.innerHeight;
    const sideW = p.layout === '3d' ? 0 : p.layout === '2d' ? w : Math.round(Math.min(560, Math.max(400, w * 0.34)));
    const viewW = p.layout === '2d' ? 0 : w - sideW;
    this.view3d.style.width = `${viewW}px`;
    this.side.style.width = `${sideW}px`;
    if (viewW > 0) this.surfaceView.resize(viewW, h);
    if (sideW > 0) {
      const twoD = p.layout === '2d';
      const plotW = twoD ? Math.floor((w - 48) / 2) : sideW - 24;
      const heatH = twoD ? Math.min(plotW, h - 220) : Math.min(plotW, Math.floor(h * 0.45));
      this.heatmap.resize(plotW, heatH);
      this.gradPlot.resize(plotW, twoD ? heatH : Math.max(200, Math.floor(h * 0.3)));
    }
    this.dirty = true;
  }

  // --- state to views ----------------------------------------------------------------------------

  private onState(s: EngineState): void {
    const prev = this.state;
    this.state = s;
    this.stateVersion++;
    if (!prev || prev.surface !== s.surface) this.redrawSurface();
    if (!prev || prev.rprop !== s.rprop || prev.surface !== s.surface) {
      const traj = { weights: s.rprop.weights, costs: s.rprop.costs };
      this.surfaceView.setTrajectory(traj);
      this.heatmap.setTrajectory(s.rprop.weights);
    }
    this.gui.showRows(datasetToText(s.dataset, '\n'));
    this.updateStatus();
    this.dirty = true;
    if (this.params.still) this.drawNow();
  }

  private redrawSurface(): void {
    const s = this.state;
    if (!s) return;
    this.surfaceView.setSurface(s.surface, s.summary, s.params.range, this.params.contours);
    this.surfaceView.setTrajectory({ weights: s.rprop.weights, costs: s.rprop.costs });
    this.heatmap.setSurface(s.surface, s.summary, s.params.range, this.params.zoom === 'zoom', this.params.contours);
    this.drawColorbar(s);
    this.dirty = true;
  }

  private drawColorbar(s: EngineState): void {
    const hMax = s.summary.logTop;
    const stops = Array.from({ length: 11 }, (_, i) => `${viridisCss(i / 10)} ${i * 10}%`);
    const bar = el('div', { class: 'bar', style: `background: linear-gradient(to top, ${stops.join(', ')})` });
    const labels = el('div', { class: 'ticks' });
    const step = Math.max(1, Math.ceil(hMax / 8));
    for (let d = 0; d <= hMax; d += step)
      labels.append(el('span', { style: `bottom: ${(100 * d) / hMax}%` }, d === 0 ? '1' : `10${sup(d)}`));
    const parts: HTMLElement[] = [el('div', { class: 'title' }, 'cost + 1'), el('div', { class: 'scale' }, bar, labels)];
    if (s.overflow)
      parts.push(el('div', { class: 'overflow' }, el('i', { style: `background:${OVERFLOW_CSS}` }), 'overflow: beyond float32'));
    this.colorbar.replaceChildren(...parts);
  }

  private updateStatus(): void {
    const e = this.engine;
    const parts = [`compute: ${e.backendReason}`, `render: ${this.surfaceView.backendName}`];
    const s = this.state;
    if (s?.overflow)
      parts.push('Grey: the cost there is beyond float32 (about 3.4e38); it is shown flat at the top, not as a number.');
    if (s?.rprop.diverged) parts.push('Rprop diverged: the weights left |w| ≤ 1e6, the path stops there.');
    this.status.replaceChildren(...parts.map((t) => el('div', {}, t)));
    this.status.dataset.backend = e.backendKind;
  }

  private currentFrame(): number {
    const s = this.state;
    if (!s) return 0;
    const last = s.rprop.weights.length - 1;
    const f = this.params.still || !this.params.play ? (this.params.frame >= 0 ? this.params.frame : this.params.still ? last : Math.floor(this.clock)) : Math.floor(this.clock);
    return Math.min(last, Math.max(0, f));
  }

  /** Draws the current state now (also used by the benchmark to time a frame). */
  drawNow(): void {
    const s = this.state;
    if (!s) return;
    const k = this.currentFrame();
    this.surfaceView.setFrame(k);
    this.heatmap.setFrame(k);
    this.gui.showFrame(k, s.rprop.weights.length - 1);
    this.updateReadout(s, k);
    if (this.params.layout !== '2d') this.surfaceView.render();
    if (this.params.layout !== '3d') {
      this.heatmap.draw();
      this.gradPlot.draw();
    }
    this.framesDrawn++;
    this.drawnVersion = this.stateVersion;
    this.dirty = false;
    // ready() means presented: the GPU has finished this frame's work (not just been handed it),
    // then the compositor has had two frames to put it on screen.
    const waiters = this.drawWaiters;
    this.drawWaiters = [];
    if (waiters.length) {
      const gpu = this.params.layout !== '2d' ? this.surfaceView.gpuDone() : Promise.resolve();
      void gpu.then(() => requestAnimationFrame(() => requestAnimationFrame(() => waiters.forEach((w) => w()))));
    }
  }

  private lastShownFrame = -1;

  private updateReadout(s: EngineState, k: number): void {
    const [wx, wRec] = s.rprop.weights[k];
    const [dWx, dWRec] = s.rprop.deltas[k];
    const last = s.rprop.weights.length - 1;
    this.readout.innerHTML = '';
    this.readout.append(
      el('div', { class: 'big' }, `iteration ${k} / ${last}`),
      el('div', {}, `wx = ${formatNumber(wx, 5)}   wRec = ${formatNumber(wRec, 5)}`),
      el('div', {}, `cost = ${formatNumber(s.rprop.costs[k], 4)}`),
      el('div', {}, `step sizes: Δwx = ${formatNumber(dWx, 3)}   ΔwRec = ${formatNumber(dWRec, 3)}`),
    );
    if (k === this.lastShownFrame && this.drawnVersion === this.stateVersion) return;
    this.lastShownFrame = k;
    const n = s.dataset.seqLen;
    const series: GradSeries[] = TUTORIAL_POINTS.map((p, i) => ({ label: `(${p.wx}, ${p.wRec})`, css: p.css, values: s.markedGrads[i].gradOverTime }));
    // The six points come from the backend (cached per data set); the start and the moving point
    // change on every drag and frame, so they are taken from the float64 model right here.
    const [sx, sr] = s.rprop.weights[0];
    series.push({ label: 'start', css: '#ff6a00', values: Array.from(evaluatePoint(s.dataset, sx, sr).gradOverTime) });
    series.push({ label: `now (it. ${k})`, css: '#ffffff', values: Array.from(evaluatePoint(s.dataset, wx, wRec).gradOverTime), emphasis: true });
    this.gradPlot.setSeries(series);
    this.caption.textContent = `At the current point (${formatNumber(wx, 3)}, ${formatNumber(wRec, 3)}): ${explainGradient(wRec, n)}`;
    const gc = gradientCheck(s.dataset, wx, wRec);
    this.checkPanel.replaceChildren(
      el('h3', {}, 'Gradient check here'),
      el('table', {},
        el('tr', {}, el('th', {}, ''), el('th', {}, 'numerical'), el('th', {}, 'backprop')),
        el('tr', {}, el('th', {}, '∂C/∂wx'), el('td', {}, formatNumber(gc.numerical[0], 6)), el('td', {}, formatNumber(gc.backprop[0], 6))),
        el('tr', {}, el('th', {}, '∂C/∂wRec'), el('td', {}, formatNumber(gc.numerical[1], 6)), el('td', {}, formatNumber(gc.backprop[1], 6))),
      ),
      el('div', { class: gc.pass ? 'pass' : 'fail' }, gc.pass ? 'pass (rtol 1e-5)' : 'FAIL: numerical and backprop disagree'),
      el('div', { class: 'note', id: 'tutorial-check' }, `the tutorial's check at (1.2, 1.2): ${s.gradientCheck.pass ? 'pass' : 'FAIL'}`),
    );
    this.updateModelPanel(wx, wRec);
  }

  // --- try the model -----------------------------------------------------------------------------

  private modelInput!: HTMLInputElement;
  private modelOutput!: HTMLElement;

  private buildModelPanel(): void {
    this.modelInput = el('input', { type: 'text', id: 'test-input', spellcheck: 'false', 'aria-label': 'test sequence of 0 and 1' }) as HTMLInputElement;
    this.modelOutput = el('div', { id: 'test-output' });
    this.modelInput.addEventListener('input', () => void this.setParams({ test: this.modelInput.value }));
    this.modelPanel.append(el('h3', {}, 'Try the model'), this.modelInput, this.modelOutput);
  }

  private updateModelPanel(wx: number, wRec: number): void {
    if (document.activeElement !== this.modelInput) this.modelInput.value = this.params.test;
    const input = [...this.params.test].map(Number);
    const y = runModel(input, wx, wRec);
    const target = input.reduce((a, b) => a + b, 0);
    const s = this.state!;
    const [fx, fr] = s.rprop.weights[s.rprop.weights.length - 1];
    this.modelOutput.replaceChildren(
      el('div', {}, `output ${formatNumber(y, 4)}   target ${target}   (weights of this iteration)`),
      el('div', { class: 'note', id: 'trained-output' }, `trained weights (last iteration): output ${formatNumber(runModel(input, fx, fr), 4)}`),
    );
  }

  // --- animation -----------------------------------------------------------------------------

  private tick(now: number): void {
    const dt = Math.min(0.1, (now - this.lastTime) / 1000);
    this.lastTime = now;
    const s = this.state;
    if (s && !this.params.still) {
      const last = s.rprop.weights.length - 1;
      if (this.params.play && !this.dragging) {
        const before = Math.floor(this.clock);
        this.clock = Math.min(last, this.clock + dt * this.params.speed);
        if (Math.floor(this.clock) !== before) this.dirty = true;
        if (this.clock >= last) {
          this.params = { ...this.params, play: false, frame: last };
          this.gui.sync(this.params);
          this.writeUrl();
        }
      }
    }
    if (this.dirty || this.drawWaiters.length || this.drawnVersion !== this.stateVersion) this.drawNow();
    if (!this.params.still) requestAnimationFrame((t) => this.tick(t));
  }

  togglePlay(): void {
    const s = this.state;
    const last = s ? s.rprop.weights.length - 1 : 0;
    if (!this.params.play && this.currentFrame() >= last) this.clock = 0;
    else this.clock = this.currentFrame();
    void this.setParams({ play: !this.params.play, frame: this.params.play ? Math.floor(this.clock) : -1 });
  }

  step(delta: number): void {
    const k = this.currentFrame() + delta;
    this.clock = Math.max(0, k);
    void this.setParams({ play: false, frame: Math.max(0, k) });
  }

  restart(): void {
    this.clock = 0;
    void this.setParams({ play: true, frame: -1 });
  }

  /** Resolves after a frame showing the current state has been presented. */
  afterDraw(): Promise<void> {
    return new Promise((resolve) => {
      this.drawWaiters.push(resolve);
      this.dirty = true;
      if (this.params.still) this.drawNow();
    });
  }

  // --- pointer -----------------------------------------------------------------------------------

  private installPointer(): void {
    const canvas = this.surfaceView.renderer.domElement;
    // The marker floats a little above the surface: grab it near its centre or its foot.
    const nearStart = (x: number, y: number) => {
      const centre = this.surfaceView.startMarkerScreen();
      const s = this.state;
      const foot = s ? this.surfaceView.toScreen(...s.params.start) : null;
      const near = (p: { x: number; y: number } | null, dx = 0, dy = 0) => p !== null && Math.hypot(p.x - dx - x, p.y - dy - y) < 18;
      return near(centre) || near(foot, window.scrollX, window.scrollY);
    };
    canvas.addEventListener(
      'pointerdown',
      (e) => {
        if (e.button !== 0 || !nearStart(e.clientX, e.clientY)) return;
        // Picked up the start marker: stop OrbitControls from seeing this drag.
        e.stopImmediatePropagation();
        this.dragging = true;
        this.surfaceView.controls.enabled = false;
        this.surfaceView.setStartHighlight(true);
        canvas.setPointerCapture(e.pointerId);
        this.dirty = true;
      },
      { capture: true },
    );
    canvas.addEventListener('pointermove', (e) => {
      if (this.dragging) {
        const hit = this.surfaceView.raycastSurface(e.clientX, e.clientY);
        if (hit) void this.setParams({ start: [round(hit.wx, 4), round(hit.wRec, 4)], frame: -1 });
        return;
      }
      canvas.style.cursor = nearStart(e.clientX, e.clientY) ? 'grab' : '';
      const hit = this.surfaceView.raycastSurface(e.clientX, e.clientY);
      this.showHover(hit ? hit.wx : null, hit ? hit.wRec : null, e.clientX, e.clientY);
    });
    const drop = (e: PointerEvent) => {
      if (!this.dragging) return;
      this.dragging = false;
      this.surfaceView.controls.enabled = true;
      this.surfaceView.setStartHighlight(false);
      canvas.releasePointerCapture(e.pointerId);
      this.restart();
    };
    canvas.addEventListener('pointerup', drop);
    canvas.addEventListener('pointercancel', drop);
    canvas.addEventListener('pointerleave', () => (this.hover.hidden = true));
    const heat = this.heatmap.canvas;
    heat.addEventListener('pointermove', (e) => {
      const w = this.heatmap.fromClient(e.clientX, e.clientY);
      this.showHover(w ? w.wx : null, w ? w.wRec : null, e.clientX, e.clientY);
    });
    heat.addEventListener('pointerleave', () => (this.hover.hidden = true));
    heat.addEventListener('click', (e) => {
      const w = this.heatmap.fromClient(e.clientX, e.clientY);
      if (w && e.shiftKey) void this.setParams({ start: [round(w.wx, 4), round(w.wRec, 4)] }).then(() => this.restart());
    });
  }

  private showHover(wx: number | null, wRec: number | null, x: number, y: number): void {
    const s = this.state;
    if (wx === null || wRec === null || !s) {
      this.hover.hidden = true;
      return;
    }
    const g = s.surface;
    const col = Math.round(((wx - g.wx[0]) / (g.wx[g.res - 1] - g.wx[0])) * (g.res - 1));
    const row = Math.round(((wRec - g.wRec[0]) / (g.wRec[g.res - 1] - g.wRec[0])) * (g.res - 1));
    const inGrid = col >= 0 && col < g.res && row >= 0 && row < g.res;
    const cost = inGrid ? g.cost[row * g.res + col] : NaN;
    this.hover.hidden = false;
    if (this.hover.parentElement !== document.body) document.body.append(this.hover);
    this.hover.textContent = `wx ${wx.toFixed(3)}  wRec ${wRec.toFixed(3)}  cost ${inGrid ? formatNumber(cost, 4) : 'outside the grid'}`;
    this.hover.style.left = `${x + 14}px`;
    this.hover.style.top = `${y + 14}px`;
  }

  // --- keyboard ----------------------------------------------------------------------------------

  private installKeyboard(): void {
    window.addEventListener('keydown', (e) => {
      const t = e.target as HTMLElement;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      switch (e.key) {
        case ' ':
          this.togglePlay();
          break;
        case 'ArrowRight':
          this.step(1);
          break;
        case 'ArrowLeft':
          this.step(-1);
          break;
        case 'r':
        case 'R':
          this.restart();
          break;
        case 'f':
        case 'F':
          if (document.fullscreenElement) void document.exitFullscreen();
          else void document.documentElement.requestFullscreen?.().catch(() => undefined);
          break;
        case 'h':
        case 'H':
          void this.setParams({ gui: !this.params.gui });
          break;
        case '?':
          this.help.hidden = !this.help.hidden;
          break;
        case 'Escape':
          this.help.hidden = true;
          break;
        default:
          return;
      }
      e.preventDefault();
    });
  }

  // --- camera ------------------------------------------------------------------------------------

  private writeCameraToParams(): void {
    this.params = { ...this.params, cam: this.surfaceView.getCamera() };
    this.writeUrl();
  }

  private copyViewLink(): void {
    this.writeCameraToParams();
    const p = { ...this.params, frame: this.currentFrame(), still: true };
    const url = `${location.origin}${location.pathname}?${paramsToQuery(p)}`;
    void navigator.clipboard?.writeText(url).catch(() => undefined);
    this.showMessages([`Link to this view: ${url}`]);
  }

  toScreen(wx: number, wRec: number): { x: number; y: number } | null {
    if (this.params.layout === '2d') return this.heatmap.toScreen(wx, wRec);
    return this.surfaceView.toScreen(wx, wRec);
  }

  surfaceViewForTiming(): SurfaceView {
    return this.surfaceView;
  }

  getMessages(): string[] {
    return [...this.messages];
  }
}

function pickEngine(p: Params): Partial<Params> {
  const out: Partial<Record<keyof Params, unknown>> = {};
  for (const k of ENGINE_KEYS) out[k] = p[k];
  return out as Partial<Params>;
}

function round(v: number, digits: number): number {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

function sup(n: number): string {
  const d = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((c) => d[Number(c)])
    .join('');
}
