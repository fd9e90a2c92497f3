/** The CPU backend: the float64 model in a Web Worker, so the page stays responsive. */
import type { Dataset } from '../model/dataset';
import type { ComputeBackend, PointResult, SurfaceRequest, SurfaceResult } from './backend';
import type { CpuRequest, CpuResponse } from './cpuProtocol';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (r: CpuResponse) => void; reject: (e: Error) => void };

export class CpuBackend implements ComputeBackend {
  readonly kind = 'cpu' as const;
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('./cpuWorker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<CpuResponse>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.type === 'error') p.reject(new Error(ev.data.message));
      else p.resolve(ev.data);
    };
    this.worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`CPU worker failed: ${ev.message}`));
      this.pending.clear();
    };
  }

  private call(req: DistributiveOmit<CpuRequest, 'id'>): Promise<CpuResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  async surface(req: SurfaceRequest): Promise<SurfaceResult> {
    const r = await this.call({ type: 'surface', dataset: req.dataset, range: req.range, res: req.res, method: req.method ?? 'rows' });
    if (r.type !== 'surface') throw new Error('unexpected worker reply');
    return r.result;
  }

  async evaluate(dataset: Dataset, points: readonly (readonly [number, number])[]): Promise<PointResult[]> {
    const r = await this.call({ type: 'evaluate', dataset, points: points.map(([a, b]) => [a, b]) });
    if (r.type !== 'evaluate') throw new Error('unexpected worker reply');
    return r.results;
  }

  dispose(): void {
    this.worker.terminate();
  }
}
