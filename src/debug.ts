/**
 * window.rnnlabDebug: hooks for the project's own tests and benchmark (not a stable API).
 */
import type { App } from './app';
import type { BackendKind, SurfaceMethod, SurfaceResult } from './gpu/backend';
import { rangeFromList } from './gpu/backend';
import { WebGpuBackend } from './gpu/webgpuBackend';
import type { AtlasRunStats } from './gpu/webgpuAtlas';
import type { AtlasMode } from './model/atlas';
import { modelConfig } from './model/models';
import { HYPER_DEFAULTS, type Hyper, type OptimiserName } from './model/optimiserSpec';
import { datasetFor } from './state/derived';
import { normalizeParams } from './state/normalize';
import type { Params } from './state/schema';
import { setColourMapShift } from './views/colormap';
import { failPipelines } from './debugPipelines';
import type { PlotLayout } from './views/linePlot';

/**
 * Flags for the suite, set by an init script before the page's scripts run and read once here,
 * before the app draws anything: `window.rnnlabDebugFlags = { colourMapShift: 0.05 }` offsets
 * every colour-map lookup by 5% of the scale (the surface, the map, the colour bar), the wrong
 * picture that tests/browser/visual-can-fail.spec.ts shows the visual comparison rejecting;
 * `{ failPipelines: 'sigmoid' }` makes the sigmoid unit's compute pipelines fail to build
 * (tests/browser/pipeline-failure.spec.ts).
 */
export interface RnnLabDebugFlags {
  colourMapShift?: number;
  /** compute pipelines whose label starts with this fail to build (e.g. 'sigmoid': the sigmoid unit's kernels), see src/debugPipelines.ts */
  failPipelines?: string;
}
const flags = (globalThis as { rnnlabDebugFlags?: RnnLabDebugFlags }).rnnlabDebugFlags;
if (typeof flags?.colourMapShift === 'number' && Number.isFinite(flags.colourMapShift)) setColourMapShift(flags.colourMapShift);
if (typeof flags?.failPipelines === 'string' && flags.failPipelines) failPipelines(flags.failPipelines);

export interface RnnLabDebug {
  /** the surface for params merged over the current ones, by a chosen method, without touching the app state; `sharpness: false` leaves the row method's sharpness out */
  surface(method: SurfaceMethod, params?: Partial<Params>, opts?: { sharpness?: boolean }): Promise<SurfaceResult>;
  /** forces the WebGPU backend to split grids into bands of this many rows (0 restores the adapter limit) */
  setMaxRowsPerDispatch(rows: number): void;
  /** median milliseconds (compute plus readback) of `runs` surface computations after one warm-up; `sharpness: false` leaves the row method's sharpness out (the benchmark's comparison) */
  timeSurface(method: SurfaceMethod, params: Partial<Params>, runs: number, opts?: { sharpness?: boolean }): Promise<{ ms: number; all: number[] }>;
  /**
   * Median milliseconds to produce one frame (JS, then the GPU finishing it), for 'orbit' (the
   * camera moves), 'drag' (the start moves: Rprop, its gradients and the frame) and 'slider'
   * (the range changes: a new surface, its mesh and the frame); 'trajectory' is the engine alone
   * when the start moves (Rprop in float64; in still mode its listeners draw the frame's JS part).
   */
  frameCost(kind: 'orbit' | 'orbit-moving' | 'drag' | 'drag-moving' | 'slider' | 'trajectory', runs: number): Promise<{ ms: number; all: number[] }>;
  /**
   * Median milliseconds of a frame of a bare three.js scene (the 3D view's canvas size, mesh
   * size and camera, nothing else), orbiting like 'orbit': the yardstick for the app's frames.
   */
  bareSceneCost(frames: number): Promise<{ ms: number; width: number; height: number; side: number }>;
  /** how many computations the engine has run */
  computations(): number;
  /**
   * An atlas on the active backend, for data-set parameters merged over the current ones; the
   * result as plain arrays (Infinity survives), the progress calls, the time, and optionally a
   * cancellation after `cancelAfterMs` or once `cancelAtProgress` (0..1) of the work is done.
   */
  atlas(req: DebugAtlasRequest, opts?: DebugAtlasOptions): Promise<DebugAtlasResult>;
  /**
   * Destroys the active WebGPU backend's device (the lost-device path: its onLost listeners are
   * called); false on the CPU backend.
   */
  loseDevice(): boolean;
  /** the live camera (params().cam is written when a gesture ends): distance unrounded, world units */
  camera(): { azimuth: number; elevation: number; distance: number };
  /**
   * A lesson figure as drawn, in CSS pixels of its canvas: the canvas, the plot's area and the
   * title's box, and where each of `points` (data values, not log10) is drawn (null: not drawable);
   * null while the figure is hidden or has nothing to plot.
   */
  lessonPlot(panel: 'sharpness' | 'steps' | 'sweep', points?: [number, number][]): (PlotLayout & { points: ({ x: number; y: number } | null)[] }) | null;
}

