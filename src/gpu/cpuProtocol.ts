import type { Dataset } from '../model/dataset';
import type { Range } from '../model/surface';
import type { PointResult, SurfaceMethod, SurfaceResult } from './backend';

export type CpuRequest =
  | { id: number; type: 'surface'; dataset: Dataset; range: Range; res: number; method: SurfaceMethod }
  | { id: number; type: 'evaluate'; dataset: Dataset; points: [number, number][] };

export type CpuResponse =
  | { id: number; type: 'surface'; result: SurfaceResult }
  | { id: number; type: 'evaluate'; results: PointResult[] }
  | { id: number; type: 'error'; message: string };
