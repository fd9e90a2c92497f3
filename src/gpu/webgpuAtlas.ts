/**
 * The trainability atlas on WebGPU (src/gpu/atlas/*.wgsl): one optimiser run per cell, one cell
 * per invocation. This class builds the kernels (shader.ts), the inputs (inputs.ts) and the
 * uniforms (uniforms.ts) of a run, and leaves its dispatches to DispatchPacer (dispatch.ts).
 */
import type { Dataset } from '../model/dataset';
import { HYPER_DEFAULTS, learningRates, type Hyper, type OptimiserName } from '../model/optimiserSpec';
import { cancelledAtlas, type AtlasJob, type AtlasProgress, type AtlasResult, type AtlasSignal } from './backend';
import { BufferPool, SerialQueue } from './webgpu/resources';
import { ATLAS_BINDINGS, ATLAS_UNIFORMS } from './atlas/uniforms';
import { GENERIC_LEAN, atlasShaderSource } from './atlas/shader';
import { MAX_COEFS, atlasInputs, datasetPart, leanPolynomial, type InputOffsets } from './atlas/inputs';
import { sigmoidParams } from '../model/models/sigmoid';
import { RESUMABLE } from '../model/optimisers';
import { RESUME_FIELDS } from './cpuProtocol';
import { BAND_MAX_CELLS, DispatchPacer, type AtlasPasses, type AtlasRunStats } from './atlas/dispatch';

export type { AtlasRunStats } from './atlas/dispatch';

/** divergedAt of a cell that float32 could not resolve (main.wgsl's UNRESOLVED): the host finishes it in float64. */
export const UNRESOLVED_CELL = -1000000000;

/** The atlas kernel's result, with the cells float32 could not resolve (sigmoid model; indices, row-major). */
export interface GpuAtlasResult extends AtlasResult {
  unresolved?: number[];
  /**
   * For an optimiser in RESUMABLE, in 'starts' mode: each unresolved cell's state where it stopped, RESUME_FIELDS
   * numbers per cell (the iteration to go on from, both weights, both Delta, both previous signs).
   */
  resume?: Float64Array;
}


function isSigmoid(req: AtlasJob): boolean {
  return req.model?.name === 'sigmoid';
}

const CELL_BYTES = 72;

/** The first cell of the sigmoid kernel's stopped states in the state buffer: after the band's cells. */
function resumeBase(req: AtlasJob): number {
  return Math.min(req.xAxis.length * req.yAxis.length, BAND_MAX_CELLS);
}
const INF_BITS = 0x7f800000;
/** Lean pipelines kept for this many recent (optimiser, data set) pairs. */
const LEAN_CACHE = 8;

export class WebGpuAtlas {
  /** statistics of the last finished run (tests, benchmark) */
  lastRun: AtlasRunStats | null = null;

