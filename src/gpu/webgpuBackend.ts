/**
 * The WebGPU backend: WGSL compute kernels (src/gpu/surface/*.wgsl) for the cost surface and for
 * BPTT at arbitrary points, and the atlas (src/gpu/webgpuAtlas.ts). Pipelines are built once;
 * data set, sizes and ranges are run-time inputs, so changing a slider only rewrites buffers.
 */
import type { Dataset } from '../model/dataset';
import { linspace } from '../model/surface';
import type { AtlasJob, AtlasProgress, AtlasResult, AtlasSignal, ComputeBackend, PointResult, SurfaceRequest, SurfaceResult } from './backend';
import { WebGpuAtlas } from './webgpuAtlas';
import { BufferPool, SerialQueue } from './webgpu/resources';
import { SURFACE_UNIFORMS, surfaceKernelSource, type SurfaceKernel } from './surface/kernels';
import { t } from '../i18n';

const WORKGROUP = 64;
const ROW_COEF_BYTES = 64;
const INF_BITS = 0x7f800000;

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

type PipelineName = SurfaceKernel;
/** What the first surface and the marked points need; 'bptt' (the benchmark's plain method) is built on first use. */
const STARTUP_PIPELINES: readonly PipelineName[] = ['rows', 'points', 'fixup', 'evaluate'];

/** Drops the padding at the end of each row. */
function stripPadding(a: Float32Array, res: number, stride: number): Float32Array {
  const out = new Float32Array(res * res);
  for (let row = 0; row < res; row++) out.set(a.subarray(row * stride, row * stride + res), row * res);
  return out;
}

export class WebGpuBackend implements ComputeBackend {
  readonly kind = 'webgpu' as const;
  /** Rows per dispatch, at most the adapter's workgroup limit; tests lower it to force splits. */
  maxRowsPerDispatch: number;
  lost: string | null = null;
  /** the trainability atlas kernels (src/gpu/atlas/*.wgsl) */
  readonly atlasKernel: WebGpuAtlas;
  private disposed = false;
  private readonly lostListeners: ((message: string) => void)[] = [];

  private readonly pipelines = new Map<PipelineName, Promise<GPUComputePipeline>>();
  private readonly uniforms: GPUBuffer;
  private readonly uniformValues = SURFACE_UNIFORMS.create();
  private readonly pool: BufferPool;
  private uploaded: Dataset | null = null;
  /** GPU work is serialised: one readback at a time, in call order. */
  private readonly queue = new SerialQueue();

  constructor(
    readonly device: GPUDevice,
    readonly adapterName: string,
  ) {
    this.maxRowsPerDispatch = device.limits.maxComputeWorkgroupsPerDimension;
    device.lost.then((info) => {
      this.lost = `GPU device lost: ${info.message || info.reason}`;
      if (this.disposed) return;
      for (const cb of this.lostListeners.splice(0)) cb(this.lost);
    });
    this.uniforms = device.createBuffer({ size: SURFACE_UNIFORMS.bytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.pool = new BufferPool(device, '');
    this.atlasKernel = new WebGpuAtlas(device, () => this.lost);
  }

  /**
   * A compute pipeline, built once, asynchronously (SwiftShader compiles for seconds: several at
   * once, off the main thread, instead of one after another blocking the page).
   */
  pipeline(name: PipelineName): Promise<GPUComputePipeline> {
    let p = this.pipelines.get(name);
    if (!p) {
      const { code, entryPoint } = surfaceKernelSource(name);
      const module = this.device.createShaderModule({ code, label: name });
      p = this.device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint }, label: name });
      this.pipelines.set(name, p);
    }
    return p;
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

  /** The trainability atlas (src/gpu/webgpuAtlas.ts); runs beside surface() and evaluate(). */
  atlas(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult> {
    return this.atlasKernel.run(req, onProgress, signal);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  private buffer(name: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    return this.pool.buffer(name, bytes, usage);
  }

  private storage(name: string, bytes: number): GPUBuffer {
    return this.pool.storage(name, bytes);
  }

  private uploadDataset(d: Dataset): void {
    if (this.uploaded === d) return;
    const xs = new Float32Array(d.x);
    this.device.queue.writeBuffer(this.storage('xs', xs.byteLength), 0, xs);
    const t = new Float32Array(d.targets);
    this.device.queue.writeBuffer(this.storage('targets', t.byteLength), 0, t);
    this.uploaded = d;
  }

  private writeUniforms(d: Dataset, res: number, offset: number, pointCount: number): void {
    this.uniformValues.set({ samples: d.samples, seqLen: d.seqLen, res, offset, pointCount, infBits: INF_BITS });
    this.uniformValues.write(this.device.queue, this.uniforms);
  }

  private bindGroup(pipeline: GPUComputePipeline, bindings: Record<number, GPUBuffer>): GPUBindGroup {
    return this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: Object.entries(bindings).map(([binding, buffer]) => ({ binding: Number(binding), resource: { buffer } })),
    });
  }

