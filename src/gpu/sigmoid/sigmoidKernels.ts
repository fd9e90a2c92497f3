/**
 * The sigmoid model (SPEC section 12) on WebGPU: its surface (E and both gradients by forward-mode
 * derivatives at every grid point; the sharpness, SPEC section 10, from a second pass in the
 * pipeline with the override SHARPNESS, unless asked without) and its points (with g_k = dE/dx_k),
 * float32. The model's parameters (x0,
 * target, steps) are uniforms, so changing them rewrites no pipeline. One call at a time.
 */
import { linspace } from '../../model/surface';
import { sigmoidParams } from '../../model/models/sigmoid';
import { SigmoidUnit } from '../../model/models/sigmoid/unit';
import { hessianFields } from '../../model/lesson/surfaceSharpness';
import type { ModelConfig } from '../../model/models/types';
import type { PointResult, SurfaceRequest, SurfaceResult } from '../backend';
import { BufferPool, SerialQueue } from '../webgpu/resources';
import type { BindingLayout, BindingSpecs } from '../webgpu/bindings';
import { SIGMOID_BINDINGS, SIGMOID_UNIFORMS, sigmoidKernelSource, type SigmoidKernel } from './kernels';

const WORKGROUP = 64;
/** grid columns per invocation of the surface kernel (surface.wgsl SIG_COLS) */
const SURFACE_COLS = 8;

