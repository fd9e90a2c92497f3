/**
 * The engine: parameters in, computed state out. It owns the active backend, schedules
 * recomputation so that only the latest parameters are ever computed (no queue of stale work),
 * and tells listeners when a new state is ready. No DOM, no views.
 */
import type { ComputeBackend, BackendKind, PointResult, SurfaceResult } from './gpu/backend';
import { rangeFromList } from './gpu/backend';
import { CpuBackend } from './gpu/cpuBackend';
import { createWebGpuBackend } from './gpu/webgpuBackend';
import type { Dataset } from './model/dataset';
import type { GradientCheck } from './model/rnn';
import { modelConfig, modelGradientCheck, modelOf, type ModelConfig } from './model/models';
import { runOptimiser, type OptimiserRun } from './model/optimisers';
import { summarizeSurface, type SurfaceSummary } from './model/surface';
import { DEFAULT_PARAMS, type Params } from './state/schema';
import { atlasGrid, datasetFor, hyperFor, surfaceShowsSharpness, type AtlasGrid } from './state/derived';
import type { AtlasResult } from './gpu/backend';
import { float32Shortfall, type AtlasMode, type Float32Shortfall } from './model/atlas';
import type { OptimiserName } from './model/optimiserSpec';
import { runLesson, type RunLesson } from './model/lesson/runLesson';
import { atlasBoundaryDimension } from './model/lesson/boundary';
import { SweepRunner, type SweepState } from './engineSweep';

/**
 * One atlas per run (main run first): all over the same axes in 'starts' mode; in 'lr' mode each
 * over its own run's hyperparameters (learning rates of wx and wRec, or etaPlus and etaMinus).
 */
export interface AtlasRun extends AtlasGrid {
  opt: OptimiserName;
  hyper: ReturnType<typeof hyperFor>;
  result: AtlasResult | null;
  /** the box-counting dimension of the diverged/not diverged boundary (SPEC section 8), once result is in; null: none */
  boundaryDimension?: number | null;
}

export interface AtlasState {
  key: string;
  mode: AtlasMode;
  iterations: number;
  tol: number;
  runs: AtlasRun[];
  /** cell-iterations done and in all, over every run */
  done: number;
  total: number;
  complete: boolean;
  /** what the panel should say: the axes float32 cannot resolve (WebGPU), or why it stopped */
  notes: AtlasNotes;
}

/** Facts for the atlas panel's note (the present layer words them). */
export interface AtlasNotes {
  float32: Float32Shortfall[];
  error: string | null;
}

/** Which backend computes and why (the present layer words it for the status line). */
export interface BackendInfo {
  kind: BackendKind;
  /** the WebGPU adapter's name */
  adapter: string | null;
  /** the CPU because backend=cpu asked for it */
  asked: boolean;
  /** why WebGPU is not used: its error, or the device lost `lostCount` times */
  failure: string | null;
  lostCount: number;
  /** the reason of a device loss this backend replaced, else null */
  lost: string | null;
}

