/**
 * The engine's one-knob sweeps (SPEC section 11), after the state like the atlas: the lr sweep in
 * float64 on the page in short chunks, the seqLen sweep on the backend's atlas (the WebGPU kernel,
 * or float64 in the CPU workers), one length at a time. Latest wins: new params cancel the
 * running sweep. No DOM.
 */
import type { ComputeBackend } from './gpu/backend';
import type { Dataset } from './model/dataset';
import { lrSweepRun, seqLenAxes, seqLenDataset, seqLenShares, sweepLengths, sweepParam, sweepValues, type Sweep, type SweepSpec } from './model/lesson/sweep';
import type { Params, SweepChoice } from './state/schema';
import { sweepRangeFor, sweepSpecs } from './state/sweep';
import { t } from './i18n';
import { modelConfig, modelOf, modelSharpness, type ModelConfig } from './model/models';
import type { SweepModel } from './model/lesson/sweep';

export interface SweepState {
  key: string;
  kind: Exclude<SweepChoice, 'off'>;
  /**
   * The sweep, filled in as it runs (lr: the values of runs not yet swept have finalCost NaN;
   * seqLen: shares NaN for lengths not yet done); whole once `complete`.
   */
  sweep: Sweep;
  /** the range used (log10 bounds, or the lengths) */
  range: [number, number];
  /** cell-iterations (lr: values) done and in all */
  done: number;
  total: number;
  complete: boolean;
  /** what was changed to fit, or why it stopped; null when nothing to say */
  note: string | null;
}

/** lr sweep values computed per chunk before the page gets a turn */
const LR_CHUNK_EVALS = 400_000;

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** seqLen sweep: progress reaches the listeners at most this often (ms) */
const PROGRESS_MIN_MS = 250;
/** ... and then only after this many times the last report's own cost (listeners redraw the sweep's figure) */
const PROGRESS_COST_FACTOR = 8;

/**
 * Progress reports for a long computation, paced: a listener redraws the sweep's figure (in still
 * mode at once; the 3D view is left alone, FrameLoop's 'panels'), on the CPUs the sweep itself
 * runs on with a software GPU, so reports wait at least PROGRESS_MIN_MS and PROGRESS_COST_FACTOR
 * times what the last one took (the end is reported by the caller, always).
 */
export class ProgressPacer {
  private next = 0;

  constructor(
    private readonly report: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  tick(): void {
    const t0 = this.now();
    if (t0 < this.next) return;
    this.report();
    const t1 = this.now();
    this.next = t1 + Math.max(PROGRESS_MIN_MS, PROGRESS_COST_FACTOR * (t1 - t0));
  }
}

export class SweepRunner {
  state: SweepState | null = null;
  task: Promise<void> | null = null;
  private signal: { cancelled: boolean } | null = null;
  private readonly listeners: ((s: SweepState | null) => void)[] = [];

  onSweep(fn: (s: SweepState | null) => void): void {
    this.listeners.push(fn);
  }

  private emit(s: SweepState | null): void {
    if (this.state === s) for (const fn of this.listeners) fn(s);
  }

  /** Starts the sweep the params ask for (nothing when the same one is running or done). */
  start(p: Params, dataset: Dataset, datasetKey: string, backend: ComputeBackend): void {
    if (p.sweep === 'off') {
      if (this.signal) this.signal.cancelled = true;
      if (this.state) {
        this.state = null;
        this.emit(null);
      }
      return;
    }
    const kind = p.sweep;
    const specs = sweepSpecs(p);
    const { range, note } = sweepRangeFor(p);
    const common = [kind, range, p.iterations, p.tol, specs, modelConfig(p.model, p)];
    const where = kind === 'lr' ? [datasetKey, p.start, p.sweepRes] : [p.seed, p.samples, p.range, p.sweepStarts, backend.kind];
    const key = JSON.stringify([common, where]);
    if (this.state && this.state.key === key) return;
    if (this.signal) this.signal.cancelled = true;
    const signal = { cancelled: false };
    this.signal = signal;
    const state = kind === 'lr' ? this.lrState(key, p, specs, range) : this.seqLenState(key, p, specs, range);
    state.note = note;
    this.state = state;
    this.emit(state);
    const run = kind === 'lr' ? this.runLr(state, p, specs, dataset, signal) : this.runSeqLen(state, p, specs, backend, signal);
    const tracked = run
      .catch((e) => {
        if (signal.cancelled) return;
        state.key = ''; // failed: the next params (a new backend after a lost device) start it again
        state.note = t('the sweep could not be computed: {reason}', { reason: (e as Error).message });
        console.warn(`[rnnlab] ${state.note}`);
      })
      .finally(() => {
        if (this.task === tracked) this.task = null;
      });
    this.task = tracked;
  }

  /** Stops the running sweep where it is (its state stays, incomplete); the next start() begins it again. */
  cancel(): void {
    if (this.signal) this.signal.cancelled = true;
    if (this.state && !this.state.complete) this.state.key = '';
  }

