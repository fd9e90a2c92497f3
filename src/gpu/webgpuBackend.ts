/**
 * The WebGPU backend: the adapter and device (and what the page says when there is none), the
 * lost device, and the kernels on it: the surface and points (src/gpu/surface/surfaceKernels.ts)
 * and the atlas (src/gpu/webgpuAtlas.ts), each with its own buffers and queue, so an atlas runs
 * beside surface() and evaluate().
 */
import type { Dataset } from '../model/dataset';
import { cancelledAtlas, type AtlasJob, type AtlasProgress, type AtlasResult, type AtlasSignal, type ComputeBackend, type PointResult, type SurfaceRequest, type SurfaceResult } from './backend';
import { CpuBackend } from './cpuBackend';
import { WebGpuAtlas } from './webgpuAtlas';
import { SurfaceKernels } from './surface/surfaceKernels';
import type { SurfaceKernel } from './surface/kernels';
import { t } from '../i18n';
import { SigmoidKernels } from './sigmoid/sigmoidKernels';
import type { ModelConfig } from '../model/models/types';

/** Why WebGPU is not usable, in words for the page. */
export class WebGpuUnavailable extends Error {}

export async function createWebGpuBackend(): Promise<WebGpuBackend> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu)
    throw new WebGpuUnavailable(t('this browser has no WebGPU (navigator.gpu is missing)'));
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    throw new WebGpuUnavailable(t('requestAdapter failed: {reason}', { reason: (e as Error).message }));
  }
  if (!adapter) throw new WebGpuUnavailable(t('navigator.gpu gave no adapter (WebGPU disabled or no supported GPU)'));
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  } catch (e) {
    throw new WebGpuUnavailable(t('requestDevice failed: {reason}', { reason: (e as Error).message }));
  }
  const info = adapter.info;
  const name = [info?.description || info?.device || info?.architecture, info?.vendor && `(${info.vendor})`].filter(Boolean).join(' ');
  const backend = new WebGpuBackend(device, name || 'WebGPU adapter');
  // Shader compile and pipeline errors are caught at start-up: the pipelines a first picture
  // needs are built (in parallel, off the main thread where the browser can) before we go on.
  try {
    await Promise.all(STARTUP_PIPELINES.map((name) => backend.pipeline(name)));
  } catch (e) {
    device.destroy();
    throw new WebGpuUnavailable(t('WGSL pipeline error: {reason}', { reason: (e as Error).message }));
  }
  return backend;
}

/** What the first surface and the marked points need; 'bptt' (the benchmark's plain method) is built on first use. */
const STARTUP_PIPELINES: readonly SurfaceKernel[] = ['rows', 'points', 'fixup', 'evaluate'];

export class WebGpuBackend implements ComputeBackend {
  readonly kind = 'webgpu' as const;
  lost: string | null = null;
  /** the surface and point kernels (src/gpu/surface/) */
  readonly surfaceKernels: SurfaceKernels;
  /** the trainability atlas kernels (src/gpu/atlas/) */
  readonly atlasKernel: WebGpuAtlas;
  /** the sigmoid model's surface and point kernels (src/gpu/sigmoid/), built on first use */
  readonly sigmoidKernels: SigmoidKernels;
  private disposed = false;
  private readonly lostListeners: ((message: string) => void)[] = [];

  constructor(
    readonly device: GPUDevice,
    readonly adapterName: string,
  ) {
    device.lost.then((info) => {
      this.lost = `GPU device lost: ${info.message || info.reason}`;
      if (this.disposed) return;
      for (const cb of this.lostListeners.splice(0)) cb(this.lost);
    });
    this.surfaceKernels = new SurfaceKernels(device, () => this.lost);
    this.atlasKernel = new WebGpuAtlas(device, () => this.lost);
    this.sigmoidKernels = new SigmoidKernels(device, () => this.lost);
  }

  /** Rows per dispatch, at most the adapter's workgroup limit; tests lower it to force splits. */
  get maxRowsPerDispatch(): number {
    return this.surfaceKernels.maxRowsPerDispatch;
  }
  set maxRowsPerDispatch(rows: number) {
    this.surfaceKernels.maxRowsPerDispatch = rows;
  }

  /** A surface kernel's pipeline, built once (start-up builds the ones a first picture needs). */
  pipeline(name: SurfaceKernel): Promise<GPUComputePipeline> {
    return this.surfaceKernels.pipeline(name);
  }

  /**
   * `cb` is called once when the device is lost for any reason other than our own dispose()
   * (at once, asynchronously, when it is lost already).
   */
  onLost(cb: (message: string) => void): void {
    if (this.disposed) return;
    if (this.lost) {
      const message = this.lost;
      queueMicrotask(() => cb(message));
      return;
    }
    this.lostListeners.push(cb);
  }

  /** CPU workers for the atlas cells float32 cannot resolve, started on first use. */
  private finisher: CpuBackend | null = null;

  /**
   * The trainability atlas (src/gpu/webgpuAtlas.ts); runs beside surface() and evaluate(). Cells
   * the kernel flags as beyond float32 (the sigmoid model, SPEC section 12) are finished in float64
   * on CPU workers (from their state where float32 stopped, where the kernel gives it);
   * `finishedInFloat64` counts them.
   */
  async atlas(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult> {
    const { unresolved, resume, ...result } = await this.atlasKernel.run(req, onProgress, signal);
    if (result.cancelled || !unresolved) return result;
    if (unresolved.length > 0) {
      this.finisher ??= new CpuBackend();
      // Rprop (and rprop-, irprop-) go on from where float32 stopped; the others from their start
      const done = await this.finisher.atlasCells(req, unresolved, signal, resume);
      if (!done) return cancelledAtlas();
      unresolved.forEach((cell, i) => {
        result.finalCost[cell] = done.finalCost[i];
        result.convergedAt[cell] = done.convergedAt[i];
        result.divergedAt[cell] = done.divergedAt[i];
      });
    }
    return { ...result, finishedInFloat64: unresolved.length };
  }

  surface(req: SurfaceRequest): Promise<SurfaceResult> {
    if (req.model?.name === 'sigmoid') return this.sigmoidKernels.surface({ ...req, model: req.model });
    return this.surfaceKernels.surface(req);
  }

  evaluate(dataset: Dataset, points: readonly (readonly [number, number])[], model?: ModelConfig): Promise<PointResult[]> {
    if (model?.name === 'sigmoid') return this.sigmoidKernels.evaluate(points, model);
    return this.surfaceKernels.evaluate(dataset, points);
  }

  dispose(): void {
    this.disposed = true;
    this.lostListeners.length = 0;
    this.atlasKernel.dispose();
    this.surfaceKernels.dispose();
    this.sigmoidKernels.dispose();
    this.finisher?.dispose();
    this.device.destroy();
  }
}
