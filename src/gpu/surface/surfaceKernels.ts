/**
 * The surface and point kernels on WebGPU (the WGSL of this folder, kernels.ts): the cost surface
 * by the fast row method or by plain BPTT at every point, and BPTT with per-timestep gradients at
 * a list of points. Pipelines are built once; data set, sizes and ranges are run-time inputs, so
 * changing a slider only rewrites buffers. One call at a time, in call order.
 */
import type { Dataset } from '../../model/dataset';
import { linspace } from '../../model/surface';
import { pointHessian } from '../../model/lesson/surfaceSharpness';
import type { PointResult, SurfaceRequest, SurfaceResult } from '../backend';
import { BufferPool, SerialQueue } from '../webgpu/resources';
import type { BindingLayout, BindingSpecs } from '../webgpu/bindings';
import { SURFACE_BINDINGS, SURFACE_UNIFORMS, surfaceKernelSource, type SurfaceBuffers, type SurfaceKernel } from './kernels';

const WORKGROUP = 64;
/** RowCoef (row_coef.wgsl): eight 4-byte fields and six XF of 8 bytes */
const ROW_COEF_BYTES = 80;
const INF_BITS = 0x7f800000;
/** the kernels whose override SHARPNESS leaves the Hessian out */
const SHARPNESS_KERNELS: readonly SurfaceKernel[] = ['rows', 'points', 'fixup'];

/** Drops the padding at the end of each row. */
function stripPadding(a: Float32Array, res: number, stride: number): Float32Array {
  const out = new Float32Array(res * res);
  for (let row = 0; row < res; row++) out.set(a.subarray(row * stride, row * stride + res), row * res);
  return out;
}

export class SurfaceKernels {
  /** Rows per dispatch, at most the adapter's workgroup limit; tests lower it to force splits. */
  maxRowsPerDispatch: number;

  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly layouts = new Map<SurfaceKernel, GPUBindGroupLayout>();
  private readonly uniforms: GPUBuffer;
  private readonly uniformValues = SURFACE_UNIFORMS.create();
  private readonly pool: BufferPool;
  private uploaded: Dataset | null = null;
  /** GPU work is serialised: one readback at a time, in call order. */
  private readonly queue = new SerialQueue();

