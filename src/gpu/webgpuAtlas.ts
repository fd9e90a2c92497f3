/**
 * The trainability atlas on WebGPU (shaders/atlas.wgsl): one optimiser run per cell, one cell per
 * invocation. The grid is cut into bands of cells (their optimiser state lives in a storage
 * buffer) and each band into slices of iterations; every dispatch is sized from the measured
 * throughput to take about `targetMs`, so the GPU process (which also draws the page) is never
 * held for long, progress is reported after each dispatch and a cancelled run stops at the next.
 */
import xfloatWgsl from '../../shaders/xfloat.wgsl?raw';
import atlasWgsl from '../../shaders/atlas.wgsl?raw';
import type { Dataset } from '../model/dataset';
import { HYPER_DEFAULTS, OPTIMISERS, isRpropFamily, type OptimiserName } from '../model/optimiserSpec';
import { cancelledAtlas, type AtlasProgress, type AtlasRequest, type AtlasResult, type AtlasSignal } from './backend';

const WORKGROUP = 64;
const CELL_BYTES = 64;
const UNIFORM_BYTES = 160;
/** cells whose optimiser state is kept at once (16 MiB of state) */
const BAND_MAX_CELLS = 1 << 18;
/** the shader's workgroup copy of the coefficients holds (2n - 1) + n of them */
const MAX_COEFS = 304;
const INF_BITS = 0x7f800000;

/**
 * The integer polynomials of the row factorisation (see shaders/atlas.wgsl): coefficients of
 * C(r) = sum_i P_i(r)^2 (degree 2n-2), then of B(r) = sum_i t_i P_i(r) (degree n-1), and
 * T = sum_i t_i^2. All exact integers (at most samples * seqLen), so exact in float32.
 */
export function atlasPolynomials(d: Dataset): { coefs: Float32Array; sumT2: number } {
  const { samples: N, seqLen: n, x, targets } = d;
  const D = Math.max(0, 2 * n - 2);
  const c = new Float64Array(D + 1);
  const b = new Float64Array(n);
  let sumT2 = 0;
  const ones: number[] = [];
  for (let i = 0; i < N; i++) {
    ones.length = 0;
    // x_{i,k} (k = kz + 1) multiplies r^(n-1-kz)
    for (let kz = 0; kz < n; kz++) if (x[i * n + kz]) ones.push(n - 1 - kz);
    for (const j of ones) {
      b[j] += targets[i];
      for (const l of ones) c[j + l] += 1;
    }
    sumT2 += targets[i] * targets[i];
  }
  const coefs = new Float32Array(D + 1 + n);
  coefs.set(c, 0);
  coefs.set(b, D + 1);
  return { coefs, sumT2 };
}

interface Sized {
  buffer: GPUBuffer;
  bytes: number;
}

export interface AtlasRunStats {
  dispatches: number;
  /** longest dispatch, submit to done (ms), and the longest after the first two (calibration) */
  maxDispatchMs: number;
  maxSteadyDispatchMs: number;
  totalMs: number;
}

export class WebGpuAtlas {
  /** the time one dispatch should take, ms */
  targetMs = 25;
  /** statistics of the last finished run (tests, benchmark) */
  lastRun: AtlasRunStats | null = null;

  private readonly layout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly uniforms: GPUBuffer;
  private readonly buffers = new Map<string, Sized>();
  private uploaded: Dataset | null = null;
  private datasetPart = new Float32Array(0);
  private sumT2 = 0;
  private tail: Promise<unknown> = Promise.resolve();
  /** measured throughput, cell-iterations per ms (kept between runs) */
  private rate = 2000;

