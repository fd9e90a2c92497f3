/**
 * The trainability atlas of SPEC section 8 in float64: one run of an optimiser (section 7) from
 * every cell of a grid; per cell the cost at the last iterate, the first iteration whose cost is
 * below tol, and where the run diverged. Pure model code, no DOM; meant for a Web Worker that
 * computes bands of rows (computeAtlasRows) and posts them back.
 *
 * Modes: 'starts' - cell (row, col) starts at (xAxis[col], yAxis[row]) (rows = wRec);
 * 'lr' - every cell starts at req.start and the axes are hyperparameters: for sgd, momentum,
 * clip and adam log10 of the learning rate of wx (x) and of wRec (y); for the Rprop family
 * etaPlus (x) and etaMinus (y), linear.
 */
import { HYPER_DEFAULTS, isRpropFamily, type OptimiserName } from './optimiserSpec';
import { evaluatorOf, type CostGrad } from './costModel';
import type { CostEvaluator } from './models/types';
import { OptimiserState, DIVERGENCE_LIMIT, type HyperIn, type OptimiserRun } from './optimisers';
import { stableLearningRate } from './hessian';
import type { Dataset } from './dataset';

/** The atlas's mode: over start points, or over two hyperparameters (the parameter atlas adds 'off'). */
export type AtlasMode = 'starts' | 'lr';

/** SPEC section 8's default convergence threshold on the cost. */
export const ATLAS_TOL = 1e-3;

export interface AtlasRequest {
  mode: AtlasMode;
  opt: OptimiserName;
  /** the run's hyperparameters; in 'lr' mode the axes replace lr (per weight) or etaPlus/etaMinus */
  hyper: HyperIn;
  iterations: number;
  tol: number;
  /** columns: wx ('starts'), log10 lr of wx or etaPlus ('lr') */
  xAxis: Float64Array;
  /** rows: wRec ('starts'), log10 lr of wRec or etaMinus ('lr') */
  yAxis: Float64Array;
  /** the start of every cell in 'lr' mode (unused in 'starts' mode) */
  start: readonly [number, number];
}

/**
 * Row-major (rows = yAxis, columns = xAxis), yAxis.length * xAxis.length cells each.
 *
 * The last iterate of a cell is the last w_k whose cost and gradient the run evaluated: when a
 * step leaves |w| <= 1e6 (SPEC section 7: diverged = k + 1) the point outside, which
 * runOptimiser still records with its cost, is not an iterate of the atlas (as in the
 * atlas-tutorial.json fixture); see atlasCellOfRun.
 */
export interface AtlasOutput {
  /** cost at the last iterate; +Infinity where it overflows (a Float32Array also past 3.4e38), never NaN */
  finalCost: Float32Array | Float64Array;
  /** first k with cost(w_k) < tol, else -1 */
  convergedAt: Int32Array;
  /** the run's `diverged` (SPEC section 7), else -1 */
  divergedAt: Int32Array;
}

export function createAtlasOutput(cols: number, rows: number = cols, finalCost: 'float32' | 'float64' = 'float32'): AtlasOutput {
  const n = cols * rows;
  return {
    finalCost: finalCost === 'float64' ? new Float64Array(n) : new Float32Array(n),
    convergedAt: new Int32Array(n).fill(-1),
    divergedAt: new Int32Array(n).fill(-1),
  };
}

/** The learning-rate window when the sharpness at the start gives none (not finite, not positive). */
export const ATLAS_LR_FALLBACK: readonly [number, number, number, number] = [-5, -1, -5, -1];

/**
 * The default window of a learning-rate atlas: centred on the stable learning rate at the start,
 * log10(2 / sharpness) (SPEC section 10), two decades each way on both axes, so that the boundary
 * between stable and diverging rates is in view. The centre is rounded to 0.1 decade (a short
 * URL); within [-12, 3] (ATLAS_LR_LIMIT of state/schema.ts). ATLAS_LR_FALLBACK where the sharpness is
 * not positive or not finite.
 */
