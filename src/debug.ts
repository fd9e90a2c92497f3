/**
 * window.rnnlabDebug: hooks for the project's own tests and benchmark (not a stable API).
 */
import type { Engine } from './engine';
import type { SurfaceMethod, SurfaceResult } from './gpu/backend';
import { rangeFromList } from './gpu/backend';
import { WebGpuBackend } from './gpu/webgpuBackend';
import { datasetFor, normalizeParams, type Params } from './params';

export interface RnnLabDebug {
  /** the surface for params merged over the current ones, by a chosen method, without touching the app state */
  surface(method: SurfaceMethod, params?: Partial<Params>): Promise<SurfaceResult>;
  /** forces the WebGPU backend to split grids into bands of this many rows (0 restores the adapter limit) */
  setMaxRowsPerDispatch(rows: number): void;
  /** median milliseconds (compute plus readback) of `runs` surface computations after one warm-up */
  timeSurface(method: SurfaceMethod, params: Partial<Params>, runs: number): Promise<{ ms: number; all: number[] }>;
}

declare global {
  interface Window {
    rnnlabDebug: RnnLabDebug;
  }
}

export function createDebug(engine: Engine): RnnLabDebug {
  const request = (method: SurfaceMethod, partial: Partial<Params> = {}) => {
    const { params, messages } = normalizeParams(partial, engine.params);
    if (messages.length) throw new Error(messages.join('; '));
    return { dataset: datasetFor(params), range: rangeFromList(params.range), res: params.res, method };
  };
  return {
    async surface(method, partial) {
      await engine.ready();
      return engine.backend.surface(request(method, partial));
    },
    setMaxRowsPerDispatch(rows) {
      if (engine.backend instanceof WebGpuBackend)
        engine.backend.maxRowsPerDispatch = rows > 0 ? rows : engine.backend.device.limits.maxComputeWorkgroupsPerDimension;
    },
    async timeSurface(method, partial, runs) {
      await engine.ready();
      const req = request(method, partial);
      await engine.backend.surface(req);
      const all: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await engine.backend.surface(req);
        all.push(performance.now() - t0);
      }
      const sorted = [...all].sort((a, b) => a - b);
      return { ms: sorted[Math.floor(sorted.length / 2)], all };
    },
  };
}