  /**
   * Copies each [buffer, bytes] into one staging buffer, submits, and reads them back into one
   * fresh ArrayBuffer (one allocation: on a CPU adapter, fresh memory costs more than the copy).
   */
  private async readBack(src: [GPUBuffer, number][], encoder: GPUCommandEncoder): Promise<Float32Array[]> {
    const offsets: number[] = [];
    let total = 0;
    for (const [, bytes] of src) {
      offsets.push(total);
      total += Math.ceil(bytes / 16) * 16;
    }
    const staging = this.buffer('staging', total, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    src.forEach(([b, bytes], i) => encoder.copyBufferToBuffer(b, 0, staging, offsets[i], Math.ceil(bytes / 16) * 16));
    this.device.queue.submit([encoder.finish()]);
    const host = new Float32Array(total / 4);
    await staging.mapAsync(GPUMapMode.READ, 0, total);
    host.set(new Float32Array(staging.getMappedRange(0, total)));
    staging.unmap();
    return src.map(([, bytes], i) => host.subarray(offsets[i] / 4, (offsets[i] + bytes) / 4));
  }

  surface(req: SurfaceRequest): Promise<SurfaceResult> {
    return this.serial(() => this.surfaceNow(req));
  }

  private async surfaceNow({ dataset, range, res, method = 'rows' }: SurfaceRequest): Promise<SurfaceResult> {
    if (this.lost) throw new Error(this.lost);
    const dev = this.device;
    // Grid rows are stored with a stride of whole vec4s (surface_points writes four cells at once).
    const stride = Math.ceil(res / 4) * 4;
    const outBytes = stride * res * 4;
    if (outBytes > dev.limits.maxStorageBufferBindingSize)
      throw new Error(`res ${res} needs ${outBytes} bytes per output, over this adapter's ${dev.limits.maxStorageBufferBindingSize}`);
    const pipe = method === 'rows'
      ? { rows: await this.pipeline('rows'), points: await this.pipeline('points'), fixup: await this.pipeline('fixup') }
      : { bptt: await this.pipeline('bptt') };
    if (this.lost) throw new Error(this.lost);
    this.uploadDataset(dataset);
    const wx = linspace(range.wxMin, range.wxMax, res);
    const wRec = linspace(range.wRecMin, range.wRecMax, res);
    const wxAxis = this.storage('wxAxis', stride * 4);
    const wRecAxis = this.storage('wRecAxis', res * 4);
    const wxPadded = new Float32Array(stride);
    wxPadded.set(wx);
    dev.queue.writeBuffer(wxAxis, 0, wxPadded);
    dev.queue.writeBuffer(wRecAxis, 0, new Float32Array(wRec));
    const outs = ['cost', 'wxGrad', 'wRecGrad'].map((n) => this.storage(n, outBytes));
    const xs = this.storage('xs', 0);
    const targets = this.storage('targets', 0);
    const maxGroups = dev.limits.maxComputeWorkgroupsPerDimension;
    // Dispatches respect the adapter's workgroups-per-dimension limit, and maxRowsPerDispatch,
    // which tests lower to force splits. Each band is its own submit so that its offset uniform
    // is in place when it runs.
    const rowsPerBand = Math.max(1, Math.min(this.maxRowsPerDispatch, maxGroups));

    dev.pushErrorScope('validation');
    const rowsBuf = this.storage('rows', res * ROW_COEF_BYTES);
    let pointsPipeline = pipe.bptt!;
    let pointsGroup: GPUBindGroup;
    let colGroups = Math.ceil(res / WORKGROUP);
    let enc = dev.createCommandEncoder();
    if (method === 'rows') {
      const rowsF32 = this.storage('rowsF32', res * 32);
      const fixupRows = this.storage('fixupRows', res * 4);
      const fixupArgs = this.buffer('fixupArgs', 16, GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST);
      dev.queue.writeBuffer(fixupArgs, 0, new Uint32Array([Math.ceil(res / WORKGROUP), 0, 1, 0]));
      this.writeUniforms(dataset, res, 0, 0);
      const pass = enc.beginComputePass();
      pass.setPipeline(pipe.rows!);
      pass.setBindGroup(0, this.bindGroup(pipe.rows!, { 0: this.uniforms, 1: xs, 2: targets, 4: wRecAxis, 5: rowsBuf, 12: rowsF32, 13: fixupRows, 14: fixupArgs }));
      pass.dispatchWorkgroups(Math.ceil(res / WORKGROUP));
      pass.end();
      pointsPipeline = pipe.points!;
      pointsGroup = this.bindGroup(pointsPipeline, { 0: this.uniforms, 3: wxAxis, 12: rowsF32, 6: outs[0], 7: outs[1], 8: outs[2] });
      colGroups = Math.ceil(stride / 4 / WORKGROUP);
      this.bandedDispatch(enc, dataset, res, rowsPerBand, pointsPipeline, pointsGroup, colGroups);
      enc = this.lastEncoder;
      const fixup = enc.beginComputePass();
      fixup.setPipeline(pipe.fixup!);
      fixup.setBindGroup(0, this.bindGroup(pipe.fixup!, { 0: this.uniforms, 3: wxAxis, 5: rowsBuf, 13: fixupRows, 6: outs[0], 7: outs[1], 8: outs[2] }));
      fixup.dispatchWorkgroupsIndirect(fixupArgs, 0);
      fixup.end();
    } else {
      pointsGroup = this.bindGroup(pointsPipeline, { 0: this.uniforms, 1: xs, 2: targets, 3: wxAxis, 4: wRecAxis, 6: outs[0], 7: outs[1], 8: outs[2] });
      this.bandedDispatch(enc, dataset, res, rowsPerBand, pointsPipeline, pointsGroup, colGroups);
      enc = this.lastEncoder;
    }
    const padded = await this.readBack(outs.map((b) => [b, outBytes] as [GPUBuffer, number]), enc);
    const err = await dev.popErrorScope();
    if (err) throw new Error(`WebGPU error: ${err.message}`);
    const [cost, wxGrad, wRecGrad] = stride === res ? padded : padded.map((a) => stripPadding(a, res, stride));
    return { res, wx, wRec, cost, wxGrad, wRecGrad };
  }

  private lastEncoder!: GPUCommandEncoder;

  /** Dispatches (colGroups, rows) in bands of rowsPerBand rows; leaves the last encoder open. */
  private bandedDispatch(
    first: GPUCommandEncoder, d: Dataset, res: number, rowsPerBand: number,
    pipeline: GPUComputePipeline, group: GPUBindGroup, colGroups: number,
  ): void {
    let enc = first;
    for (let row0 = 0; row0 < res; row0 += rowsPerBand) {
      if (row0 > 0) {
        this.device.queue.submit([enc.finish()]);
        enc = this.device.createCommandEncoder();
      }
      // The uniform write lands before the submit that follows it (queue order).
      this.writeUniforms(d, res, row0, 0);
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(colGroups, Math.min(rowsPerBand, res - row0));
      pass.end();
    }
    this.lastEncoder = enc;
  }

  evaluate(dataset: Dataset, points: readonly (readonly [number, number])[]): Promise<PointResult[]> {
    return this.serial(() => this.evaluateNow(dataset, points));
  }

  private async evaluateNow(dataset: Dataset, points: readonly (readonly [number, number])[]): Promise<PointResult[]> {
    if (this.lost) throw new Error(this.lost);
    if (points.length === 0) return [];
    const evaluatePipeline = await this.pipeline('evaluate');
    if (this.lost) throw new Error(this.lost);
    const dev = this.device;
    const count = points.length;
    if (Math.ceil(count / WORKGROUP) > dev.limits.maxComputeWorkgroupsPerDimension)
      throw new Error(`evaluate: at most ${dev.limits.maxComputeWorkgroupsPerDimension * WORKGROUP} points per call`);
    this.uploadDataset(dataset);
    const n1 = dataset.seqLen + 1;
    const pts = new Float32Array(count * 2);
    points.forEach(([a, b], i) => {
      pts[2 * i] = a;
      pts[2 * i + 1] = b;
    });
    const ptsBuf = this.storage('points', pts.byteLength);
    dev.queue.writeBuffer(ptsBuf, 0, pts);
    const outBuf = this.storage('pointOut', count * 3 * 4);
    const timeBuf = this.storage('timeOut', count * n1 * 4);
    this.writeUniforms(dataset, 0, 0, count);
    dev.pushErrorScope('validation');
    const enc = dev.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(evaluatePipeline);
    pass.setBindGroup(0, this.bindGroup(evaluatePipeline, {
      0: this.uniforms, 1: this.storage('xs', 0), 2: this.storage('targets', 0), 9: ptsBuf, 10: outBuf, 11: timeBuf,
    }));
    pass.dispatchWorkgroups(Math.ceil(count / WORKGROUP));
    pass.end();
    const [out, time] = await this.readBack([[outBuf, count * 3 * 4], [timeBuf, count * n1 * 4]], enc);
    const err = await dev.popErrorScope();
    if (err) throw new Error(`WebGPU error: ${err.message}`);
    return points.map((_, i) => ({
      cost: out[3 * i],
      wxGrad: out[3 * i + 1],
      wRecGrad: out[3 * i + 2],
      gradOverTime: Array.from(time.subarray(i * n1, (i + 1) * n1)),
    }));
  }

  dispose(): void {
    this.disposed = true;
    this.lostListeners.length = 0;
    this.atlasKernel.dispose();
    this.pool.dispose();
    this.device.destroy();
  }
}
