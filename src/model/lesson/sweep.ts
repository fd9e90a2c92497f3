/**
 * One-knob sweeps (SPEC section 11), float64: the learning-rate sweep (every value of a run's
 * step-size knob from the same start) and the sequence-length sweep (shares of the starts that
 * converge and diverge per length). Each run is exactly one atlas cell (atlas.ts's runAtlasCell).
 * Pure model code, no DOM.
 */
import type { Dataset } from '../dataset';
import { randomDataset } from '../dataset';
import { costModel, type CostGrad } from '../costModel';
import { atlasSummary, computeAtlasRows, createAtlasOutput, runAtlasCell, type AtlasOutput } from '../atlas';
import { HYPER_DEFAULTS, isRpropFamily, learningRates, type OptimiserName, type RunHyper } from '../optimiserSpec';
import { OptimiserState, type HyperIn } from '../optimisers';
import { sharpnessAt } from '../hessian';
import { linspace } from '../surface';
import type { CostEvaluator } from '../models/types';

/** The knob a learning-rate sweep turns: lr (sgd, momentum, clip, adam) or delta0 (the Rprop family). */
export type SweepParam = 'lr' | 'delta0';

/** One run's learning-rate sweep; index i is the value x[i] of its Sweep. */
export interface LrSweepRun {
  opt: OptimiserName;
  hyper: RunHyper;
  param: SweepParam;
  /** cost at the last iterate (SPEC section 8's atlas cell), float64; +Infinity where it overflows */
  finalCost: Float64Array;
  /** first k with cost < tol, else -1 */
  convergedAt: Int32Array;
  /** the run's `diverged` (SPEC section 7), else -1 */
  divergedAt: Int32Array;
  /** the largest stable learning rate at the start (SPEC section 11), or null */
  limit: number | null;
}

/** One run's sequence-length sweep; index i is the length x[i] of its Sweep. */
export interface SeqLenSweepRun {
  opt: OptimiserName;
  hyper: RunHyper;
  /** share of the starts that converge (not diverged, convergedAt >= 0), 0..1 */
  converged: Float64Array;
  /** share of the starts that diverge, 0..1 */
  diverged: Float64Array;
}

/** rnnlab.sweep()'s result: x holds the knob's values (not their log10) or the lengths; main run first. */
export type Sweep = { kind: 'lr'; x: Float64Array; runs: LrSweepRun[] } | { kind: 'seqLen'; x: Float64Array; runs: SeqLenSweepRun[] };

/** A run of a sweep: its optimiser and all its hyperparameters. */
export interface SweepSpec {
  opt: OptimiserName;
  hyper: RunHyper;
}

export function sweepParam(opt: OptimiserName): SweepParam {
  return isRpropFamily(opt) ? 'delta0' : 'lr';
}

/** `res` values log-spaced over 10^lo .. 10^hi, ends included (numpy.logspace). */
export function sweepValues(range: readonly [number, number], res: number): Float64Array {
  return linspace(range[0], range[1], res).map((e) => 10 ** e);
}