  private readonly layout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly uniforms: GPUBuffer;
  private readonly values = ATLAS_UNIFORMS.create();
  private readonly pool: BufferPool;
  /** One atlas at a time (they share the state buffers); a cancelled one ends within a dispatch. */
  private readonly queue = new SerialQueue();
  private readonly pacer = new DispatchPacer();
  private uploaded: { d: Dataset; part: Float32Array; coefs: Float32Array; sumT2: number } | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly lostReason: () => string | null,
  ) {
    this.layout = ATLAS_BINDINGS.layout(device, 'atlas');
    this.pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.layout] });
    this.uniforms = device.createBuffer({ size: ATLAS_UNIFORMS.bytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, label: 'atlasUniforms' });
    this.pool = new BufferPool(device, 'atlas');
  }

  /** the time one dispatch should take, ms */
  get targetMs(): number {
    return this.pacer.targetMs;
  }
  set targetMs(ms: number) {
    this.pacer.targetMs = ms;
  }

  /**
   * The pipelines for one optimiser and data set: the lean kernel (made for the data set) and the
   * full one (shared by all data sets), built once. SwiftShader takes a while to build them;
   * `prepare` starts that ahead of the first atlas.
   */
  prepare(opt: OptimiserName, d: Dataset, kernel: 'lean' | 'generic' = 'lean'): Promise<[GPUComputePipeline, GPUComputePipeline]> {
    const { coefs } = this.datasetInputs(d);
    const first = kernel === 'generic' ? GENERIC_LEAN : leanPolynomial(coefs, d.seqLen);
    return Promise.all([this.pipeline(opt, first), this.pipeline(opt, null)]);
  }

  private pipeline(opt: OptimiserName, lean: string | null, model: 'linear' | 'sigmoid' = 'linear'): Promise<GPUComputePipeline> {
    const key = model === 'sigmoid' ? `${opt}\nsigmoid` : `${opt}\n${lean ?? 'full'}`;
    let p = this.pipelines.get(key);
    if (p) {
      // most recently used last
      this.pipelines.delete(key);
      this.pipelines.set(key, p);
      return p;
    }
    const label = `atlas ${opt} ${model === 'sigmoid' ? 'sigmoid' : lean === null ? 'full' : lean === GENERIC_LEAN ? 'generic' : 'lean'}`;
    const module = this.device.createShaderModule({ code: atlasShaderSource(opt, lean, model), label });
    p = this.device.createComputePipelineAsync({ layout: this.pipelineLayout, compute: { module, entryPoint: 'atlas_main' }, label });
    p.catch(() => this.pipelines.delete(key));
    this.pipelines.set(key, p);
    const leanKeys = [...this.pipelines.keys()].filter((k) => !k.endsWith('\nfull') && !k.endsWith(`\n${GENERIC_LEAN}`));
    for (const k of leanKeys.slice(0, Math.max(0, leanKeys.length - LEAN_CACHE))) this.pipelines.delete(k);
    return p;
  }

  run(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<GpuAtlasResult> {
    return this.queue.run(() => this.runNow(req, onProgress, signal));
  }

  /** The data set's part of the inputs (coefficients, x, targets), made once per data set. */
  private datasetInputs(d: Dataset): { part: Float32Array; coefs: Float32Array; sumT2: number } {
    if (this.uploaded?.d !== d) this.uploaded = { d, ...datasetPart(d) };
    return this.uploaded;
  }

  private async runNow(req: AtlasJob, onProgress?: AtlasProgress, signal?: AtlasSignal): Promise<GpuAtlasResult> {
    const lost = this.lostReason();
    if (lost) throw new Error(lost);
    if (signal?.cancelled) return cancelledAtlas();
    const { dataset: d, iterations, xAxis, yAxis } = req;
    const cells = xAxis.length * yAxis.length;
    if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`atlas: iterations must be a whole number >= 0, not ${iterations}`);
    const sigmoid = isSigmoid(req);
    if (!sigmoid && (d.seqLen < 1 || d.samples < 1)) throw new Error('atlas: the data set is empty');
    if (!sigmoid && 3 * d.seqLen - 1 > MAX_COEFS) throw new Error(`atlas: seqLen ${d.seqLen} is over ${Math.floor((MAX_COEFS + 1) / 3)}`);
    if (cells === 0) return { finalCost: new Float32Array(0), convergedAt: new Int32Array(0), divergedAt: new Int32Array(0) };
    const [lean, full] = sigmoid ? await this.pipeline(req.opt, null, 'sigmoid').then((p) => [p, p]) : await this.prepare(req.opt, d, req.kernel);
    const tStart = performance.now();
    const passes = this.passes(req, lean, full);
    const bandCells = Math.min(cells, BAND_MAX_CELLS);
    const stats = await this.pacer.run(passes, { cells, evals: iterations + 1, bandCells }, this.lostReason, onProgress, signal);
    if (!stats) return cancelledAtlas();
    const result: GpuAtlasResult = await this.readBack(cells);
    if (sigmoid) {
      const unresolved: number[] = [];
      result.divergedAt.forEach((v, i) => v === UNRESOLVED_CELL && unresolved.push(i));
      result.unresolved = unresolved;
      if (unresolved.length > 0 && req.mode === 'starts' && RESUMABLE.includes(req.opt)) result.resume = await this.readResume(cells, unresolved);
    }
    stats.totalMs = performance.now() - tStart;
    this.lastRun = stats;
    return result;
  }

  /** A run's buffers, bind groups and uniforms (the inputs and the uniforms written). */
  private passes(req: AtlasJob, lean: GPUComputePipeline, full: GPUComputePipeline): AtlasPasses {
    const dev = this.device;
    const hyper = { ...HYPER_DEFAULTS, ...req.hyper };
    const { part, sumT2 } = isSigmoid(req) ? { part: new Float32Array(0), sumT2: 0 } : this.datasetInputs(req.dataset);
    const { inputs, offsets } = atlasInputs(req, hyper, part);
    const inputBuf = this.pool.storage('inputs', inputs.byteLength);
    dev.queue.writeBuffer(inputBuf, 0, inputs);
    const cells = req.xAxis.length * req.yAxis.length;
    // the sigmoid kernel also keeps each unresolved cell's state at its stop, after the band's (sigResumeBase)
    const state = this.pool.storage('cells', (resumeBase(req) + (isSigmoid(req) ? cells : 0)) * CELL_BYTES);
    const [finalCostOut, convergedOut, divergedOut] = ['finalCost', 'convergedAt', 'divergedAt'].map((n) => this.pool.storage(n, cells * 4));
    const list = this.pool.storage('list', Math.min(cells, BAND_MAX_CELLS) * 4);
    const listArgs = this.pool.buffer('listArgs', 16, GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
    const listCount = this.pool.storage('listCount', 16);
    const bindGroup = (args: GPUBuffer) =>
      ATLAS_BINDINGS.group(dev, this.layout, { u: this.uniforms, inp: inputBuf, cells: state, finalCostOut, convergedOut, divergedOut, list, args });
    this.setUniforms(req, hyper, sumT2, offsets);
    return { device: dev, lean, full, leanGroup: bindGroup(listArgs), fullGroup: bindGroup(listCount), uniforms: this.uniforms, values: this.values, listArgs, listCount };
  }

  /** The uniforms fixed for the run (the dispatch's cells and iterations are set per dispatch). */
  private setUniforms(req: AtlasJob, hyper: Hyper & { lrWRec?: number | null }, sumT2: number, offsets: InputOffsets): void {
    // the sigmoid model has no data: N = n = 1 leaves the linear kernel's bounds unused (rFast 3e38)
    const sigmoid = req.model?.name === 'sigmoid' ? sigmoidParams(req.model.params) : null;
    const { samples: N, seqLen: n } = sigmoid ? { samples: 1, seqLen: 1 } : req.dataset;
    const wideBase = Math.log2(N) + 3 * Math.log2(n) + 2;
    // |wRec| below rFast keeps every float32 term under 2^120 for |wx| <= 2^21
    const rFast = n < 2 ? 3e38 : 2 ** Math.max(0, (120 - wideBase - 42) / (2 * n - 2));
    const [startX, startY] = req.start;
    this.values.set({
      ...offsets,
      samples: N, seqLen: n, cols: req.xAxis.length, iterations: req.iterations,
      bandStart: 0, cellStart: 0, cellEnd: 0, kStart: 0, kEnd: 0,
      mode: req.mode === 'lr' ? 1 : 0, infBits: INF_BITS, degC: Math.max(0, 2 * n - 2),
      tol: req.tol, sumT2, rFast, wideBase,
      delta0: hyper.delta0, etaPlus: hyper.etaPlus, etaMinus: hyper.etaMinus, deltaMin: hyper.deltaMin, deltaMax: hyper.deltaMax,
      lr: hyper.lr, momentum: hyper.momentum, clip: hyper.clip,
      beta1: hyper.beta1, oneMinusBeta1: 1 - hyper.beta1, beta2: hyper.beta2, oneMinusBeta2: 1 - hyper.beta2, eps: hyper.eps,
      startX, startY, invN: 1 / N,
      etaPlusLo: hyper.etaPlus - Math.fround(hyper.etaPlus), etaMinusLo: hyper.etaMinus - Math.fround(hyper.etaMinus),
      startXLo: startX - Math.fround(startX), startYLo: startY - Math.fround(startY),
      lrWRec: learningRates(hyper)[1],
      sigX0: sigmoid?.x0 ?? 0, sigGoal: sigmoid?.target ?? 0, sigSteps: sigmoid ? Math.max(1, Math.min(200, Math.round(sigmoid.steps))) : 0,
      sigResumeBase: resumeBase(req),
    });
  }

  /**
   * The state of each unresolved cell where it stopped (main.wgsl's EV_UNRESOLVED: cells[sigResumeBase
   * + cell], convergedAt = the iteration of the step that left the weights unchanged), as the
   * iteration to go on from, the weights w + wlo in float64, Delta and the previous signs.
   */
  private async readResume(cells: number, unresolved: readonly number[]): Promise<Float64Array> {
    const dev = this.device;
    const bytes = cells * CELL_BYTES;
    const staging = this.pool.buffer('resumeStaging', bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    const enc = dev.createCommandEncoder();
    enc.copyBufferToBuffer(this.pool.storage('cells', 0), Math.min(cells, BAND_MAX_CELLS) * CELL_BYTES, staging, 0, bytes);
    dev.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, bytes);
    const f = new Float32Array(staging.getMappedRange(0, bytes));
    const i32 = new Int32Array(f.buffer, f.byteOffset, f.length);
    const out = new Float64Array(unresolved.length * RESUME_FIELDS);
    const words = CELL_BYTES / 4;
    unresolved.forEach((cell, n) => {
      const c = cell * words;
      // Cell: w (0, 1), wlo (2, 3), a = Delta (4, 5), b = previous sign (6, 7), ..., convergedAt (16)
      out.set([i32[c + 16] + 1, f[c] + f[c + 2], f[c + 1] + f[c + 3], f[c + 4], f[c + 5], f[c + 6], f[c + 7]], n * RESUME_FIELDS);
    });
    staging.unmap();
    return out;
  }

  /** The three outputs, read back in one staging buffer. */
  private async readBack(cells: number): Promise<AtlasResult> {
    const dev = this.device;
    const bytes = Math.ceil((cells * 4) / 16) * 16;
    const outs = ['finalCost', 'convergedAt', 'divergedAt'].map((n) => this.pool.storage(n, cells * 4));
    const staging = this.pool.buffer('staging', 3 * bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
    const enc = dev.createCommandEncoder();
    outs.forEach((b, i) => enc.copyBufferToBuffer(b, 0, staging, i * bytes, bytes));
    dev.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, 3 * bytes);
    const host = staging.getMappedRange(0, 3 * bytes);
    const result = {
      finalCost: new Float32Array(host, 0, cells).slice(),
      convergedAt: new Int32Array(host, bytes, cells).slice(),
      divergedAt: new Int32Array(host, 2 * bytes, cells).slice(),
    };
    staging.unmap();
    return result;
  }

  dispose(): void {
    this.pool.dispose();
    this.uniforms.destroy();
  }
}
