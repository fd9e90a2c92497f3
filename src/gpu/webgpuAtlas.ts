/**
 * The trainability atlas on WebGPU (shaders/atlas.wgsl): one optimiser run per cell, one cell per
 * invocation. The grid is cut into bands of cells (their optimiser state lives in a storage
 * buffer) and each band into slices of iterations; every dispatch is sized from the measured
 * throughput to take about `targetMs`, so the GPU process (which also draws the page) is never
 * held for long, progress is reported after each dispatch and a cancelled run stops at the next.
 */
import xfloatWgsl from '../../shaders/xfloat.wgsl?raw';
import atlasWgsl from '../../shaders/atlas.wgsl?raw';
import atlasPolyWgsl from '../../shaders/atlas_poly.wgsl?raw';
import type { Dataset } from '../model/dataset';
import { HYPER_DEFAULTS, OPTIMISERS, isRpropFamily, learningRates, type OptimiserName } from '../model/optimiserSpec';
import { cancelledAtlas, type AtlasProgress, type AtlasRequest, type AtlasResult, type AtlasSignal } from './backend';

const WORKGROUP = 64;
const CELL_BYTES = 72;
const UNIFORM_BYTES = 192;
/** cells whose optimiser state is kept at once (16 MiB of state) */
const BAND_MAX_CELLS = 1 << 18;
const MIN_BAND_CELLS = 4096;
const IN_FLIGHT = 2;
/** the least cell-iterations per dispatch (a few ms here) */
const MIN_WORK = 32768;
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

/**
 * The lean kernel's poly_fast (see shaders/atlas_poly.wgsl for the generic one): Horner with the
 * derivative, the data set's integer coefficients written in as constants.
 */
export function leanPolynomial(coefs: Float32Array, seqLen: number): string {
  const D = 2 * seqLen - 2;
  const lit = (v: number) => `${v}.0`;
  const lines = ['fn poly_fast(r: f32) -> vec4<f32> {', `  var c = ${lit(coefs[D])};`, '  var dc = 0.0;'];
  for (let m = D - 1; m >= 0; m--) lines.push('  dc = dc * r + c;', `  c = c * r + ${lit(coefs[m])};`);
  lines.push(`  var b = ${lit(coefs[D + seqLen])};`, '  var db = 0.0;');
  for (let m = seqLen - 2; m >= 0; m--) lines.push('  db = db * r + b;', `  b = b * r + ${lit(coefs[D + 1 + m])};`);
  lines.push('  return vec4<f32>(c, dc, b, db);', '}');
  return lines.join('\n');
}

/** Lean pipelines kept for this many recent (optimiser, data set) pairs. */
const LEAN_CACHE = 8;

interface Sized {
  buffer: GPUBuffer;
  bytes: number;
}

export interface AtlasRunStats {
  dispatches: number;
  /** longest dispatch, submit to done (ms), and the longest after the first two (calibration) */
  maxDispatchMs: number;
  maxSteadyDispatchMs: number;
  /** the median dispatch (a busy machine stretches single ones) */
  medianDispatchMs: number;
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
  private uploaded: { d: Dataset; part: Float32Array; coefs: Float32Array; sumT2: number } | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  /** cell-iterations per dispatch, adapted to targetMs after every dispatch (kept between runs) */
  private work = 20000;

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
   * The pipelines for one optimiser and data set: the lean kernel (made for the data set) and the
   * full one (shared by all data sets), each the shader with `const OPT` and `const FULL`
   * prepended, built once. SwiftShader takes a while to build them; `prepare` starts that ahead of
   * the first atlas.
   */
  prepare(opt: OptimiserName, d: Dataset): Promise<[GPUComputePipeline, GPUComputePipeline]> {
    const { coefs } = this.datasetInputs(d);
    return Promise.all([this.pipeline(opt, leanPolynomial(coefs, d.seqLen)), this.pipeline(opt, null)]);
  }

