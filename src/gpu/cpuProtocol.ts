import type { AtlasRequest } from '../model/atlas';
import type { Dataset } from '../model/dataset';
import type { Range } from '../model/surface';
import type { ModelConfig } from '../model/models/types';
import type { PointResult, SurfaceMethod, SurfaceResult } from './backend';

/** Numbers per cell of a resumed atlas cell: the iteration to go on from, wx, wRec, Delta x2, previous sign x2. */
export const RESUME_FIELDS = 7;

export type CpuRequest =
  | { id: number; type: 'surface'; dataset: Dataset; range: Range; res: number; method: SurfaceMethod; model?: ModelConfig }
  /** the sharpness over the grid (SPEC section 10; the linear RNN's row method, or `model`'s Hessian per point), float64 rounded to float32: beside a surface, in a worker of its own */
  | { id: number; type: 'sharpness'; dataset: Dataset; range: Range; res: number; model?: ModelConfig }
  | { id: number; type: 'evaluate'; dataset: Dataset; points: [number, number][]; model?: ModelConfig }
  /** rows [rowStart, rowEnd) of the atlas that the last 'atlasSetup' with this runId described */
  | { id: number; type: 'atlasRows'; runId: number; rowStart: number; rowEnd: number }
  /**
   * the listed cells (row-major indices) of that atlas, each its own run (the WebGPU atlas's float64
   * finishing): from its start, or from `resume` (RESUME_FIELDS numbers per cell, in order)
   */
  | { id: number; type: 'atlasCells'; runId: number; cells: Int32Array; resume?: Float64Array };

/** Sent once per run to each atlas worker, before its rows; no reply. */
export interface AtlasSetup {
  type: 'atlasSetup';
  runId: number;
  dataset: Dataset;
  req: AtlasRequest;
  /** absent: the linear RNN on dataset */
  model?: ModelConfig;
}

export type CpuResponse =
  | { id: number; type: 'surface'; result: SurfaceResult }
  | { id: number; type: 'sharpness'; sharpness: Float32Array }
  | { id: number; type: 'evaluate'; results: PointResult[] }
  /** the rows' cells, row-major from rowStart */
  | { id: number; type: 'atlasRows'; finalCost: Float32Array; convergedAt: Int32Array; divergedAt: Int32Array }
  /** the listed cells' numbers, in the order asked */
  | { id: number; type: 'atlasCells'; finalCost: Float32Array; convergedAt: Int32Array; divergedAt: Int32Array }
  | { id: number; type: 'error'; message: string };