  constructor(
    private readonly device: GPUDevice,
    private readonly lostReason: () => string | null,
  ) {
    const entry = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type },
    });
    this.layout = device.createBindGroupLayout({
      label: 'atlas',
      entries: [entry(0, 'uniform'), entry(1, 'read-only-storage'), ...[2, 3, 4, 5, 6, 7].map((b) => entry(b, 'storage'))],
    });
    this.pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.layout] });
    this.uniforms = device.createBuffer({ size: UNIFORM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, label: 'atlasUniforms' });
  }

  /**
   * The pipelines of one optimiser: the lean kernel and the full one (the shader with `const OPT`
   * and `const FULL` prepended), built once. SwiftShader takes a second or two to build them:
   * `prepare` starts that ahead of the first atlas.
   */
  prepare(opt: OptimiserName): Promise<[GPUComputePipeline, GPUComputePipeline]> {
    return Promise.all([this.pipeline(opt, false), this.pipeline(opt, true)]);
  }

  private pipeline(opt: OptimiserName, full: boolean): Promise<GPUComputePipeline> {
    const key = `${opt}/${full}`;
    let p = this.pipelines.get(key);
    if (!p) {
      const code = [`const OPT: u32 = ${OPTIMISERS.indexOf(opt)}u;`, `const FULL = ${full};`, xfloatWgsl, atlasWgsl].join('\n');
      const label = `atlas ${opt}${full ? ' (full)' : ''}`;
      const module = this.device.createShaderModule({ code, label });
      p = this.device.createComputePipelineAsync({ layout: this.pipelineLayout, compute: { module, entryPoint: 'atlas_main' }, label });
      p.catch(() => this.pipelines.delete(key));
      this.pipelines.set(key, p);
    }
    return p;
  }

  run(req: AtlasRequest, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult> {
    // One atlas at a time (they share the state buffers); a cancelled one ends within a dispatch.
    const work = () => this.runNow(req, onProgress, signal);
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private buffer(name: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const old = this.buffers.get(name);
    if (old && old.bytes >= size) return old.buffer;
    old?.buffer.destroy();
    const buffer = this.device.createBuffer({ size, usage, label: `atlas ${name}` });
    this.buffers.set(name, { buffer, bytes: size });
    return buffer;
  }

  private storage(name: string, bytes: number): GPUBuffer {
    return this.buffer(name, bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
  }

  /** The data set's part of the inputs (coefficients, x, targets), made once per data set. */
  private datasetInputs(d: Dataset): Float32Array {
    if (this.uploaded !== d) {
      const { coefs, sumT2 } = atlasPolynomials(d);
      const a = new Float32Array(coefs.length + d.x.length + d.samples);
      a.set(coefs, 0);
      a.set(d.x, coefs.length);
      a.set(d.targets, coefs.length + d.x.length);
      this.datasetPart = a;
      this.sumT2 = sumT2;
      this.uploaded = d;
    }
    return this.datasetPart;
  }

  private async runNow(req: AtlasRequest, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<AtlasResult> {
    const lost = this.lostReason();
    if (lost) throw new Error(lost);
    if (signal?.cancelled) return cancelledAtlas();
    const { dataset: d, mode, opt, iterations, tol, xAxis, yAxis } = req;
    const hyper = { ...HYPER_DEFAULTS, ...req.hyper };
    const cols = xAxis.length;
    const rows = yAxis.length;
    const cells = cols * rows;
    const evals = iterations + 1;
    const total = cells * evals;
    if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`atlas: iterations must be a whole number >= 0, not ${iterations}`);
    if (d.seqLen < 1 || d.samples < 1) throw new Error('atlas: the data set is empty');
    if (3 * d.seqLen - 1 > MAX_COEFS) throw new Error(`atlas: seqLen ${d.seqLen} is over ${Math.floor((MAX_COEFS + 1) / 3)}`);
    if (cells === 0) return { finalCost: new Float32Array(0), convergedAt: new Int32Array(0), divergedAt: new Int32Array(0) };
    const dev = this.device;
    const [lean, full] = await this.prepare(opt);

    // One input buffer: coefficients, x, targets, the axes, adam's bias corrections.
    const part = this.datasetInputs(d);
    const n = d.seqLen;
    const N = d.samples;
    const nCoef = 3 * n - 1;
    const offXs = nCoef;
    const offTargets = offXs + N * n;
    const offAxisX = part.length;
    const offAxisY = offAxisX + cols;
    const offBias = offAxisY + rows;
    const adam = opt === 'adam';
    const inputs = new Float32Array(offBias + (adam ? 2 * iterations : 0));
    inputs.set(part, 0);
    const lrAxes = mode === 'lr' && !isRpropFamily(opt);
    for (let i = 0; i < cols; i++) inputs[offAxisX + i] = lrAxes ? 10 ** xAxis[i] : xAxis[i];
    for (let i = 0; i < rows; i++) inputs[offAxisY + i] = lrAxes ? 10 ** yAxis[i] : yAxis[i];
    if (adam)
      for (let t = 1; t <= iterations; t++) {
        inputs[offBias + 2 * t - 2] = 1 / (1 - Math.pow(hyper.beta1, t));
        inputs[offBias + 2 * t - 1] = 1 / (1 - Math.pow(hyper.beta2, t));
      }
    const inputBuf = this.storage('inputs', inputs.byteLength);
    dev.queue.writeBuffer(inputBuf, 0, inputs);
    const bandCells = Math.min(cells, BAND_MAX_CELLS);
    const state = this.storage('cells', bandCells * CELL_BYTES);
    const outs = ['finalCost', 'convergedAt', 'divergedAt'].map((n) => this.storage(n, cells * 4));
    const list = this.storage('list', bandCells * 4);
    const listArgs = this.buffer('listArgs', 16, GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
    const argsReset = new Uint32Array([0, 1, 1, 0]);
    // The full kernel reads the count from a copy: the indirect buffer cannot also be bound.
    const listCount = this.storage('listCount', 16);
    const bindGroup = (args: GPUBuffer) =>
      dev.createBindGroup({
        layout: this.layout,
        entries: [this.uniforms, inputBuf, state, ...outs, list, args].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
    const leanGroup = bindGroup(listArgs);
    const fullGroup = bindGroup(listCount);

    // The uniforms: fixed per run, then the chunk's cells and iterations per dispatch.
    const u = new ArrayBuffer(UNIFORM_BYTES);
    const ui = new Uint32Array(u);
    const uf = new Float32Array(u);
    const wideBase = Math.log2(N) + 3 * Math.log2(n) + 2;
    // |wRec| below rFast keeps every float32 term under 2^120 for |wx| <= 2^21
    const rFast = n < 2 ? 3e38 : 2 ** Math.max(0, (120 - wideBase - 42) / (2 * n - 2));
    ui.set([N, n, cols, iterations, 0, 0, 0, 0, 0, mode === 'lr' ? 1 : 0, INF_BITS, Math.max(0, 2 * n - 2), offXs, offTargets, offAxisX, offAxisY, offBias]);
    uf.set([tol, this.sumT2, rFast, wideBase, hyper.delta0, hyper.etaPlus, hyper.etaMinus, hyper.deltaMin, hyper.deltaMax, hyper.lr,
      hyper.momentum, hyper.clip, hyper.beta1, 1 - hyper.beta1, hyper.beta2, 1 - hyper.beta2, hyper.eps, req.start[0], req.start[1], 1 / N], 20);

    const stats: AtlasRunStats = { dispatches: 0, maxDispatchMs: 0, maxSteadyDispatchMs: 0, totalMs: 0 };
    const tStart = performance.now();
    let done = 0;
    for (let band0 = 0; band0 < cells; band0 += bandCells) {
      const band1 = Math.min(cells, band0 + bandCells);
      const bandN = band1 - band0;
      for (let k = 0; k < evals; ) {
        const budget = Math.max(WORKGROUP, this.rate * this.targetMs);
        const K = Math.max(1, Math.min(evals - k, Math.floor(budget / bandN)));
        // one iteration of the whole band over budget: split the band's cells too
        const sub = K > 1 ? bandN : Math.min(bandN, Math.max(WORKGROUP, Math.floor(budget / WORKGROUP) * WORKGROUP));
        for (let c0 = band0; c0 < band1; c0 += sub) {
          if (signal?.cancelled) return cancelledAtlas();
          const lostNow = this.lostReason();
          if (lostNow) throw new Error(lostNow);
          const c1 = Math.min(band1, c0 + sub);
          ui.set([band0, c0, c1, k, k + K], 4);
          // (the scope is pushed and popped in one synchronous block: no other work's calls land in it)
          dev.pushErrorScope('validation');
          dev.queue.writeBuffer(this.uniforms, 0, u);
          dev.queue.writeBuffer(listArgs, 0, argsReset);
          const enc = dev.createCommandEncoder();
          const pass = enc.beginComputePass();
          pass.setBindGroup(0, leanGroup);
          pass.setPipeline(lean);
          pass.dispatchWorkgroups(Math.ceil((c1 - c0) / WORKGROUP));
          pass.end();
          // the cells the lean kernel paused (usually none: zero workgroups)
          enc.copyBufferToBuffer(listArgs, 0, listCount, 0, 16);
          const pass2 = enc.beginComputePass();
          pass2.setBindGroup(0, fullGroup);
          pass2.setPipeline(full);
          pass2.dispatchWorkgroupsIndirect(listArgs, 0);
          pass2.end();
          const t0 = performance.now();
          dev.queue.submit([enc.finish()]);
          const error = dev.popErrorScope();
          await dev.queue.onSubmittedWorkDone();
          const err = await error;
          if (err) throw new Error(`WebGPU error in the atlas: ${err.message}`);
          const ms = Math.max(0.05, performance.now() - t0);
          const work = (c1 - c0) * K;
          // the next dispatch's size: the measured rate, growing at most 4x per dispatch
          this.rate = Math.max(50, Math.min(this.rate * 4, work / ms));
          stats.maxDispatchMs = Math.max(stats.maxDispatchMs, ms);
          if (stats.dispatches >= 2) stats.maxSteadyDispatchMs = Math.max(stats.maxSteadyDispatchMs, ms);
          stats.dispatches++;
          done += work;
          onProgress?.(done, total);
        }
        k += K;
      }
    }
    if (signal?.cancelled) return cancelledAtlas();

    // Read back the three outputs in one staging buffer.
    const bytes = Math.ceil((cells * 4) / 16) * 16;
    const staging = this.buffer('staging', 3 * bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    const enc = dev.createCommandEncoder();
    outs.forEach((b, i) => enc.copyBufferToBuffer(b, 0, staging, i * bytes, bytes));
    dev.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, 3 * bytes);
    const host = staging.getMappedRange(0, 3 * bytes);
    stats.totalMs = performance.now() - tStart;
    this.lastRun = stats;
    const result = {
      finalCost: new Float32Array(host, 0, cells).slice(),
      convergedAt: new Int32Array(host, bytes, cells).slice(),
      divergedAt: new Int32Array(host, 2 * bytes, cells).slice(),
    };
    staging.unmap();
    return result;
  }

  dispose(): void {
    for (const b of this.buffers.values()) b.buffer.destroy();
    this.buffers.clear();
    this.uniforms.destroy();
  }
}