  private pipeline(opt: OptimiserName, lean: string | null): Promise<GPUComputePipeline> {
    const key = `${opt}\n${lean ?? 'full'}`;
    let p = this.pipelines.get(key);
    if (p) {
      // most recently used last
      this.pipelines.delete(key);
      this.pipelines.set(key, p);
      return p;
    }
    const full = lean === null;
    const code = [`const OPT: u32 = ${OPTIMISERS.indexOf(opt)}u;`, `const FULL = ${full};`, xfloatWgsl, full ? atlasPolyWgsl : lean, atlasWgsl].join('\n');
    const label = `atlas ${opt} ${full ? 'full' : 'lean'}`;
    const module = this.device.createShaderModule({ code, label });
    p = this.device.createComputePipelineAsync({ layout: this.pipelineLayout, compute: { module, entryPoint: 'atlas_main' }, label });
    p.catch(() => this.pipelines.delete(key));
    this.pipelines.set(key, p);
    const leanKeys = [...this.pipelines.keys()].filter((k) => !k.endsWith('\nfull'));
    for (const k of leanKeys.slice(0, Math.max(0, leanKeys.length - LEAN_CACHE))) this.pipelines.delete(k);
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
  private datasetInputs(d: Dataset): { part: Float32Array; coefs: Float32Array; sumT2: number } {
    if (this.uploaded?.d !== d) {
      const { coefs, sumT2 } = atlasPolynomials(d);
      const part = new Float32Array(coefs.length + d.x.length + d.samples);
      part.set(coefs, 0);
      part.set(d.x, coefs.length);
      part.set(d.targets, coefs.length + d.x.length);
      this.uploaded = { d, part, coefs, sumT2 };
    }
    return this.uploaded;
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
    const [lean, full] = await this.prepare(opt, d);

    // One input buffer: coefficients, x, targets, the axes, adam's bias corrections.
    const { part, sumT2 } = this.datasetInputs(d);
    const n = d.seqLen;
    const N = d.samples;
    const nCoef = 3 * n - 1;
    const offXs = nCoef;
    const offTargets = offXs + N * n;
    const offAxisX = part.length;
    const offAxisY = offAxisX + cols;
    const offAxisXLo = offAxisY + rows;
    const offAxisYLo = offAxisXLo + cols;
    const offBias = offAxisYLo + rows;
    const adam = opt === 'adam';
    const inputs = new Float32Array(offBias + (adam ? 2 * iterations : 0));
    inputs.set(part, 0);
    const lrAxes = mode === 'lr' && !isRpropFamily(opt);
    const axisInput = (axis: Float64Array, off: number, offLo: number) =>
      axis.forEach((a, i) => {
        const v = lrAxes ? 10 ** a : a;
        inputs[off + i] = v;
        inputs[offLo + i] = v - inputs[off + i];
      });
    axisInput(xAxis, offAxisX, offAxisXLo);
    axisInput(yAxis, offAxisY, offAxisYLo);
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
    ui.set([N, n, cols, iterations, 0, 0, 0, 0, 0, mode === 'lr' ? 1 : 0, INF_BITS, Math.max(0, 2 * n - 2), offXs, offTargets, offAxisX, offAxisY, offBias, offAxisXLo, offAxisYLo]);
    uf.set([tol, sumT2, rFast, wideBase, hyper.delta0, hyper.etaPlus, hyper.etaMinus, hyper.deltaMin, hyper.deltaMax, hyper.lr,
      hyper.momentum, hyper.clip, hyper.beta1, 1 - hyper.beta1, hyper.beta2, 1 - hyper.beta2, hyper.eps, req.start[0], req.start[1], 1 / N,
      hyper.etaPlus - Math.fround(hyper.etaPlus), hyper.etaMinus - Math.fround(hyper.etaMinus),
      req.start[0] - Math.fround(req.start[0]), req.start[1] - Math.fround(req.start[1]), learningRates(hyper)[1]], 20);

    const stats: AtlasRunStats = { dispatches: 0, maxDispatchMs: 0, maxSteadyDispatchMs: 0, medianDispatchMs: 0, totalMs: 0 };
    const times: number[] = [];
    const tStart = performance.now();
    let done = 0;
    const inflight: { done: Promise<undefined>; error: Promise<GPUError | null>; work: number; submitted: number }[] = [];
    let lastDone = performance.now();
    const retire = async () => {
      const d = inflight.shift()!;
      await d.done;
      const err = await d.error;
      if (err) throw new Error(`WebGPU error in the atlas: ${err.message}`);
      const now = performance.now();
      // its own time: from when it could start (submitted, or the one before it done) to done
      const ms = Math.max(0.05, now - Math.max(d.submitted, lastDone));
      lastDone = now;
      // the next dispatch's size, scaled toward targetMs (a fixed latency makes small
      // dispatches look slow, so growth is by at most 2x a step)
      // (and never below MIN_WORK: on a busy machine a slow moment must not shrink it to nothing)
      this.work = Math.max(MIN_WORK, Math.min(1e9, d.work * Math.min(2, Math.max(0.25, this.targetMs / ms))));
      stats.maxDispatchMs = Math.max(stats.maxDispatchMs, ms);
      if (stats.dispatches >= 2) stats.maxSteadyDispatchMs = Math.max(stats.maxSteadyDispatchMs, ms);
      stats.dispatches++;
      times.push(ms);
      done += d.work;
      onProgress?.(done, total);
    };
    for (let band0 = 0, band1 = 0; band0 < cells; band0 = band1) {
      // a band small enough for several iterations per dispatch (less state traffic), large
      // enough to keep every core busy
      const size = Math.max(MIN_BAND_CELLS, Math.min(bandCells, Math.floor(this.work / 32 / WORKGROUP) * WORKGROUP));
      band1 = Math.min(cells, band0 + size);
      const bandN = band1 - band0;
      for (let k = 0; k < evals; ) {
        // iterations per dispatch for this slice; cells per dispatch follow the adapted size
        const K = Math.max(1, Math.min(evals - k, Math.floor(this.work / bandN)));
        for (let c0 = band0, c1 = band0; c0 < band1; c0 = c1) {
          const sub = Math.min(bandN, Math.max(WORKGROUP, Math.floor(this.work / K / WORKGROUP) * WORKGROUP));
          if (signal?.cancelled) return cancelledAtlas();
          const lostNow = this.lostReason();
          if (lostNow) throw new Error(lostNow);
          c1 = Math.min(band1, c0 + sub);
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
          dev.queue.submit([enc.finish()]);
          inflight.push({ done: dev.queue.onSubmittedWorkDone(), error: dev.popErrorScope(), work: (c1 - c0) * K, submitted: performance.now() });
          // Two dispatches in flight: the GPU never waits for this side's round trip.
          while (inflight.length >= IN_FLIGHT) await retire();
        }
        k += K;
      }
    }
    while (inflight.length) await retire();
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
    times.sort((a, b) => a - b);
    stats.medianDispatchMs = times[Math.floor(times.length / 2)] ?? 0;
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