export interface EngineState {
  params: Params;
  dataset: Dataset;
  surface: SurfaceResult;
  /** the main run (the `opt` optimiser) then the compared runs, float64, all from params.start */
  runs: OptimiserRun[];
  /** the gradient check at the model's point (the tutorial's (1.2, 1.2) for the linear RNN) */
  gradientCheck: GradientCheck;
  /** true when the surface holds values beyond float32 (shown as overflow) */
  overflow: boolean;
  /** log costs and the one colour/height scale that every view of this surface uses */
  summary: SurfaceSummary;
  /** BPTT at the model's marked points, in modelOf(params.model).markedPoints order (the tutorial's six for the linear RNN) */
  markedGrads: PointResult[];
  /** per run (runs' order), float64: gradients, sharpness and stability limit along it (SPEC section 10) */
  lessons: RunLesson[];
  /** the model computed (src/model/models) and its parameters */
  model: ModelConfig;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Engine {
  backend!: ComputeBackend;
  backendKind!: BackendKind;
  /** why this backend is active, for the page */
  backendInfo: BackendInfo = { kind: 'cpu', adapter: null, asked: false, failure: null, lostCount: 0, lost: null };
  params: Params = { ...DEFAULT_PARAMS };
  state: EngineState | null = null;
  lastError: string | null = null;
  /** how many computations ran (a burst of changes must not queue one each) */
  computations = 0;
  private webgpuFailure: string | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;
  private listeners: ((s: EngineState) => void)[] = [];
  private atlasListeners: ((a: AtlasState | null) => void)[] = [];
  /** the atlas for the current params (null when atlas=off); computed after the state, cancellable */
  atlas: AtlasState | null = null;
  private atlasTask: Promise<void> | null = null;
  private atlasSignal: { cancelled: boolean } | null = null;
  /** the one-knob sweep for the current params (engineSweep.ts); computed after the state, cancellable */
  readonly sweeper = new SweepRunner();
  /**
   * When the sweep for newly computed params starts: at once, unless this gate defers it (the app
   * defers the lr sweep while the start is dragged: src/app/resultsController.ts). A gate calls
   * `go` at most once, and never after a newer computation has called the gate; its promise
   * resolves when it has called `go` or has been superseded (ready() waits for it).
   */
  sweepGate: ((p: Params, go: () => void) => Promise<void> | null) | null = null;
  private sweepDeferred: Promise<void> | null = null;
  private surfaceKey = '';
  private datasetKey = '';
  private dataset: Dataset | null = null;
  private gradsBackend: BackendKind | null = null;
  /** set when the WebGPU device was lost: the next computation gets a new backend */
  private lostDevice: string | null = null;
  private devicesLost = 0;

  onState(fn: (s: EngineState) => void): void {
    this.listeners.push(fn);
  }

  /** The sweep (null when sweep=off), filled in as it runs. */
  get sweep(): SweepState | null {
    return this.sweeper.state;
  }

  /** Called on every sweep progress step and when it completes (or is switched off). */
  onSweep(fn: (s: SweepState | null) => void): void {
    this.sweeper.onSweep(fn);
  }

  /** Called on every atlas progress step and when it completes (or is switched off). */
  onAtlas(fn: (a: AtlasState | null) => void): void {
    this.atlasListeners.push(fn);
  }

  private backendPending: Promise<void> | null = null;

  /**
   * Starts creating the backend the params ask for (adapter, device, pipeline builds) without
   * waiting: the app calls it before its renderer starts, so both get ready side by side.
   */
  prepareBackend(choice: Params['backend']): void {
    void this.ensureBackend(choice);
  }

  /** Picks the backend the params ask for; WebGPU falls back to the CPU with a reason. One at a time. */
  private async ensureBackend(choice: Params['backend']): Promise<void> {
    while (this.backendPending) await this.backendPending;
    const pending = this.ensureBackendNow(choice);
    this.backendPending = pending;
    try {
      await pending;
    } finally {
      if (this.backendPending === pending) this.backendPending = null;
    }
  }

  private async ensureBackendNow(choice: Params['backend']): Promise<void> {
    const want: BackendKind = choice === 'cpu' ? 'cpu' : 'webgpu';
    const lost = this.lostDevice;
    if (!lost && this.backend && (this.backendKind === want || (want === 'webgpu' && this.webgpuFailure))) return;
    this.lostDevice = null;
    try {
      this.backend?.dispose();
    } catch {
      // a lost device may refuse to be cleaned up; it is gone either way
    }
    this.surfaceKey = '';
    this.gradsBackend = null;
    // A device lost once gets one new device; lost again, the CPU takes over for good.
    if (lost && this.devicesLost > 1) this.webgpuFailure = lost;
    if (want === 'webgpu' && !(lost && this.devicesLost > 1)) {
      try {
        const gpu = await createWebGpuBackend();
        gpu.onLost((message) => {
          this.devicesLost++;
          this.lostDevice = message || 'unknown reason';
          console.warn(`[rnnlab] GPU device lost: ${this.lostDevice}; recomputing on a new backend`);
          void this.schedule();
        });
        this.backend = gpu;
        this.backendKind = 'webgpu';
        this.backendInfo = { kind: 'webgpu', adapter: gpu.adapterName ?? null, asked: false, failure: null, lostCount: this.devicesLost, lost };
        return;
      } catch (e) {
        this.webgpuFailure = (e as Error).message;
      }
    }
    this.backend = new CpuBackend();
    this.backendKind = 'cpu';
    this.backendInfo = { kind: 'cpu', adapter: null, asked: want === 'cpu', failure: this.webgpuFailure, lostCount: this.devicesLost, lost };
  }

  /**
   * Merges new parameters, already normalized (the store's: the engine reads nothing raw);
   * resolves once the state for them is computed.
   */
  setParams(partial: Partial<Params>): Promise<void> {
    this.params = { ...this.params, ...partial };
    return this.schedule();
  }

  /** Latest-wins scheduling: at most one computation runs, and one more follows with the newest params. */
  schedule(): Promise<void> {
    this.dirty = true;
    if (!this.running) {
      this.running = (async () => {
        while (this.dirty) {
          this.dirty = false;
          try {
            await this.compute({ ...this.params });
            this.lastError = null;
          } catch (e) {
            this.lastError = (e as Error).message;
            console.warn(`[rnnlab] ${this.lastError}`);
          }
        }
        this.running = null;
      })();
    }
    return this.running;
  }

  /**
   * The current surface's sharpness: its own where it has one, else computed now for the same grid
   * (the app asks for it only while something shows it: surfaceShowsSharpness).
   */
  async surfaceSharpness(): Promise<Float32Array | undefined> {
    const s = this.state;
    if (!s || s.surface.sharpness) return s?.surface.sharpness;
    const p = s.params;
    const r = await this.backend.surface({ dataset: s.dataset, range: rangeFromList(p.range), res: p.res, model: s.model, sharpness: true });
    return r.sharpness;
  }

  /** Resolves once no computation is pending, the atlas included. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.atlasTask) await this.atlasTask;
      else if (this.sweepDeferred) await this.sweepDeferred;
      else if (this.sweeper.task) await this.sweeper.task;
      else return;
    }
  }

  /** The atlas runs after the state, cell runs on the backend, and stops when the params change. */
  private startAtlas(s: EngineState): void {
    const p = s.params;
    if (p.atlas === 'off') {
      this.atlasSignal && (this.atlasSignal.cancelled = true);
      if (this.atlas) {
        this.atlas = null;
        for (const fn of this.atlasListeners) fn(null);
      }
      return;
    }
    const mode = p.atlas;
    const specs = [{ opt: p.opt, hyper: hyperFor(p) }, ...p.compare.map((c) => ({ opt: c.opt, hyper: hyperFor(p, c) }))];
    // The start matters only in 'lr' mode, the range and the atlas ranges each only in their own mode.
    const where = p.atlas === 'starts' ? [p.range] : [p.atlasRange, p.atlasEtaRange, p.start];
    const model = s.model;
    const key = JSON.stringify([this.datasetKey, model, p.atlas, p.atlasRes, where, p.iterations, p.tol, specs, this.backendKind]);
    if (this.atlas && this.atlas.key === key) return;
    if (this.atlasSignal) this.atlasSignal.cancelled = true;
    const signal = { cancelled: false };
    this.atlasSignal = signal;
    const notes: AtlasNotes = { float32: [], error: null };
    const runs: AtlasRun[] = specs.map((spec) => ({ ...spec, result: null, ...atlasGrid(p, spec.opt, s.dataset) }));
    // float32 (the WebGPU kernel) stops resolving a deep zoom before float64 does: say so
    if (this.backendKind === 'webgpu') {
      const deep = runs.flatMap((r) => [float32Shortfall(r.xLabel, r.xAxis, r.xLog), float32Shortfall(r.yLabel, r.yAxis, r.yLog)]);
      for (const d of deep) if (d && !notes.float32.some((n) => JSON.stringify(n) === JSON.stringify(d))) notes.float32.push(d);
    }
    const perRun = p.atlasRes * p.atlasRes * (p.iterations + 1);
    const atlas: AtlasState = { key, mode, iterations: p.iterations, tol: p.tol, runs, done: 0, total: perRun * runs.length, complete: false, notes };
    this.atlas = atlas;
    const emit = () => {
      if (this.atlas === atlas) for (const fn of this.atlasListeners) fn(atlas);
    };
    emit();
    const backend = this.backend;
    const dataset = s.dataset;
    const task = (async () => {
      for (let r = 0; r < runs.length && !signal.cancelled; r++) {
        const run = runs[r];
        try {
          const result = await backend.atlas(
            { dataset, model, mode, opt: run.opt, hyper: run.hyper, iterations: p.iterations, tol: p.tol, xAxis: run.xAxis, yAxis: run.yAxis, start: p.start },
            (done) => {
              atlas.done = r * perRun + done;
              emit();
            },
            signal,
          );
          if (result.cancelled || signal.cancelled) return;
          run.result = result;
          run.boundaryDimension = atlasBoundaryDimension(result.divergedAt, run.xAxis.length);
          atlas.done = (r + 1) * perRun;
          emit();
        } catch (e) {
          if (signal.cancelled) return;
          atlas.notes.error = (e as Error).message;
          console.warn(`[rnnlab] the atlas could not be computed: ${atlas.notes.error}`);
          break;
        }
      }
      if (!signal.cancelled) {
        atlas.complete = true;
        emit();
      }
    })();
    const tracked = task.finally(() => {
      if (this.atlasTask === tracked) this.atlasTask = null;
    });
    this.atlasTask = tracked;
  }

  private async compute(p: Params): Promise<void> {
    this.computations++;
    await this.ensureBackend(p.backend);
    const dKey = JSON.stringify([p.data, p.preset, p.seed, p.samples, p.seqLen]);
    if (dKey !== this.datasetKey || !this.dataset) {
      this.dataset = datasetFor(p);
      this.datasetKey = dKey;
    }
    const dataset = this.dataset;
    const model = modelOf(p.model);
    const cfg = modelConfig(p.model, p);
    const sKey = JSON.stringify([dKey, cfg, p.range, p.res, this.backendKind]);
    let surface = this.state?.surface;
    // the sharpness only while something shows it (a surface that has it keeps it)
    const sharpness = surfaceShowsSharpness(p);
    if (sKey !== this.surfaceKey || !surface || (sharpness && !surface.sharpness)) {
      surface = await this.backend.surface({ dataset, range: rangeFromList(p.range), res: p.res, model: cfg, sharpness });
      this.surfaceKey = sKey;
    }
    const prev = this.state;
    const sameData = prev && prev.dataset === dataset && same(prev.model, cfg);
    const evaluator = model.evaluator(cfg.params, dataset);
    // A run is recomputed only when its optimiser, hyperparameters, start or length change.
    const specs = [{ opt: p.opt, hyper: hyperFor(p) }, ...p.compare.map((c) => ({ opt: c.opt, hyper: hyperFor(p, c) }))];
    const runs = specs.map((spec) => {
      const old = sameData ? prev.runs.find((r) => r.opt === spec.opt && same(r.hyper, spec.hyper)) : undefined;
      if (old && same(prev!.params.start, p.start) && prev!.params.iterations === p.iterations) return old;
      return runOptimiser(evaluator, spec.opt, spec.hyper, p.start, p.iterations);
    });
    const lessons = runs.map((r) => {
      const i = sameData ? prev.runs.indexOf(r) : -1;
      return i >= 0 ? prev!.lessons[i] : runLesson(dataset, r, { evaluator, hessian: (a, b) => model.hessian(cfg.params, dataset, a, b) });
    });
    const sameBackend = prev && this.gradsBackend === this.backendKind;
    const markedGrads =
      sameData && sameBackend ? prev.markedGrads : await this.backend.evaluate(dataset, model.markedPoints(cfg.params).map((m) => m.at), cfg);
    this.gradsBackend = this.backendKind;
    // Once per surface, not on every drag move.
    const summary = prev && prev.surface === surface ? prev.summary : summarizeSurface(surface.cost, model.height);
    this.state = {
      params: p,
      dataset,
      surface,
      runs,
      gradientCheck: sameData ? prev.gradientCheck : modelGradientCheck(model, cfg.params, dataset),
      overflow: summary.overflow,
      summary,
      markedGrads,
      lessons,
      model: cfg,
    };
    for (const fn of this.listeners) fn(this.state);
    this.startAtlas(this.state);
    const [datasetKey, backend] = [this.datasetKey, this.backend];
    const go = () => this.sweeper.start(p, dataset, datasetKey, backend);
    const deferred = this.sweepGate ? this.sweepGate(p, go) : null;
    if (!this.sweepGate) go();
    const tracked = deferred?.finally(() => {
      if (this.sweepDeferred === tracked) this.sweepDeferred = null;
    });
    this.sweepDeferred = tracked ?? null;
  }
}