  private lrState(key: string, p: Params, specs: SweepSpec[], range: [number, number]): SweepState {
    const x = sweepValues(range, p.sweepRes);
    const n = x.length;
    const runs = specs.map((s) => ({
      opt: s.opt, hyper: { ...s.hyper }, param: sweepParam(s.opt),
      finalCost: new Float64Array(n).fill(NaN), convergedAt: new Int32Array(n).fill(-1), divergedAt: new Int32Array(n).fill(-1), limit: null,
    }));
    return { key, kind: 'lr', sweep: { kind: 'lr', x, runs }, range, done: 0, total: n * specs.length, complete: false, note: null };
  }

  private seqLenState(key: string, p: Params, specs: SweepSpec[], range: [number, number]): SweepState {
    const x = sweepLengths(range);
    const runs = specs.map((s) => ({ opt: s.opt, hyper: { ...s.hyper }, converged: new Float64Array(x.length).fill(NaN), diverged: new Float64Array(x.length).fill(NaN) }));
    const total = specs.length * x.length * p.sweepStarts * p.sweepStarts * (p.iterations + 1);
    return { key, kind: 'seqLen', sweep: { kind: 'seqLen', x, runs }, range, done: 0, total, complete: false, note: null };
  }

  /** float64 on the page, in chunks of about LR_CHUNK_EVALS evaluations with a turn for the page between. */
  private async runLr(state: SweepState, p: Params, specs: SweepSpec[], d: Dataset, signal: { cancelled: boolean }): Promise<void> {
    const sweep = state.sweep as Extract<Sweep, { kind: 'lr' }>;
    const x = sweep.x;
    const chunk = Math.max(1, Math.floor(LR_CHUNK_EVALS / (p.iterations + 1)));
    for (let r = 0; r < specs.length; r++) {
      for (let a = 0; a < x.length; a += chunk) {
        const part = lrSweepRun(d, specs[r], p.start, p.iterations, p.tol, x.subarray(a, a + chunk), sweepModel(p, d));
        const out = sweep.runs[r];
        out.finalCost.set(part.finalCost, a);
        out.convergedAt.set(part.convergedAt, a);
        out.divergedAt.set(part.divergedAt, a);
        out.limit = part.limit;
        state.done += part.finalCost.length;
        if (state.done < state.total) {
          await nextTurn();
          if (signal.cancelled) return;
          this.emit(state);
        }
      }
    }
    state.complete = true;
    this.emit(state);
  }

  /** One atlas over the starts per run and length, on the backend (cancelled with the signal). */
  private async runSeqLen(state: SweepState, p: Params, specs: SweepSpec[], backend: ComputeBackend, signal: { cancelled: boolean }): Promise<void> {
    const sweep = state.sweep as Extract<Sweep, { kind: 'seqLen' }>;
    const setup = { seed: p.seed, samples: p.samples, range: p.range, starts: p.sweepStarts };
    const { xAxis, yAxis } = seqLenAxes(setup);
    const perAtlas = xAxis.length * yAxis.length * (p.iterations + 1);
    const pacer = new ProgressPacer(() => this.emit(state));
    let atlases = 0;
    for (let i = 0; i < sweep.x.length; i++) {
      const dataset = seqLenDataset(setup, sweep.x[i]);
      for (let r = 0; r < specs.length; r++) {
        if (signal.cancelled) return;
        // 'generic': one WebGPU kernel for all the lengths (building one per length took longer than running it)
        // the sigmoid unit: the sequence's length is its number of steps (SPEC section 12)
        const model = stepsModel(p, sweep.x[i]);
        const job = { dataset, model, mode: 'starts' as const, kernel: 'generic' as const, opt: specs[r].opt, hyper: specs[r].hyper, iterations: p.iterations, tol: p.tol, xAxis, yAxis, start: p.start };
        const base = atlases * perAtlas;
        const result = await backend.atlas(job, (done) => {
          state.done = base + done;
          pacer.tick();
        }, signal);
        if (result.cancelled || signal.cancelled) return;
        [sweep.runs[r].converged[i], sweep.runs[r].diverged[i]] = seqLenShares(result);
        atlases++;
        state.done = atlases * perAtlas;
        pacer.tick();
      }
    }
    state.complete = true;
    this.emit(state);
  }
}

/** The sweep's model where it is not the linear RNN on the data set: its evaluator and sharpness. */
function sweepModel(p: Params, d: Dataset): SweepModel | undefined {
  if (p.model === 'linear') return undefined;
  const m = modelOf(p.model);
  const cfg = modelConfig(p.model, p);
  return { evaluator: m.evaluator(cfg.params, d), sharpness: (a, b) => modelSharpness(m, cfg.params, d, a, b) };
}

/** The model of a sequence-length sweep at one length: undefined for the linear RNN (the length is the data's), else the model with `steps` = length. */
function stepsModel(p: Params, length: number): ModelConfig | undefined {
  if (p.model === 'linear') return undefined;
  return modelConfig(p.model, { ...p, steps: length });
}