export class SigmoidKernels {
  /** rows per dispatch, at most the adapter's workgroup limit; tests lower it to force splits */
  maxRowsPerDispatch: number;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly layouts = new Map<SigmoidKernel, GPUBindGroupLayout>();
  private readonly uniforms: GPUBuffer;
  private readonly values = SIGMOID_UNIFORMS.create();
  private readonly pool: BufferPool;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly device: GPUDevice,
    private readonly lostReason: () => string | null,
  ) {
    this.maxRowsPerDispatch = device.limits.maxComputeWorkgroupsPerDimension;
    this.uniforms = device.createBuffer({ size: SIGMOID_UNIFORMS.bytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, label: 'sigmoidUniforms' });
    this.pool = new BufferPool(device, 'sigmoid');
  }

  private layout(name: SigmoidKernel): GPUBindGroupLayout {
    let l = this.layouts.get(name);
    if (!l) {
      l = SIGMOID_BINDINGS[name].layout(this.device, `sigmoid ${name}`);
      this.layouts.set(name, l);
    }
    return l;
  }

  /** A kernel's pipeline, built once, asynchronously; `sharpness`: the surface's override SHARPNESS = true. */
  pipeline(name: SigmoidKernel, sharpness = false): Promise<GPUComputePipeline> {
    const key = sharpness ? `${name}+sharpness` : name;
    let p = this.pipelines.get(key);
    if (!p) {
      const { code, entryPoint } = sigmoidKernelSource(name);
      const module = this.device.createShaderModule({ code, label: `sigmoid ${name}` });
      const layout = this.device.createPipelineLayout({ bindGroupLayouts: [this.layout(name)] });
      const compute = { module, entryPoint, ...(sharpness ? { constants: { SHARPNESS: 1 } } : {}) };
      p = this.device.createComputePipelineAsync({ layout, compute, label: `sigmoid ${key}` });
      p.catch(() => this.pipelines.delete(key));
      this.pipelines.set(key, p);
    }
    return p;
  }

  private group<K extends SigmoidKernel>(name: K, buffers: Record<string, GPUBuffer>): GPUBindGroup {
    const bindings = SIGMOID_BINDINGS[name] as unknown as BindingLayout<BindingSpecs>;
    return bindings.group(this.device, this.layout(name), buffers);
  }

  private throwIfLost(): void {
    const lost = this.lostReason();
    if (lost) throw new Error(lost);
  }

  private writeUniforms(cfg: ModelConfig, res: number, offset: number, pointCount: number): void {
    const p = sigmoidParams(cfg.params);
    this.values.set({ res, offset, pointCount, steps: Math.max(1, Math.min(200, Math.round(p.steps))), x0: p.x0, goal: p.target });
    this.values.write(this.device.queue, this.uniforms);
  }

  surface(req: SurfaceRequest & { model: ModelConfig }): Promise<SurfaceResult> {
    return this.queue.run(() => this.surfaceNow(req));
  }

  /** E and both gradients; also the sharpness (SPEC section 10) unless `sharpness: false` (a second pass per point). */
  private async surfaceNow({ model, range, res, sharpness: sharp = true }: SurfaceRequest & { model: ModelConfig }): Promise<SurfaceResult> {
    this.throwIfLost();
    const dev = this.device;
    const outBytes = res * res * 4;
    if (outBytes > dev.limits.maxStorageBufferBindingSize)
      throw new Error(`res ${res} needs ${outBytes} bytes per output, over this adapter's ${dev.limits.maxStorageBufferBindingSize}`);
    const pipeline = await this.pipeline('surface', sharp);
    this.throwIfLost();
    const wx = linspace(range.wxMin, range.wxMax, res);
    const wRec = linspace(range.wRecMin, range.wRecMax, res);
    const wAxis = this.pool.storage('wAxis', res * 4);
    const bAxis = this.pool.storage('bAxis', res * 4);
    dev.queue.writeBuffer(wAxis, 0, new Float32Array(wx));
    dev.queue.writeBuffer(bAxis, 0, new Float32Array(wRec));
    const outs = (sharp ? ['cost', 'wGrad', 'bGrad', 'sharpness'] : ['cost', 'wGrad', 'bGrad']).map((n) => this.pool.storage(n, outBytes));
    // without the sharpness its binding gets a placeholder (never written)
    const sharpnessOut = sharp ? outs[3] : this.pool.storage('noSharpness', 16);
    const group = this.group('surface', { u: this.uniforms, wAxis, bAxis, costOut: outs[0], wGradOut: outs[1], bGradOut: outs[2], sharpnessOut });
    const rowsPerBand = Math.max(1, Math.min(this.maxRowsPerDispatch, dev.limits.maxComputeWorkgroupsPerDimension));
    dev.pushErrorScope('validation');
    let enc = dev.createCommandEncoder();
    for (let row0 = 0; row0 < res; row0 += rowsPerBand) {
      if (row0 > 0) {
        dev.queue.submit([enc.finish()]);
        enc = dev.createCommandEncoder();
      }
      this.writeUniforms(model, res, row0, 0);
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(Math.ceil(res / SURFACE_COLS / WORKGROUP), Math.min(rowsPerBand, res - row0));
      pass.end();
    }
    const [cost, wxGrad, wRecGrad, sharpness] = await this.pool.readBack(outs.map((b) => [b, outBytes] as [GPUBuffer, number]), enc);
    const err = await dev.popErrorScope();
    if (err) throw new Error(`WebGPU error: ${err.message}`);
    return sharpness ? { res, wx, wRec, cost, wxGrad, wRecGrad, sharpness } : { res, wx, wRec, cost, wxGrad, wRecGrad };
  }

  evaluate(points: readonly (readonly [number, number])[], model: ModelConfig): Promise<PointResult[]> {
    return this.queue.run(() => this.evaluateNow(points, model));
  }

  private async evaluateNow(points: readonly (readonly [number, number])[], model: ModelConfig): Promise<PointResult[]> {
    this.throwIfLost();
    if (points.length === 0) return [];
    const pipeline = await this.pipeline('points');
    this.throwIfLost();
    const dev = this.device;
    const count = points.length;
    if (Math.ceil(count / WORKGROUP) > dev.limits.maxComputeWorkgroupsPerDimension)
      throw new Error(`evaluate: at most ${dev.limits.maxComputeWorkgroupsPerDimension * WORKGROUP} points per call`);
    const steps = Math.max(1, Math.min(200, Math.round(sigmoidParams(model.params).steps)));
    const n1 = steps + 1;
    const unitHessian = (w: number, b: number) => new SigmoidUnit(sigmoidParams(model.params)).hessian(w, b);
    const pts = new Float32Array(count * 2);
    points.forEach(([a, b], i) => pts.set([a, b], 2 * i));
    const ptsBuf = this.pool.storage('points', pts.byteLength);
    dev.queue.writeBuffer(ptsBuf, 0, pts);
    const outBuf = this.pool.storage('pointOut', count * 12);
    const timeBuf = this.pool.storage('timeOut', count * n1 * 4);
    this.writeUniforms(model, 0, 0, count);
    dev.pushErrorScope('validation');
    const enc = dev.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, this.group('points', { u: this.uniforms, points: ptsBuf, pointOut: outBuf, timeOut: timeBuf }));
    pass.dispatchWorkgroups(Math.ceil(count / WORKGROUP));
    pass.end();
    const [out, time] = await this.pool.readBack([[outBuf, count * 12], [timeBuf, count * n1 * 4]], enc);
    const err = await dev.popErrorScope();
    if (err) throw new Error(`WebGPU error: ${err.message}`);
    return points.map((_, i) => ({
      cost: out[3 * i],
      wxGrad: out[3 * i + 1],
      wRecGrad: out[3 * i + 2],
      gradOverTime: Array.from(time.subarray(i * n1, (i + 1) * n1)),
      // the Hessian in float64 on the host (forward mode, SPEC section 10), as the linear RNN's
      ...hessianFields(unitHessian(points[i][0], points[i][1])),
    }));
  }

  dispose(): void {
    this.pool.dispose();
    this.uniforms.destroy();
  }
}