export function defaultAtlasLrRange(
  d: Dataset,
  start: readonly [number, number],
  sharpness?: (w0: number, w1: number) => number,
): [number, number, number, number] {
  // `sharpness`: another model's (src/model/models); absent: the linear RNN's on d
  const s = sharpness ? sharpness(start[0], start[1]) : NaN;
  const lr = !sharpness ? stableLearningRate(d, start[0], start[1]) : !Number.isFinite(s) ? NaN : s > 0 ? 2 / s : Infinity;
  if (!(lr > 0 && Number.isFinite(lr))) return [...ATLAS_LR_FALLBACK];
  const centre = Math.min(1, Math.max(-10, Math.round(Math.log10(lr) * 10) / 10));
  const lo = Math.round((centre - 2) * 10) / 10;
  const hi = Math.round((centre + 2) * 10) / 10;
  return [lo, hi, lo, hi];
}

export interface AtlasCell {
  start: [number, number];
  hyper: HyperIn;
  /** per-weight learning rates [wx, wRec] ('lr' mode, sgd/momentum/clip/adam), else undefined */
  lr?: [number, number];
}

/** The run of one cell: its start and hyperparameters (runOptimiser(d, opt, hyper, start, it, { lr })). */
export function atlasCell(req: AtlasRequest, row: number, col: number): AtlasCell {
  const x = req.xAxis[col];
  const y = req.yAxis[row];
  if (req.mode === 'starts') return { start: [x, y], hyper: req.hyper };
  const start: [number, number] = [req.start[0], req.start[1]];
  if (isRpropFamily(req.opt)) return { start, hyper: { ...req.hyper, etaPlus: x, etaMinus: y } };
  return { start, hyper: req.hyper, lr: [10 ** x, 10 ** y] };
}

/**
 * Runs the cells of rows [rowStart, rowEnd) and writes them into `out` (full-grid, row-major).
 * Allocation-free per iteration and per cell; per cell exactly SPEC section 7's run.
 * `d`: the linear RNN's data set, or any model's evaluator (src/model/models).
 */
export function computeAtlasRows(d: Dataset | CostEvaluator, req: AtlasRequest, rowStart: number, rowEnd: number, out: AtlasOutput): void {
  const { mode, opt, iterations, tol, xAxis, yAxis } = req;
  const cols = xAxis.length;
  const model = evaluatorOf(d);
  const lrMode = mode === 'lr';
  const etaMode = lrMode && isRpropFamily(opt);
  // One private copy of the hyperparameters: the eta axes write into it cell by cell.
  const hyper: HyperIn = { ...HYPER_DEFAULTS, ...req.hyper };
  const state = new OptimiserState(opt, hyper);
  const cg: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 };
  let lrWRec = 0;
  for (let row = Math.max(0, rowStart); row < Math.min(rowEnd, yAxis.length); row++) {
    const y = yAxis[row];
    if (lrMode && !etaMode) lrWRec = 10 ** y;
    for (let col = 0; col < cols; col++) {
      const x = xAxis[col];
      if (!lrMode) state.reset(x, y);
      else {
        if (etaMode) {
          hyper.etaPlus = x;
          hyper.etaMinus = y;
        } else state.setLearningRates(10 ** x, lrWRec);
        state.reset(req.start[0], req.start[1]);
      }
      runAtlasCell(model, state, iterations, tol, cg, out, row * cols + col);
    }
  }
}

/**
 * One cell: the run of `state` from where it was reset (SPEC section 7's stopping rule), its
 * numbers written into cell i of `out` (SPEC section 8). Allocation-free. `k0`: the iteration the
 * state is at (a resumed run that has not converged before it); 0 from a reset.
 */
export function runAtlasCell(model: CostEvaluator, state: OptimiserState, iterations: number, tol: number, cg: CostGrad, out: AtlasOutput, i: number, k0 = 0): void {
  const w = state.w;
  let conv = -1;
  let div = -1;
  let cost = 0;
  for (let k = k0; ; k++) {
    model.evaluate(w[0], w[1], cg);
    cost = cg.cost;
    if (conv < 0 && cost < tol) conv = k;
    if (!(Number.isFinite(cost) && Number.isFinite(cg.wxGrad) && Number.isFinite(cg.wRecGrad))) {
      div = k;
      break;
    }
    if (k >= iterations) break;
    state.step(cost, cg.wxGrad, cg.wRecGrad);
    if (!(Math.abs(w[0]) <= DIVERGENCE_LIMIT && Math.abs(w[1]) <= DIVERGENCE_LIMIT)) {
      // Stepped past |w| = 1e6: diverged = k + 1; finalCost stays the cost at w_k.
      div = k + 1;
      break;
    }
  }
  out.finalCost[i] = cost;
  out.convergedAt[i] = conv;
  out.divergedAt[i] = div;
}

