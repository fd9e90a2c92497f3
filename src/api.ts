/**
 * window.rnnlab: the automation API that scripts and visual regression tests use. Keep the names
 * stable; they are documented in the README.
 */
import type { Engine } from './engine';
import type { PointResult, SurfaceResult } from './gpu/backend';
import type { Params } from './params';

export interface RnnLabApi {
  ready(): Promise<void>;
  readonly backend: 'webgpu' | 'cpu';
  params(): Params;
  setParams(partial: Partial<Params>): Promise<void>;
  evaluate(points: [number, number][]): Promise<PointResult[]>;
  surface(): Promise<Pick<SurfaceResult, 'wx' | 'wRec' | 'cost' | 'wxGrad' | 'wRecGrad'>>;
  trajectory(): Promise<[number, number][]>;
  /** messages about refused or clamped input from the last setParams or URL */
  messages(): string[];
}

declare global {
  interface Window {
    rnnlab: RnnLabApi;
  }
}

export function createApi(engine: Engine, afterDraw: () => Promise<void> = async () => undefined): RnnLabApi {
  const ready = async () => {
    await engine.ready();
    await afterDraw();
  };
  return {
    ready,
    get backend() {
      return engine.backendKind;
    },
    params: () => structuredClone(engine.params),
    setParams: async (partial) => {
      await engine.setParams(partial);
      await ready();
    },
    evaluate: async (points) => {
      await engine.ready();
      if (!engine.state) throw new Error(engine.lastError ?? 'no state computed');
      return engine.backend.evaluate(engine.state.dataset, points);
    },
    surface: async () => {
      await engine.ready();
      if (!engine.state) throw new Error(engine.lastError ?? 'no state computed');
      const s = engine.state.surface;
      return { wx: s.wx, wRec: s.wRec, cost: s.cost, wxGrad: s.wxGrad, wRecGrad: s.wRecGrad };
    },
    trajectory: async () => {
      await engine.ready();
      if (!engine.state) throw new Error(engine.lastError ?? 'no state computed');
      return engine.state.rprop.weights.map(([a, b]) => [a, b]);
    },
    messages: () => [...engine.messages],
  };
}
