/**
 * The CPU backend: the float64 model in Web Workers, so the page stays responsive. One worker
 * serves surface() and evaluate(); the atlas runs on a pool of workers (one per core, up to 4)
 * in bands of rows, each sized from the measured speed to take about `atlasChunkMs`.
 */
import type { AtlasRequest } from '../model/atlas';
import type { Dataset } from '../model/dataset';
import type { ModelConfig } from '../model/models/types';
import {
  cancelledAtlas,
  type AtlasProgress,
  type AtlasJob,
  type AtlasResult,
  type AtlasSignal,
  type ComputeBackend,
  type PointResult,
  type SurfaceRequest,
  type SurfaceResult,
} from './backend';
import { RESUME_FIELDS, type AtlasSetup, type CpuRequest, type CpuResponse } from './cpuProtocol';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (r: CpuResponse) => void; reject: (e: Error) => void };

const MAX_ATLAS_WORKERS = 4;
/** how often a running atlas looks at its signal while its workers are busy */
const CANCEL_POLL_MS = 10;

export class CpuBackend implements ComputeBackend {
  readonly kind = 'cpu' as const;
  /** the time one band of atlas rows should take in a worker, ms */
  atlasChunkMs = 60;
  private readonly worker: Worker;
  private readonly pool: Worker[] = [];
  private nextId = 1;
  private nextRun = 1;
  private readonly pending = new Map<number, Pending>();
  private atlasTail: Promise<unknown> = Promise.resolve();
  /** the surface's sharpness, in a worker of its own beside the surface worker (started on first use) */
  private sharpnessWorker: Worker | null = null;
  /** measured atlas speed, cell-iterations per ms per worker (kept between runs) */
  private atlasRate = 500;