  constructor(
    private readonly device: GPUDevice,
    private readonly lostReason: () => string | null,
  ) {
    this.maxRowsPerDispatch = device.limits.maxComputeWorkgroupsPerDimension;
    this.uniforms = device.createBuffer({ size: SURFACE_UNIFORMS.bytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.pool = new BufferPool(device, '');
  }

  /**
   * A compute pipeline, built once, asynchronously (SwiftShader compiles for seconds: several at
   * once, off the main thread, instead of one after another blocking the page).
   */
  pipeline(name: SurfaceKernel, sharpness = true): Promise<GPUComputePipeline> {
    // the row method's kernels without the sharpness: their override SHARPNESS = false
    const plain = !sharpness && SHARPNESS_KERNELS.includes(name);
    const key = plain ? `${name} plain` : name;
    let p = this.pipelines.get(key);
    if (!p) {
      const { code, entryPoint } = surfaceKernelSource(name);
      const module = this.device.createShaderModule({ code, label: name });
      const layout = this.device.createPipelineLayout({ bindGroupLayouts: [this.bindGroupLayout(name)] });
      const compute = { module, entryPoint, ...(plain ? { constants: { SHARPNESS: 0 } } : {}) };
      p = this.device.createComputePipelineAsync({ layout, compute, label: key });
      this.pipelines.set(key, p);
    }
    return p;
  }

  private throwIfLost(): void {
    const lost = this.lostReason();
    if (lost) throw new Error(lost);
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

  private bindGroupLayout(name: SurfaceKernel): GPUBindGroupLayout {
    let layout = this.layouts.get(name);
    if (!layout) {
      layout = SURFACE_BINDINGS[name].layout(this.device, name);
      this.layouts.set(name, layout);
    }
    return layout;
  }

  /** A kernel's bind group, its buffers by name. */
  private bindGroup<K extends SurfaceKernel>(name: K, buffers: SurfaceBuffers<K>): GPUBindGroup {
    // (one kernel's layout: the union of the five layouts' types does not narrow to it)
    const bindings = SURFACE_BINDINGS[name] as unknown as BindingLayout<BindingSpecs>;
    return bindings.group(this.device, this.bindGroupLayout(name), buffers);
  }

  surface(req: SurfaceRequest): Promise<SurfaceResult> {
    return this.serial(() => this.surfaceNow(req));
  }

  private async surfaceNow({ dataset, range, res, method = 'rows', sharpness: asked = true }: SurfaceRequest): Promise<SurfaceResult> {
    this.throwIfLost();
    const dev = this.device;
    // Grid rows are stored with a stride of whole vec4s (surface_points writes four cells at once).
    const stride = Math.ceil(res / 4) * 4;
    const outBytes = stride * res * 4;
    if (outBytes > dev.limits.maxStorageBufferBindingSize)
      throw new Error(`res ${res} needs ${outBytes} bytes per output, over this adapter's ${dev.limits.maxStorageBufferBindingSize}`);
    // the row method also gives the sharpness (SPEC section 10) unless asked not to; plain BPTT does not
    const sharp = method === 'rows' && asked;
    const pipe = method === 'rows'
      ? { rows: await this.pipeline('rows', sharp), points: await this.pipeline('points', sharp), fixup: await this.pipeline('fixup', sharp) }
      : { bptt: await this.pipeline('bptt') };
    this.throwIfLost();
    this.uploadDataset(dataset);
    const wx = linspace(range.wxMin, range.wxMax, res);
    const wRec = linspace(range.wRecMin, range.wRecMax, res);
    const wxAxis = this.storage('wxAxis', stride * 4);
    const wRecAxis = this.storage('wRecAxis', res * 4);
    const wxPadded = new Float32Array(stride);
    wxPadded.set(wx);
    dev.queue.writeBuffer(wxAxis, 0, wxPadded);
    dev.queue.writeBuffer(wRecAxis, 0, new Float32Array(wRec));
    const outs = (sharp ? ['cost', 'wxGrad', 'wRecGrad', 'sharpness'] : ['cost', 'wxGrad', 'wRecGrad']).map((n) => this.storage(n, outBytes));
    // without the sharpness its binding gets a placeholder (never written)
    const sharpnessOut = sharp ? outs[3] : this.storage('noSharpness', 16);
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
      pass.setBindGroup(0, this.bindGroup('rows', { u: this.uniforms, xs, targets, wRecAxis, rows: rowsBuf, rowsF32, fixupRows, fixup: fixupArgs }));
      pass.dispatchWorkgroups(Math.ceil(res / WORKGROUP));
      pass.end();
      pointsPipeline = pipe.points!;
      pointsGroup = this.bindGroup('points', { u: this.uniforms, wxAxis4: wxAxis, rowsF32, costOut: outs[0], wxGradOut: outs[1], wRecGradOut: outs[2], sharpnessOut });
      colGroups = Math.ceil(stride / 4 / WORKGROUP);
      enc = this.bandedDispatch(enc, dataset, res, rowsPerBand, pointsPipeline, pointsGroup, colGroups);
      const fixup = enc.beginComputePass();
      fixup.setPipeline(pipe.fixup!);
      fixup.setBindGroup(0, this.bindGroup('fixup', { u: this.uniforms, wxAxis, rows: rowsBuf, fixupRows, costOut: outs[0], wxGradOut: outs[1], wRecGradOut: outs[2], sharpnessOut }));
      fixup.dispatchWorkgroupsIndirect(fixupArgs, 0);
      fixup.end();
    } else {
      pointsGroup = this.bindGroup('bptt', { u: this.uniforms, xs, targets, wxAxis, wRecAxis, costOut: outs[0], wxGradOut: outs[1], wRecGradOut: outs[2] });
      enc = this.bandedDispatch(enc, dataset, res, rowsPerBand, pointsPipeline, pointsGroup, colGroups);
    }
    const padded = await this.pool.readBack(outs.map((b) => [b, outBytes] as [GPUBuffer, number]), enc);
    const err = await dev.popErrorScope();
    if (err) throw new Error(`WebGPU error: ${err.message}`);
    const [cost, wxGrad, wRecGrad, sharpness] = stride === res ? padded : padded.map((a) => stripPadding(a, res, stride));
    return sharpness ? { res, wx, wRec, cost, wxGrad, wRecGrad, sharpness } : { res, wx, wRec, cost, wxGrad, wRecGrad };
  }

  /** Dispatches (colGroups, rows) in bands of rowsPerBand rows; returns the last encoder, open. */
  private bandedDispatch(
    first: GPUCommandEncoder, d: Dataset, res: number, rowsPerBand: number,
    pipeline: GPUComputePipeline, group: GPUBindGroup, colGroups: number,
  ): GPUCommandEncoder {
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
    return enc;
  }

  evaluate(dataset: Dataset, points: readonly (readonly [number, number])[]): Promise<PointResult[]> {
    return this.serial(() => this.evaluateNow(dataset, points));
  }

  private async evaluateNow(dataset: Dataset, points: readonly (readonly [number, number])[]): Promise<PointResult[]> {
    this.throwIfLost();
    if (points.length === 0) return [];
    const evaluatePipeline = await this.pipeline('evaluate');
    this.throwIfLost();
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
    pass.setBindGroup(0, this.bindGroup('evaluate', {
      u: this.uniforms, xs: this.storage('xs', 0), targets: this.storage('targets', 0), points: ptsBuf, pointOut: outBuf, timeOut: timeBuf,
    }));
    pass.dispatchWorkgroups(Math.ceil(count / WORKGROUP));
    pass.end();
    const [out, time] = await this.pool.readBack([[outBuf, count * 3 * 4], [timeBuf, count * n1 * 4]], enc);
    const err = await dev.popErrorScope();
    if (err) throw new Error(`WebGPU error: ${err.message}`);
    return points.map((_, i) => ({
      cost: out[3 * i],
      wxGrad: out[3 * i + 1],
      wRecGrad: out[3 * i + 2],
      gradOverTime: Array.from(time.subarray(i * n1, (i + 1) * n1)),
      // the Hessian in float64 on the host (a few points: cheaper and closer than a kernel)
      ...pointHessian(dataset, points[i][0], points[i][1]),
    }));
  }

  dispose(): void {
    this.pool.dispose();
    this.uniforms.destroy();
  }
}
