/**
 * The compute interface both backends implement: the WebGPU kernels and the CPU worker.
 * Results are float32 on both (beyond float32's range: +/-Infinity), so a view or a test can
 * treat them alike.
 */
import type { Dataset } from '../model/dataset';
import type { Range, SurfaceGrid } from '../model/surface';

export type BackendKind = 'webgpu' | 'cpu';
/** 'rows': the fast per-row quadratic method; 'bptt': plain BPTT at every point */
export type SurfaceMethod = 'rows' | 'bptt';

export interface SurfaceRequest {
  dataset: Dataset;
  range: Range;
  res: number;
  method?: SurfaceMethod;
}

/** row-major, rows = wRec, columns = wx; values float32 (beyond float32: +/-Infinity) */
export type SurfaceResult = SurfaceGrid;

export interface PointResult {
  cost: number;
  wxGrad: number;
  wRecGrad: number;
  /** dC/dS_k summed over samples, k = 0..seqLen */
  gradOverTime: number[];
}

export interface ComputeBackend {
  readonly kind: BackendKind;
  surface(req: SurfaceRequest): Promise<SurfaceResult>;
  evaluate(dataset: Dataset, points: readonly (readonly [number, number])[]): Promise<PointResult[]>;
  dispose(): void;
}

export function rangeFromList(r: readonly [number, number, number, number]): Range {
  return { wxMin: r[0], wxMax: r[1], wRecMin: r[2], wRecMax: r[3] };
}
