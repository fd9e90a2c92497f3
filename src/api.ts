/**
 * window.rnnlab: the automation API that scripts and visual regression tests use. Keep the names
 * stable; they are documented in the README.
 */
import type { App } from './app';
import type { PointResult, SurfaceResult } from './gpu/backend';
import type { OptimiserName, RunHyper } from './model/optimiserSpec';
import type { Params } from './state/schema';
import type { SnapshotOptions } from './export/snapshot';
import type { Sweep } from './model/lesson/sweep';
import type { EngineState } from './engine';
import { t } from './i18n';

export interface AtlasInfo {
  mode: 'starts' | 'lr';
  wx: Float64Array;
  wRec: Float64Array;
  finalCost: Float32Array;
  convergedAt: Int32Array;
  divergedAt: Int32Array;
  /** the main run's boundary dimension (SPEC section 8, box counting), null where there is none */
  boundaryDimension: number | null;
  /**
   * Every run's atlas, the main run first: its axes' values (x, y: wx and wRec, or in 'lr' mode
   * its learning rates of wx and wRec, or etaPlus and etaMinus) and labels, and its cells.
   */
  runs: AtlasRunInfo[];
}

export interface AtlasRunInfo {
  opt: OptimiserName;
  hyper: RunHyper;
  x: Float64Array;
  y: Float64Array;
  xLabel: string;
  yLabel: string;
  finalCost: Float32Array | Float64Array;
  convergedAt: Int32Array;
  divergedAt: Int32Array;
  /** box-counting dimension of the boundary between diverged and not diverged cells (SPEC section 8); null: under 64 cells a side, or no boundary */
  boundaryDimension: number | null;
}

export interface RunInfo {
  opt: OptimiserName;
  /** every hyperparameter the run used; lrWRec null = the same as lr */
  hyper: RunHyper;
  weights: [number, number][];
  costs: number[];
  diverged: number | null;
  /** [dC/dwx, dC/dwRec] at each of weights (SPEC section 10, float64) */
  grads: [number, number][];
  /** the Hessian's largest eigenvalue at each of weights */
  sharpness: number[];
  /** the sharpness (adam: preconditioned) beyond which the step is unstable: 2/lr, 2(1 + momentum)/lr, adam (2 + 2 beta1)/((1 - beta1) lr); null for the Rprop family */
  stabilityLimit: number | null;
  /** adam only: the largest eigenvalue of diag(1 / (sqrt(vhat) + eps)) H at each of weights */
  preconditionedSharpness?: number[];
}

export interface RnnLabApi {
  /**
   * resolves once everything for the current parameters is computed and its frame is drawn;
   * rejects (Error 'could not compute: <reason>') when their computation failed
   */
  ready(): Promise<void>;
  readonly backend: 'webgpu' | 'cpu';
  params(): Params;
  setParams(partial: Partial<Params>): Promise<void>;
  evaluate(points: [number, number][]): Promise<PointResult[]>;
  /** the current surface; `sharpness` (SPEC section 10, the Hessian's largest eigenvalue per point; computed on demand where nothing shows it) */
  surface(): Promise<Pick<SurfaceResult, 'wx' | 'wRec' | 'cost' | 'wxGrad' | 'wRecGrad' | 'sharpness'>>;
  trajectory(): Promise<[number, number][]>;
  /** the main run then the compared runs (float64; hyper holds every hyperparameter the run used) */
  runs(): Promise<RunInfo[]>;
  /**
   * The main run's trainability atlas, once complete for the current params (null when
   * atlas=off): axes as Float64Array (in 'lr' mode the hyperparameters' values: learning
   * rates, not their log10, or the etas), values row-major with rows = the second axis.
   */
  atlas(): Promise<AtlasInfo | null>;
  /**
   * The sweep (SPEC section 11), once complete for the current params; null when sweep=off.
   * kind 'lr': x the knob's values (not their log10), per run finalCost, convergedAt, divergedAt
   * and limit; kind 'seqLen': x the lengths, per run the shares converged and diverged. Main run first.
   */
  sweep(): Promise<Sweep | null>;
  /**
   * page coordinates (CSS px) of a point in a view ('3d', 'map': the 2D map; none: the layout's
   * main view), or null when that view is not shown or the point is not visible in it
   */
  toScreen(wx: number, wRec: number, view?: '3d' | 'map'): { x: number; y: number } | null;
  /** messages about refused or clamped input, as shown in the page */
  messages(): string[];
  /**
   * A PNG of a panel ('page', '3d', 'map', 'gradients', 'loss', 'atlas' when an atlas is shown, the lesson's 'sharpness', 'steps', 'sweep' when a sweep is shown)
   * rendered at width x height (default 1920 x 1080, at most 3840 x 2160), with its legend and
   * colour bar, once the current state is drawn.
   */
  snapshot(options?: SnapshotOptions): Promise<Blob>;
}

