/**
 * The CPU backend's sharpness over a surface grid (SPEC section 10, the row method, float64
 * rounded to float32), computed in a worker of its own (the CPU backend's worker script, a
 * 'sharpness' request) side by side with the surface worker: per point it costs about what the
 * cost and both gradients cost, so on two free cores the surface takes little longer with it.
 * One worker, started on first use; requests are answered in order.
 */
import type { Dataset } from '../../model/dataset';
import type { Range } from '../../model/surface';
import type { ModelConfig } from '../../model/models/types';
import type { CpuRequest, CpuResponse } from '../cpuProtocol';

type Pending = { resolve: (s: Float32Array) => void; reject: (e: Error) => void };

export class SharpnessWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    const worker = new Worker(new URL('../cpuWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<CpuResponse>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.type === 'sharpness') p.resolve(ev.data.sharpness);
      else p.reject(new Error(ev.data.type === 'error' ? ev.data.message : 'unexpected worker reply'));
    };
    worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`sharpness worker failed: ${ev.message}`));
      this.pending.clear();
    };
    return worker;
  }

  /** The sharpness at every point of the res x res grid over range (rows = wRec), row-major; `model` absent: the linear RNN's. */
  compute(dataset: Dataset, range: Range, res: number, model?: ModelConfig): Promise<Float32Array> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, type: 'sharpness', dataset, range, res, model } satisfies CpuRequest);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('sharpness worker stopped'));
    this.pending.clear();
  }
}
