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
import { runModel, type GradientCheck } from './model/rnn';
import { modelConfig, modelGradientCheck, modelOf, type ModelConfig } from './model/models';
import { runOptimiser, type OptimiserRun } from './model/optimisers';
import { summarizeSurface, type SurfaceSummary } from './model/surface';
import { DEFAULT_PARAMS, type Params } from './state/schema';
import { atlasGrid, datasetFor, hyperFor, type AtlasGrid } from './state/derived';
import type { AtlasResult } from './gpu/backend';
import { float32AxisNote, type AtlasMode } from './model/atlas';
import type { OptimiserName } from './model/optimiserSpec';
import { t } from './i18n';

/**
 * One atlas per run (main run first): all over the same axes in 'starts' mode; in 'lr' mode each
 * over its own run's hyperparameters (learning rates of wx and wRec, or etaPlus and etaMinus).
 */
export interface AtlasRun extends AtlasGrid {
  opt: OptimiserName;
  hyper: ReturnType<typeof hyperFor>;
  result: AtlasResult | null;
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
  note: string | null;
}

export const TEST_INPUT = [0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1];

export interface EngineState {
  params: Params;
  dataset: Dataset;
  surface: SurfaceResult;
  /** the main run (the `opt` optimiser) then the compared runs, float64, all from params.start */
  runs: OptimiserRun[];
  /** the gradient check at the model's point (the tutorial's (1.2, 1.2) for the linear RNN) */
  gradientCheck: GradientCheck;
  /** trained weights on TEST_INPUT (NaN for a model without "try the model") */
  testOutput: number;
  /** true when the surface holds values beyond float32 (shown as overflow) */
  overflow: boolean;
  /** log costs and the one colour/height scale that every view of this surface uses */
  summary: SurfaceSummary;
  /** BPTT at the model's marked points, in modelOf(params.model).markedPoints order (the tutorial's six for the linear RNN) */
  markedGrads: PointResult[];
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
  backendReason = '';
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
    const after = lost ? ` ${t('(the GPU device was lost: {reason})', { reason: lost })}` : '';
    // A device lost once gets one new device; lost again, the CPU takes over for good.
    if (lost && this.devicesLost > 1) this.webgpuFailure = t('the GPU device was lost {count} times ({reason})', { count: this.devicesLost, reason: lost });
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
        this.backendReason = `WebGPU (${gpu.adapterName ?? 'GPU'})${lost ? t(', a new device') + after : ''}`;
        return;
      } catch (e) {
        this.webgpuFailure = (e as Error).message;
      }
    }
    this.backend = new CpuBackend();
    this.backendKind = 'cpu';
    this.backendReason =
      want === 'cpu'
        ? t('CPU (float64 in a Web Worker), as asked by backend=cpu')
        : t('CPU fallback (float64 in a Web Worker): {reason}', { reason: this.webgpuFailure ?? '' }) + after;
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

  /** Resolves once no computation is pending, the atlas included. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.atlasTask) await this.atlasTask;
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
    let note: string | null = null;
    const runs: AtlasRun[] = specs.map((spec) => ({ ...spec, result: null, ...atlasGrid(p, spec.opt, s.dataset) }));
    // float32 (the WebGPU kernel) stops resolving a deep zoom before float64 does: say so
    if (this.backendKind === 'webgpu') {
      const deep = [...new Set(runs.flatMap((r) => [float32AxisNote(r.xLabel, r.xAxis, r.xLog), float32AxisNote(r.yLabel, r.yAxis, r.yLog)]))].filter((n) => n !== null);
      if (deep.length) note = [note, t('Zoomed past float32: {notes}. Neighbouring cells repeat on the GPU; backend=cpu computes in float64.', { notes: deep.join('; ') })].filter((n) => n).join(' ');
    }
    const perRun = p.atlasRes * p.atlasRes * (p.iterations + 1);
    const atlas: AtlasState = { key, mode, iterations: p.iterations, tol: p.tol, runs, done: 0, total: perRun * runs.length, complete: false, note };
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
          atlas.done = (r + 1) * perRun;
          emit();
        } catch (e) {
          if (signal.cancelled) return;
          atlas.note = t('the atlas could not be computed: {reason}', { reason: (e as Error).message });
          console.warn(`[rnnlab] ${atlas.note}`);
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
    if (sKey !== this.surfaceKey || !surface) {
      surface = await this.backend.surface({ dataset, range: rangeFromList(p.range), res: p.res, model: cfg });
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
    const main = runs[0];
    const last = main.weights[main.weights.length - 1];
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
      testOutput: model.tryModel ? runModel(TEST_INPUT, last[0], last[1]) : NaN,
      overflow: summary.overflow,
      summary,
      markedGrads,
      model: cfg,
    };
    for (const fn of this.listeners) fn(this.state);
    this.startAtlas(this.state);
  }
}