/** The whole lengths lo, lo + 1, ..., hi of a sequence-length sweep. */
export function sweepLengths(range: readonly [number, number]): Float64Array {
  const lo = Math.round(range[0]);
  const hi = Math.max(lo, Math.round(range[1]));
  return Float64Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** A model other than the linear RNN on d (src/model/models): its cost + gradient and its sharpness. */
export interface SweepModel {
  evaluator: CostEvaluator;
  sharpness(w0: number, w1: number): number;
}

/**
 * SPEC section 11's limit: the largest learning rate stable at the start, 2/lambda_max for sgd
 * and clip, 2(1 + momentum)/lambda_max for momentum; null for adam and the Rprop family, or where
 * lambda_max is not positive or not finite.
 */
export function sweepLimit(d: Dataset, spec: SweepSpec, start: readonly [number, number], model?: SweepModel): number | null {
  if (spec.opt === 'adam' || isRpropFamily(spec.opt)) return null;
  const s = model ? model.sharpness(start[0], start[1]) : sharpnessAt(d, start[0], start[1]);
  if (!(s > 0 && Number.isFinite(s))) return null;
  return spec.opt === 'momentum' ? (2 * (1 + spec.hyper.momentum)) / s : 2 / s;
}

/**
 * One run's learning-rate sweep over the values x: delta0 = x[i] (Rprop family), or the learning
 * rate x[i] of wx, that of wRec in the run's ratio lrWRec / lr (1 where lrWRec is null).
 */
export function lrSweepRun(
  d: Dataset,
  spec: SweepSpec,
  start: readonly [number, number],
  iterations: number,
  tol: number,
  x: Float64Array,
  sweepModel?: SweepModel,
): LrSweepRun {
  const out = createAtlasOutput(x.length, 1, 'float64') as AtlasOutput & { finalCost: Float64Array };
  const model = sweepModel?.evaluator ?? costModel(d);
  const hyper: HyperIn = { ...HYPER_DEFAULTS, ...spec.hyper };
  const rprop = isRpropFamily(spec.opt);
  const [lrWx, lrWRec] = learningRates(hyper);
  const ratio = lrWRec / lrWx;
  const state = new OptimiserState(spec.opt, hyper);
  const cg: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 };
  for (let i = 0; i < x.length; i++) {
    if (rprop) hyper.delta0 = x[i];
    else state.setLearningRates(x[i], ratio === 1 ? x[i] : x[i] * ratio);
    state.reset(start[0], start[1]);
    runAtlasCell(model, state, iterations, tol, cg, out, i);
  }
  return { opt: spec.opt, hyper: { ...spec.hyper }, param: sweepParam(spec.opt), ...out, limit: sweepLimit(d, spec, start, sweepModel) };
}

/** The learning-rate sweep of every run (main run first) over `res` values of 10^range. */
export function lrSweep(
  d: Dataset,
  specs: readonly SweepSpec[],
  start: readonly [number, number],
  iterations: number,
  tol: number,
  range: readonly [number, number],
  res: number,
): Extract<Sweep, { kind: 'lr' }> {
  const x = sweepValues(range, res);
  return { kind: 'lr', x, runs: specs.map((s) => lrSweepRun(d, s, start, iterations, tol, x)) };
}

/** Where a sequence-length sweep runs: the random preset's data per length, starts over a range. */
export interface SeqLenSweepSetup {
  seed: number;
  samples: number;
  /** wxMin, wxMax, wRecMin, wRecMax */
  range: readonly [number, number, number, number];
  /** starts per side */
  starts: number;
  iterations: number;
  tol: number;
}

/** The data set of length L of a sequence-length sweep: the random preset (seed, samples, L). */
export function seqLenDataset(setup: Pick<SeqLenSweepSetup, 'seed' | 'samples'>, length: number): Dataset {
  return randomDataset(setup.seed, setup.samples, length);
}

/** The start grid of a sequence-length sweep: starts x starts, linspace over the range, rows = wRec. */
export function seqLenAxes(setup: Pick<SeqLenSweepSetup, 'range' | 'starts'>): { xAxis: Float64Array; yAxis: Float64Array } {
  const r = setup.range;
  return { xAxis: linspace(r[0], r[1], setup.starts), yAxis: linspace(r[2], r[3], setup.starts) };
}

/** The shares [converged, diverged] of an atlas over the starts (SPEC section 8's classes). */
export function seqLenShares(out: Pick<AtlasOutput, 'convergedAt' | 'divergedAt'>): [number, number] {
  const s = atlasSummary(out as AtlasOutput);
  return [s.converged, s.diverged];
}

/** One run's sequence-length sweep on the CPU in float64 (the CPU backend's numbers). */
export function seqLenSweepRun(spec: SweepSpec, setup: SeqLenSweepSetup, lengths: Float64Array): SeqLenSweepRun {
  const { xAxis, yAxis } = seqLenAxes(setup);
  const out = createAtlasOutput(xAxis.length, yAxis.length, 'float64');
  const converged = new Float64Array(lengths.length);
  const diverged = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const d = seqLenDataset(setup, lengths[i]);
    const req = { mode: 'starts' as const, opt: spec.opt, hyper: spec.hyper, iterations: setup.iterations, tol: setup.tol, xAxis, yAxis, start: [0, 0] as const };
    computeAtlasRows(d, req, 0, yAxis.length, out);
    [converged[i], diverged[i]] = seqLenShares(out);
  }
  return { opt: spec.opt, hyper: { ...spec.hyper }, converged, diverged };
}