/** A cell's numbers from the equivalent runOptimiser run (see AtlasOutput for the last iterate). */
export function atlasCellOfRun(
  run: Pick<OptimiserRun, 'weights' | 'costs' | 'diverged'>,
  tol: number,
): { finalCost: number; convergedAt: number; divergedAt: number } {
  const [wx, wRec] = run.weights[run.weights.length - 1];
  // Diverged at k > 0 with the last point outside the limit: the step out (a non-finite cost or
  // gradient ends at a point inside, or at the start).
  const escaped = run.diverged !== null && run.diverged > 0 && !(Math.abs(wx) <= DIVERGENCE_LIMIT && Math.abs(wRec) <= DIVERGENCE_LIMIT);
  const n = escaped ? run.costs.length - 1 : run.costs.length;
  let convergedAt = -1;
  for (let k = 0; k < n; k++)
    if (run.costs[k] < tol) {
      convergedAt = k;
      break;
    }
  return { finalCost: run.costs[n - 1], convergedAt, divergedAt: run.diverged ?? -1 };
}

export type AtlasClass = 'converged' | 'diverged' | 'notConverged';

/** SPEC section 8: diverged if divergedAt >= 0, else converged if convergedAt >= 0, else not converged. */
export function cellClass(convergedAt: number, divergedAt: number): AtlasClass {
  if (divergedAt >= 0) return 'diverged';
  return convergedAt >= 0 ? 'converged' : 'notConverged';
}

/** The class of cell i of an atlas (cellClass). */
export function atlasClass(out: AtlasOutput, i: number): AtlasClass {
  return cellClass(out.convergedAt[i], out.divergedAt[i]);
}

export interface AtlasSummary {
  cells: number;
  /** shares of the cells, 0..1, summing to 1 */
  converged: number;
  diverged: number;
  notConverged: number;
}

/** Shares of the three classes over all cells of `out`. */
export function atlasSummary(out: AtlasOutput): AtlasSummary {
  const cells = out.divergedAt.length;
  let converged = 0;
  let diverged = 0;
  for (let i = 0; i < cells; i++) {
    if (out.divergedAt[i] >= 0) diverged++;
    else if (out.convergedAt[i] >= 0) converged++;
  }
  if (cells === 0) return { cells, converged: 0, diverged: 0, notConverged: 0 };
  return { cells, converged: converged / cells, diverged: diverged / cells, notConverged: (cells - converged - diverged) / cells };
}

/** float32's spacing (one ulp) near |x|: 2^(exponent - 23); the smallest normal's below that. */
export function float32Ulp(x: number): number {
  const a = Math.abs(x);
  if (!(a >= 2 ** -126)) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** How far an axis's cells are below what float32 resolves (log: factors on 10^x; else absolute steps near `value`). */
export interface Float32Shortfall {
  label: string;
  log: boolean;
  /** the step between cells: a relative factor - 1 on a log axis, else absolute */
  step: number;
  /** what float32 resolves there: two ulps (relative on a log axis) */
  resolution: number;
  /** the largest |value| on a linear axis */
  value: number;
}

/**
 * Whether neighbouring cells of an axis still differ once the kernel holds them in float32 (the
 * WebGPU atlas and surface do): the step between cells must be at least two float32 ulps of the
 * values (of the learning rates themselves on a log10 axis). Null when they do, else how far the
 * zoom went past it (the present layer says it in words).
 */
export function float32Shortfall(label: string, axis: ArrayLike<number>, log: boolean): Float32Shortfall | null {
  if (axis.length < 2) return null;
  const lo = axis[0];
  const hi = axis[axis.length - 1];
  const step = Math.abs(hi - lo) / (axis.length - 1);
  const value = Math.max(Math.abs(lo), Math.abs(hi));
  // on a log10 axis the kernel gets 10^x: neighbours differ by the factor 10^step
  const relStep = log ? Math.expm1(step * Math.LN10) : step / value;
  const relUlp = log ? 2 ** -23 : float32Ulp(value) / value;
  if (relStep >= 2 * relUlp || !Number.isFinite(relStep)) return null;
  return log ? { label, log, step: relStep, resolution: 2 * relUlp, value } : { label, log, step, resolution: 2 * float32Ulp(value), value };
}
