/**
 * The compute interface both backends implement: the WebGPU kernels and the CPU worker.
 * Results are float32 on both (beyond float32's range: +/-Infinity), so a view or a test can
 * treat them alike.
 */
import type { AtlasRequest } from '../model/atlas';
import type { Dataset } from '../model/dataset';
import type { Range, SurfaceGrid } from '../model/surface';
import type { ModelConfig } from '../model/models/types';

export type BackendKind = 'webgpu' | 'cpu';
/** 'rows': the fast per-row quadratic method; 'bptt': plain BPTT at every point */
export type SurfaceMethod = 'rows' | 'bptt';

export interface SurfaceRequest {
  /** which model (src/model/models); absent: the linear RNN on `dataset` */
  model?: ModelConfig;
  dataset: Dataset;
  range: Range;
  res: number;
  method?: SurfaceMethod;
  /** false: the row method leaves out `sharpness` (default: computed; plain BPTT never gives it) */
  sharpness?: boolean;
}

/**
 * row-major, rows = wRec, columns = wx; values float32 (beyond float32: +/-Infinity). The row
 * method (the default) also gives `sharpness`, the Hessian's largest eigenvalue at every point
 * (SPEC section 10); plain BPTT ('bptt') leaves it out.
 */
export type SurfaceResult = SurfaceGrid & { sharpness?: Float32Array };

export interface PointResult {
  cost: number;
  wxGrad: number;
  wRecGrad: number;
  /** dC/dS_k summed over samples, k = 0..seqLen */
  gradOverTime: number[];
  /** the Hessian of the cost [Hxx, Hxy, Hyy] (SPEC section 10), float64 rounded to float32 */
  hessian: [number, number, number];
  /** its largest eigenvalue */
  sharpness: number;
}

/**
 * The trainability atlas (SPEC section 8) of `dataset`: one optimiser run per cell of the grid
 * xAxis x yAxis (src/model/atlas.ts's AtlasRequest: the modes and the axes), on a backend.
 */
export interface AtlasJob extends AtlasRequest {
  dataset: Dataset;
  /**
   * WebGPU: 'lean' (default) builds a kernel with the data set's coefficients written in (fastest
   * per iteration, a build per data set); 'generic' reads them from memory, one kernel for every
   * data set (sweeps over many data sets, where building would take longer than running)
   */
  kernel?: 'lean' | 'generic';
  /** which model (src/model/models); absent: the linear RNN on `dataset` */
  model?: ModelConfig;
}

/**
 * Row-major (rows = yAxis, columns = xAxis). finalCost is float32 (beyond it +Infinity, never
 * NaN). A cancelled run resolves with cancelled: true and empty arrays.
 */
export interface AtlasResult {
  finalCost: Float32Array;
  convergedAt: Int32Array;
  divergedAt: Int32Array;
  cancelled?: boolean;
  /**
   * WebGPU: how many cells float32 could not resolve (a step left the float32 weights unchanged
   * while the cost was above tol) and were finished in float64 on the CPU worker (SPEC section
   * 12); absent or 0 elsewhere.
   */
  finishedInFloat64?: number;
}

/** Set `cancelled` to stop a running atlas (latest wins): it resolves soon with cancelled: true. */
export interface AtlasSignal {
  cancelled: boolean;
}

/** Progress in cell-iterations (iterations + 1 evaluations per cell), after each chunk of work. */
export type AtlasProgress = (done: number, total: number) => void;

export interface ComputeBackend {
  readonly kind: BackendKind;
  surface(req: SurfaceRequest): Promise<SurfaceResult>;
  /** cost, gradient and gradient over time at points; model absent: the linear RNN on dataset */
  evaluate(dataset: Dataset, points: readonly (readonly [number, number])[], model?: ModelConfig): Promise<PointResult[]>;
  /**
   * The atlas, in chunks short enough for the page to stay responsive; onProgress after each
   * chunk (done rises to total); `signal.cancelled` is checked between chunks.
   */
  atlas(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult>;
  dispose(): void;
}

/** The result of a cancelled atlas. */
export function cancelledAtlas(): AtlasResult {
  return { finalCost: new Float32Array(0), convergedAt: new Int32Array(0), divergedAt: new Int32Array(0), cancelled: true };
}

export function rangeFromList(r: readonly [number, number, number, number]): Range {
  return { wxMin: r[0], wxMax: r[1], wRecMin: r[2], wRecMax: r[3] };
}