export interface DebugAtlasRequest {
  /** the data set or the model: parameters (data, preset, seed, samples, seqLen; model, x0, target, steps) merged over the current ones */
  params?: Partial<Params>;
  mode: AtlasMode;
  opt: OptimiserName;
  hyper?: Partial<Hyper>;
  iterations: number;
  tol: number;
  xAxis: number[];
  yAxis: number[];
  start?: [number, number];
  /** WebGPU: the atlas kernel (AtlasJob's `kernel`; the seqLen sweep runs 'generic') */
  kernel?: 'lean' | 'generic';
}

export interface DebugAtlasOptions {
  cancelAfterMs?: number;
  cancelAtProgress?: number;
  /** false: leave the arrays out (benchmark) */
  arrays?: boolean;
}

export interface DebugAtlasResult {
  backend: BackendKind;
  finalCost: number[];
  convergedAt: number[];
  divergedAt: number[];
  cancelled: boolean;
  /** from the call to the result */
  ms: number;
  /** from setting the signal to the result (cancelled runs) */
  cancelLatencyMs: number | null;
  progress: [number, number][];
  /** WebGPU: dispatches and their longest time */
  stats: AtlasRunStats | null;
  /** WebGPU, sigmoid model: cells float32 could not resolve, finished in float64 on the CPU */
  finishedInFloat64: number;
}

declare global {
  interface Window {
    rnnlabDebug: RnnLabDebug;
  }
}

export function createDebug(app: App): RnnLabDebug {
  const engine = app.engine;
  const request = (method: SurfaceMethod, partial: Partial<Params> = {}) => {
    const { params, messages } = normalizeParams(partial, engine.params);
    if (messages.length) throw new Error(messages.join('; '));
    return { dataset: datasetFor(params), range: rangeFromList(params.range), res: params.res, method, model: modelConfig(params.model, params) };
  };
  return {
    async surface(method, partial, opts = {}) {
      await engine.ready();
      return engine.backend.surface({ ...request(method, partial), sharpness: opts.sharpness });
    },
    setMaxRowsPerDispatch(rows) {
      if (engine.backend instanceof WebGpuBackend)
        engine.backend.maxRowsPerDispatch = rows > 0 ? rows : engine.backend.device.limits.maxComputeWorkgroupsPerDimension;
    },
    async timeSurface(method, partial, runs, opts = {}) {
      await engine.ready();
      const req = { ...request(method, partial), sharpness: opts.sharpness };
      await engine.backend.surface(req);
      const all: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await engine.backend.surface(req);
        all.push(performance.now() - t0);
      }
      return { ms: median(all), all };
    },
    computations: () => engine.computations,
    atlas: (r, opts = {}) => debugAtlas(engine, r, opts),
    loseDevice() {
      if (!(engine.backend instanceof WebGpuBackend)) return false;
      engine.backend.device.destroy();
      return true;
    },
    camera() {
      const view = app.figures.surface;
      const [azimuth, elevation] = view.getCamera();
      return { azimuth, elevation, distance: view.camera.position.distanceTo(view.controls.target) };
    },
    async bareSceneCost(frames) {
      await engine.ready();
      const view = app.figures.surface;
      const canvas = view.renderer.domElement;
      const side = view.meshSide();
      const { bareSceneFrameMs } = await import('./debugBareScene');
      const ms = await bareSceneFrameMs(canvas.width, canvas.height, side, view.software, frames, app.params.cam);
      return { ms, width: canvas.width, height: canvas.height, side };
    },
    frameCost: (kind, runs) => frameCost(app, kind, runs),
    lessonPlot(panel, points = []) {
      const plot = app.figures.lesson.shown(panel);
      const layout = plot?.layout();
      return plot && layout ? { ...layout, points: points.map(([x, y]) => plot.toCanvas(x, y)) } : null;
    },
  };
}

