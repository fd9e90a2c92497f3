/**
 * window.rnnlabDebug: hooks for the project's own tests and benchmark (not a stable API).
 */
import type { App } from './app';
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
  /**
   * Median milliseconds to produce one frame (JS, then the GPU finishing it), for 'orbit' (the
   * camera moves), 'drag' (the start moves: Rprop, its gradients and the frame) and 'slider'
   * (the range changes: a new surface, its mesh and the frame); 'trajectory' is the engine alone
   * when the start moves (Rprop in float64; in still mode its listeners draw the frame's JS part).
   */
  frameCost(kind: 'orbit' | 'drag' | 'slider' | 'trajectory', runs: number): Promise<{ ms: number; all: number[] }>;
  /** how many computations the engine has run */
  computations(): number;
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
      return { ms: median(all), all };
    },
    computations: () => engine.computations,
    async frameCost(kind, runs) {
      await engine.ready();
      const view = app.surfaceViewForTiming();
      const base = app.params;
      const all: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        if (kind === 'trajectory') {
          await engine.setParams({ start: [-1.5 + 0.02 * (i + 1), 2 - 0.01 * (i + 1)] });
          if (i > 0) all.push(performance.now() - t0);
          continue;
        }
        if (kind === 'orbit') view.setCamera([base.cam[0] + 3 * (i + 1), base.cam[1], base.cam[2]]);
        else if (kind === 'drag') await app.setParams({ start: [-1.5 + 0.02 * (i + 1), 2 - 0.01 * (i + 1)] });
        else await app.setParams({ range: [-3 + 0.01 * (i + 1), 3, -3, 3] });
        app.drawNow();
        await view.gpuDone();
        if (i > 0) all.push(performance.now() - t0); // the first one warms up
      }
      await app.setParams({ start: base.start, range: base.range, cam: base.cam });
      return { ms: median(all), all };
    },
  };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