declare global {
  interface Window {
    rnnlab: RnnLabApi;
  }
}

/** rnnlab.runs(): copies of the engine's runs with their lesson numbers (SPEC section 10). */
function runInfos(s: EngineState): RunInfo[] {
  return s.runs.map((r, i) => {
    const lesson = s.lessons[i];
    const info: RunInfo = {
      opt: r.opt,
      hyper: { lrWRec: null, ...r.hyper },
      weights: r.weights.map(([a, b]) => [a, b] as [number, number]),
      costs: [...r.costs],
      diverged: r.diverged,
      grads: lesson.grads.map(([a, b]) => [a, b] as [number, number]),
      sharpness: [...lesson.sharpness],
      stabilityLimit: lesson.stabilityLimit,
    };
    if (lesson.preconditionedSharpness) info.preconditionedSharpness = [...lesson.preconditionedSharpness];
    return info;
  });
}

export function createApi(app: App): RnnLabApi {
  const engine = app.engine;
  const ready = async () => {
    // window.rnnlab exists before the app has started: wait for that first.
    await app.started;
    await engine.ready();
    // the latest computation failed (a WGSL pipeline that did not build, ...): no frame shows
    // these parameters (there may be none at all), so say why instead of waiting for one
    if (engine.lastError) throw new Error(t('could not compute: {reason}', { reason: engine.lastError }));
    await app.loop.afterDraw();
  };
  const state = async () => {
    await engine.ready();
    if (!engine.state) throw new Error(engine.lastError ?? 'nothing computed yet');
    return engine.state;
  };
  return {
    ready,
    get backend() {
      return engine.backendKind;
    },
    params: () => structuredClone(app.params),
    setParams: async (partial) => {
      await app.setParams(partial);
      await ready();
    },
    evaluate: async (points) => {
      const s = await state();
      return engine.backend.evaluate(s.dataset, points, s.model);
    },
    surface: async () => {
      const s = (await state()).surface;
      // computed on demand where the shown surface has none (nothing shows it)
      const sharpness = s.sharpness ?? (await engine.surfaceSharpness());
      return { wx: s.wx, wRec: s.wRec, cost: s.cost, wxGrad: s.wxGrad, wRecGrad: s.wRecGrad, sharpness };
    },
    trajectory: async () => (await state()).runs[0].weights.map(([a, b]) => [a, b]),
    runs: async () => runInfos(await state()),
    atlas: async () => {
      await ready();
      const a = engine.atlas;
      const main = a?.runs[0];
      if (!a || !main?.result) return null;
      const values = (axis: Float64Array, log: boolean) => (log ? axis.map((t) => 10 ** t) : axis.slice());
      return {
        mode: a.mode,
        wx: values(main.xAxis, main.xLog),
        wRec: values(main.yAxis, main.yLog),
        finalCost: main.result.finalCost,
        convergedAt: main.result.convergedAt,
        divergedAt: main.result.divergedAt,
        boundaryDimension: main.boundaryDimension ?? null,
        runs: a.runs.flatMap((r) =>
          r.result
            ? [{ opt: r.opt, hyper: { ...r.hyper }, x: values(r.xAxis, r.xLog), y: values(r.yAxis, r.yLog), xLabel: r.xLabel, yLabel: r.yLabel,
                finalCost: r.result.finalCost, convergedAt: r.result.convergedAt, divergedAt: r.result.divergedAt, boundaryDimension: r.boundaryDimension ?? null }]
            : [],
        ),
      };
    },
    sweep: async () => {
      await ready();
      const s = engine.sweep;
      return s && s.complete ? structuredClone(s.sweep) : null;
    },
    toScreen: (wx, wRec, view) => app.toScreen(wx, wRec, view),
    messages: () => app.getMessages(),
    snapshot: async (options = {}) => {
      await ready();
      return app.exports.snapshot(options);
    },
  };
}