  constructor() {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./cpuWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<CpuResponse>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.type === 'error') p.reject(new Error(ev.data.message));
      else p.resolve(ev.data);
    };
    worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`CPU worker failed: ${ev.message}`));
      this.pending.clear();
    };
    return worker;
  }

  private call(req: DistributiveOmit<CpuRequest, 'id'>, worker = this.worker): Promise<CpuResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });
  }

  async surface(req: SurfaceRequest): Promise<SurfaceResult> {
    const method = req.method ?? 'rows';
    // the linear RNN's row method and the other models (their float64 Hessian per point) also give
    // the sharpness (SPEC section 10) unless asked not to, from a worker of its own, side by side
    // with the surface worker: per point it costs about what the cost and both gradients cost, so on
    // two free cores the surface takes little longer with it
    const linear = !req.model || req.model.name === 'linear';
    const sharpness = (method === 'rows' || !linear) && req.sharpness !== false ? this.surfaceSharpness(req) : null;
    sharpness?.catch(() => undefined); // (a failure is seen where it is awaited, below)
    const r = await this.call({ type: 'surface', dataset: req.dataset, range: req.range, res: req.res, method, model: req.model });
    if (r.type !== 'surface') throw new Error('unexpected worker reply');
    return sharpness ? { ...r.result, sharpness: await sharpness } : r.result;
  }

  /** The sharpness at every point of the grid (SPEC section 10; float64 rounded to float32), row-major. */
  private async surfaceSharpness(req: SurfaceRequest): Promise<Float32Array> {
    this.sharpnessWorker ??= this.spawn();
    const r = await this.call({ type: 'sharpness', dataset: req.dataset, range: req.range, res: req.res, model: req.model }, this.sharpnessWorker);
    if (r.type !== 'sharpness') throw new Error('unexpected worker reply');
    return r.sharpness;
  }

  async evaluate(dataset: Dataset, points: readonly (readonly [number, number])[], model?: ModelConfig): Promise<PointResult[]> {
    const r = await this.call({ type: 'evaluate', dataset, points: points.map(([a, b]) => [a, b]), model });
    if (r.type !== 'evaluate') throw new Error('unexpected worker reply');
    return r.results;
  }

  /** The atlas workers, started on first use. */
  private atlasPool(): Worker[] {
    if (this.pool.length === 0) {
      const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
      const count = Math.max(1, Math.min(MAX_ATLAS_WORKERS, cores));
      for (let i = 0; i < count; i++) this.pool.push(this.spawn());
    }
    return this.pool;
  }

  atlas(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult> {
    // One atlas at a time; a cancelled one resolves at once (its last bands finish unseen).
    const work = () => this.atlasNow(req, onProgress, signal);
    const run = this.atlasTail.then(work, work);
    this.atlasTail = run.catch(() => undefined);
    return run;
  }

  private async atlasNow(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult> {
    if (signal?.cancelled) return cancelledAtlas();
    const { dataset, model: modelConfig, ...rest } = req;
    const model: AtlasRequest = { ...rest, xAxis: Float64Array.from(req.xAxis), yAxis: Float64Array.from(req.yAxis), start: [req.start[0], req.start[1]] };
    const cols = model.xAxis.length;
    const rows = model.yAxis.length;
    const cells = cols * rows;
    const evals = model.iterations + 1;
    const total = cells * evals;
    const finalCost = new Float32Array(cells);
    const convergedAt = new Int32Array(cells);
    const divergedAt = new Int32Array(cells);
    if (cells === 0) return { finalCost, convergedAt, divergedAt };
    const runId = this.nextRun++;
    const workers = this.atlasPool();
    for (const w of workers) w.postMessage({ type: 'atlasSetup', runId, dataset, req: model, model: modelConfig } satisfies AtlasSetup);

    let nextRow = 0;
    let done = 0;
    let stopped = false;
    const band = async (w: Worker) => {
      while (nextRow < rows && !stopped) {
        const rowCost = cols * evals;
        const count = Math.max(1, Math.min(rows - nextRow, Math.floor((this.atlasRate * this.atlasChunkMs) / rowCost)));
        const rowStart = nextRow;
        const rowEnd = rowStart + count;
        nextRow = rowEnd;
        const t0 = performance.now();
        const r = await this.call({ type: 'atlasRows', runId, rowStart, rowEnd }, w);
        if (stopped) return;
        if (r.type !== 'atlasRows') throw new Error('unexpected worker reply');
        const ms = Math.max(1, performance.now() - t0);
        this.atlasRate = Math.max(10, Math.min(this.atlasRate * 4, (count * rowCost) / ms));
        finalCost.set(r.finalCost, rowStart * cols);
        convergedAt.set(r.convergedAt, rowStart * cols);
        divergedAt.set(r.divergedAt, rowStart * cols);
        done += count * rowCost;
        onProgress?.(done, total);
      }
    };
    let poll: ReturnType<typeof setInterval> | undefined;
    const cancelled = new Promise<'cancelled'>((resolve) => {
      if (!signal) return;
      poll = setInterval(() => {
        if (signal.cancelled) resolve('cancelled');
      }, CANCEL_POLL_MS);
    });
    try {
      const outcome = await Promise.race([Promise.all(workers.map(band)), cancelled]);
      if (outcome === 'cancelled' || signal?.cancelled) {
        stopped = true;
        return cancelledAtlas();
      }
    } catch (e) {
      stopped = true;
      throw e;
    } finally {
      clearInterval(poll);
    }
    return { finalCost, convergedAt, divergedAt };
  }

  /**
   * The listed cells (row-major indices) of an atlas in float64, spread over the atlas workers:
   * the WebGPU atlas's cells that float32 could not resolve (SPEC section 12), each from its start
   * or from its state in `resume` (GpuAtlasResult.resume). Null when cancelled.
   */
  atlasCells(req: AtlasJob, cells: readonly number[], signal?: AtlasSignal, resume?: Float64Array): Promise<AtlasResult | null> {
    const work = () => this.atlasCellsNow(req, cells, signal, resume);
    const run = this.atlasTail.then(work, work);
    this.atlasTail = run.catch(() => undefined);
    return run;
  }

  private async atlasCellsNow(req: AtlasJob, cells: readonly number[], signal?: AtlasSignal, resume?: Float64Array): Promise<AtlasResult | null> {
    const { dataset, model: modelConfig, ...rest } = req;
    const model: AtlasRequest = { ...rest, xAxis: Float64Array.from(req.xAxis), yAxis: Float64Array.from(req.yAxis), start: [req.start[0], req.start[1]] };
    const runId = this.nextRun++;
    const workers = this.atlasPool();
    for (const w of workers) w.postMessage({ type: 'atlasSetup', runId, dataset, req: model, model: modelConfig } satisfies AtlasSetup);
    const out = { finalCost: new Float32Array(cells.length), convergedAt: new Int32Array(cells.length), divergedAt: new Int32Array(cells.length) };
    // small batches, so that the workers share the work evenly and a cancel stops soon
    const batch = Math.max(1, Math.min(64, Math.ceil(cells.length / (4 * workers.length))));
    let next = 0;
    const drain = async (w: Worker) => {
      while (next < cells.length && !signal?.cancelled) {
        const from = next;
        next = Math.min(cells.length, next + batch);
        const part = resume?.slice(from * RESUME_FIELDS, next * RESUME_FIELDS);
        const r = await this.call({ type: 'atlasCells', runId, cells: Int32Array.from(cells.slice(from, next)), resume: part }, w);
        if (r.type !== 'atlasCells') throw new Error('unexpected worker reply');
        out.finalCost.set(r.finalCost, from);
        out.convergedAt.set(r.convergedAt, from);
        out.divergedAt.set(r.divergedAt, from);
      }
    };
    await Promise.all(workers.map(drain));
    return signal?.cancelled ? null : out;
  }

  dispose(): void {
    this.worker.terminate();
    this.sharpnessWorker?.terminate();
    for (const w of this.pool) w.terminate();
    this.pool.length = 0;
  }
}