/** rnnlab.debug.atlas: an atlas on the active backend, timed, with its progress and an optional cancellation. */
async function debugAtlas(engine: App['engine'], r: DebugAtlasRequest, opts: DebugAtlasOptions): Promise<DebugAtlasResult> {
  await engine.ready();
  const { params } = normalizeParams(r.params ?? {}, engine.params);
  const backend = engine.backend;
  const signal = { cancelled: false };
  const progress: [number, number][] = [];
  let tCancel: number | null = null;
  const cancel = () => {
    if (tCancel === null) tCancel = performance.now();
    signal.cancelled = true;
  };
  const t0 = performance.now();
  const timer = opts.cancelAfterMs !== undefined ? setTimeout(cancel, opts.cancelAfterMs) : undefined;
  const res = await backend.atlas(
    {
      dataset: datasetFor(params),
      model: modelConfig(params.model, params),
      mode: r.mode,
      opt: r.opt,
      hyper: { ...HYPER_DEFAULTS, ...r.hyper },
      iterations: r.iterations,
      tol: r.tol,
      xAxis: Float64Array.from(r.xAxis),
      yAxis: Float64Array.from(r.yAxis),
      start: r.start ?? params.start,
      kernel: r.kernel,
    },
    (done, total) => {
      progress.push([done, total]);
      if (opts.cancelAtProgress !== undefined && done >= opts.cancelAtProgress * total) cancel();
    },
    signal,
  );
  const t1 = performance.now();
  clearTimeout(timer);
  const arrays = opts.arrays !== false;
  return {
    backend: backend.kind,
    finalCost: arrays ? Array.from(res.finalCost) : [],
    convergedAt: arrays ? Array.from(res.convergedAt) : [],
    divergedAt: arrays ? Array.from(res.divergedAt) : [],
    cancelled: !!res.cancelled,
    ms: t1 - t0,
    cancelLatencyMs: tCancel === null ? null : t1 - tCancel,
    progress,
    stats: backend instanceof WebGpuBackend && !res.cancelled ? backend.atlasKernel.lastRun : null,
    finishedInFloat64: res.finishedInFloat64 ?? 0,
  };
}

/** rnnlab.debug.frameCost: the median time of one frame of the given kind (see RnnLabDebug). */
async function frameCost(app: App, kind: Parameters<RnnLabDebug['frameCost']>[0], runs: number): Promise<{ ms: number; all: number[] }> {
  const engine = app.engine;
  await engine.ready();
  const view = app.figures.surface;
  const base = app.params;
  const all: number[] = [];
  // '-moving': the frame drawn while the camera moves or the start is dragged
  const moving = kind.endsWith('-moving');
  if (moving) kind = kind === 'orbit-moving' ? 'orbit' : 'drag';
  view.setInteractive(moving);
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    if (kind === 'trajectory') {
      await engine.setParams({ start: [-1.5 + 0.02 * (i + 1), 2 - 0.01 * (i + 1)] });
      if (i > 0) all.push(performance.now() - t0);
      continue;
    }
    const drawn = app.loop.framesDrawn;
    if (kind === 'orbit') view.setCamera([base.cam[0] + 3 * (i + 1), base.cam[1], base.cam[2]]);
    else if (kind === 'drag') await app.setParams({ start: [-1.5 + 0.02 * (i + 1), 2 - 0.01 * (i + 1)] });
    else await app.setParams({ range: [-3 + 0.01 * (i + 1), 3, -3, 3] });
    // one render per figure: in still mode the camera's change event or setParams has drawn already
    if (app.loop.framesDrawn === drawn) app.loop.drawNow();
    await view.gpuDone();
    if (i > 0) all.push(performance.now() - t0); // the first one warms up
  }
  view.setInteractive(false);
  await app.setParams({ start: base.start, range: base.range, cam: base.cam });
  return { ms: median(all), all };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
