/**
 * The optimisers of SPEC section 7 in float64: one optimiser state that steps any of them without
 * allocating, and whole runs with SPEC's stopping rule, on the cost and gradient of costModel.ts.
 * Pure model code, no DOM; also used by the trainability atlas (atlas.ts) in a Web Worker.
 */
import type { Dataset } from './dataset';
import { evaluatorOf, type CostGrad } from './costModel';
import type { CostEvaluator } from './models/types';
import { HYPER_DEFAULTS, isRpropFamily, learningRates, type Hyper, type OptimiserName } from './optimiserSpec';

/** SPEC section 7's hyperparameters, and the learning rate of wRec where given (RunHyper's lrWRec). */
export type HyperIn = Hyper & { lrWRec?: number | null };

/** SPEC section 7: a step to |wx| or |wRec| beyond this ends the run as diverged. */
export const DIVERGENCE_LIMIT = 1e6;

const RPROP = 0;
const RPROP_MINUS = 1;
const IRPROP_MINUS = 2;
const RPROP_PLUS = 3;
const IRPROP_PLUS = 4;
const SGD = 5;
const MOMENTUM = 6;
const CLIP = 7;
const ADAM = 8;
const CODES: Readonly<Record<OptimiserName, number>> = {
  rprop: RPROP,
  'rprop-': RPROP_MINUS,
  'irprop-': IRPROP_MINUS,
  'rprop+': RPROP_PLUS,
  'irprop+': IRPROP_PLUS,
  sgd: SGD,
  momentum: MOMENTUM,
  clip: CLIP,
  adam: ADAM,
};

/**
 * The state of one optimiser on the two weights; `step` moves w from w_k to w_{k+1} given the
 * cost and gradient at w_k (SPEC section 7). `reset` starts a run. No allocation per step or per
 * run (only Adam's table of bias corrections grows, once, to the longest run): the atlas reuses
 * one state for all its cells. The hyperparameters object is kept by reference and read at every
 * step, so a caller may change its fields between runs (the atlas's eta axes do).
 */
/** The optimisers whose whole state is the weights, Delta and the previous signs (OptimiserState.resume). */
export const RESUMABLE: readonly OptimiserName[] = ['rprop', 'rprop-', 'irprop-'];

export class OptimiserState {
  /** current weights (wx, wRec) */
  readonly w = new Float64Array(2);
  /** Rprop family: the step sizes Delta; others: |w_{k+1} - w_k| of the last step (0 at start) */
  readonly steps = new Float64Array(2);
  /** iterations done */
  k = 0;
  private code = RPROP;
  private rpropFamily = true;
  private hyper: Hyper = HYPER_DEFAULTS;
  private readonly lr = new Float64Array(2);
  private readonly delta = new Float64Array(2);
  /** previous gradient (tutorial rprop: previous sign) */
  private readonly gp = new Float64Array(2);
  /** previous step (rprop+, irprop+) */
  private readonly dwp = new Float64Array(2);
  /** momentum buffer, or Adam's first moment */
  private readonly m = new Float64Array(2);
  /** Adam's second moment */
  private readonly v = new Float64Array(2);
  private prevCost = Infinity;
  /** Adam: 1 - beta1^t and 1 - beta2^t at index t - 1, valid for the first biasLength t */
  private bias1 = new Float64Array(0);
  private bias2 = new Float64Array(0);
  private biasLength = 0;
  private biasBeta1 = NaN;
  private biasBeta2 = NaN;

  constructor(opt: OptimiserName, hyper: HyperIn, lr?: readonly [number, number]) {
    this.configure(opt, hyper, lr);
  }

  /** Sets the optimiser and its hyperparameters; `lr` overrides hyper's lr and lrWRec per weight. Call reset next. */
  configure(opt: OptimiserName, hyper: HyperIn, lr?: readonly [number, number]): void {
    this.code = CODES[opt];
    this.rpropFamily = isRpropFamily(opt);
    this.hyper = hyper;
    const [lrWx, lrWRec] = lr ?? learningRates(hyper);
    this.lr[0] = lrWx;
    this.lr[1] = lrWRec;
  }

  /** Per-weight learning rates without touching the rest of the configuration. */
  setLearningRates(lrWx: number, lrWRec: number): void {
    this.lr[0] = lrWx;
    this.lr[1] = lrWRec;
  }

  /** Starts a run at (wx, wRec): all state 0, Delta = delta0, E_{-1} = +Infinity. */
  reset(wx: number, wRec: number): void {
    this.w[0] = wx;
    this.w[1] = wRec;
    this.k = 0;
    this.prevCost = Infinity;
    const d0 = this.hyper.delta0;
    for (let j = 0; j < 2; j++) {
      this.delta[j] = d0;
      this.gp[j] = 0;
      this.dwp[j] = 0;
      this.m[j] = 0;
      this.v[j] = 0;
      this.steps[j] = this.rpropFamily ? d0 : 0;
    }
  }

  /**
   * Goes on from another run's state at iteration k (the WebGPU atlas's cells that float32 could
   * not resolve): the weights, the step sizes and the previous gradients' signs. Only for the
   * optimisers whose state that is (RESUMABLE); call configure first.
   */
  resume(k: number, wx: number, wRec: number, delta: readonly [number, number], prevSign: readonly [number, number]): void {
    this.reset(wx, wRec);
    this.k = k;
    for (let j = 0; j < 2; j++) {
      this.delta[j] = delta[j];
      this.steps[j] = delta[j];
      this.gp[j] = prevSign[j];
    }
  }

  private fillBias(needed: number): void {
    const h = this.hyper;
    let n = this.bias1.length;
    if (needed > n) {
      n = Math.max(needed, 2 * n, 512);
      this.bias1 = new Float64Array(n);
      this.bias2 = new Float64Array(n);
    }
    for (let i = 0; i < n; i++) {
      this.bias1[i] = 1 - Math.pow(h.beta1, i + 1);
      this.bias2[i] = 1 - Math.pow(h.beta2, i + 1);
    }
    this.biasLength = n;
    this.biasBeta1 = h.beta1;
    this.biasBeta2 = h.beta2;
  }

  /** One iteration: w_k -> w_{k+1}, given the (finite) cost and gradient at w_k. */
  step(cost: number, g0: number, g1: number): void {
    if (this.rpropFamily) this.signStep(cost, g0, g1);
    else this.gradientStep(g0, g1);
    this.prevCost = cost;
    this.k++;
  }

  /** The Rprop family: each weight by its own step size against the gradient's sign. */
  private signStep(cost: number, g0: number, g1: number): void {
    const h = this.hyper;
    const { w, delta, gp, dwp, steps } = this;
    const code = this.code;
    // Whether rprop+'s undo applies on a sign change: always for rprop+, for irprop+ only
    // when the cost went up (E_k > E_{k-1}).
    const undo = code === RPROP_PLUS || (code === IRPROP_PLUS && cost > this.prevCost);
    for (let j = 0; j < 2; j++) {
      let g = j === 0 ? g0 : g1;
      if (code === RPROP) {
        // The tutorial's: sign equality (the first iteration always shrinks), no bounds.
        const s = Math.sign(g);
        delta[j] *= s === gp[j] ? h.etaPlus : h.etaMinus;
        gp[j] = s;
        w[j] -= s * delta[j];
      } else {
        const p = g * gp[j];
        if (code === RPROP_MINUS || code === IRPROP_MINUS) {
          if (p > 0) delta[j] = Math.min(delta[j] * h.etaPlus, h.deltaMax);
          else if (p < 0) {
            delta[j] = Math.max(delta[j] * h.etaMinus, h.deltaMin);
            if (code === IRPROP_MINUS) g = 0;
          }
          w[j] -= Math.sign(g) * delta[j];
          gp[j] = g;
        } else {
          let dw = 0;
          if (p < 0) {
            delta[j] = Math.max(delta[j] * h.etaMinus, h.deltaMin);
            if (undo) w[j] -= dwp[j];
            gp[j] = 0;
          } else {
            if (p > 0) delta[j] = Math.min(delta[j] * h.etaPlus, h.deltaMax);
            dw = -Math.sign(g) * delta[j];
            w[j] += dw;
            gp[j] = g;
          }
          dwp[j] = dw;
        }
      }
      steps[j] = delta[j];
    }
  }

  /** sgd, momentum, clip and adam: steps scaled by the learning rates. */
  private gradientStep(g0: number, g1: number): void {
    const h = this.hyper;
    const { w, steps } = this;
    const code = this.code;
    let norm = 0;
    let clipped = false;
    if (code === CLIP) {
      norm = Math.sqrt(g0 * g0 + g1 * g1);
      if (norm === Infinity) norm = Math.hypot(g0, g1); // finite g whose squares overflow
      clipped = norm >= h.clip; // then g = g * clip / norm (Pascanu et al. 2013)
    }
    let bc1 = 1;
    let bc2 = 1;
    if (code === ADAM) {
      // Bias corrections 1 - beta^t, t = k + 1, from a table (Math.pow once per t and betas).
      const k = this.k;
      if (k >= this.biasLength || h.beta1 !== this.biasBeta1 || h.beta2 !== this.biasBeta2) this.fillBias(k + 1);
      bc1 = this.bias1[k];
      bc2 = this.bias2[k];
    }
    for (let j = 0; j < 2; j++) {
      let g = j === 0 ? g0 : g1;
      const lr = this.lr[j];
      const before = w[j];
      if (code === SGD) w[j] -= lr * g;
      else if (code === MOMENTUM) {
        this.m[j] = this.k === 0 ? g : h.momentum * this.m[j] + g;
        w[j] -= lr * this.m[j];
      } else if (code === CLIP) {
        if (clipped) g = (g * h.clip) / norm;
        w[j] -= lr * g;
      } else {
        this.m[j] = h.beta1 * this.m[j] + (1 - h.beta1) * g;
        this.v[j] = h.beta2 * this.v[j] + (1 - h.beta2) * g * g;
        w[j] -= (lr * (this.m[j] / bc1)) / (Math.sqrt(this.v[j] / bc2) + h.eps);
      }
      steps[j] = Math.abs(w[j] - before);
    }
  }
}

export interface OptimiserRun {
  opt: OptimiserName;
  hyper: HyperIn;
  /** w_0 (the start), w_1, ...: iterations + 1 of them unless diverged */
  weights: [number, number][];
  /** cost at each of weights (+Infinity where it overflows) */
  costs: number[];
  /** k where the run diverged (SPEC section 7), else null */
  diverged: number | null;
  /** per weight: Rprop family, Delta after k iterations (steps[0] = delta0); others |w_k - w_{k-1}| (steps[0] = 0) */
  steps: [number, number][];
}

export interface RunOptions {
  /** learning rate per weight [wx, wRec] (sgd, momentum, clip, adam), replacing hyper.lr and hyper.lrWRec */
  lr?: readonly [number, number];
  /** factors on the learning rate per weight [wx, wRec] (after `lr`, if given) */
  lrScale?: readonly [number, number];
}

/** The effective per-weight learning rates of a run. */
export function runLearningRates(hyper: HyperIn, opts?: RunOptions): [number, number] {
  const lr: [number, number] = opts?.lr ? [opts.lr[0], opts.lr[1]] : learningRates(hyper);
  if (opts?.lrScale) {
    lr[0] *= opts.lrScale[0];
    lr[1] *= opts.lrScale[1];
  }
  return lr;
}

/**
 * One run of an optimiser from `start` (SPEC section 7, with its stopping rule): for k = 0, 1, ...
 * the cost and gradient at w_k; not finite: ends at w_k, diverged = k; k = iterations: ends;
 * else steps to w_{k+1}, and |wx| or |wRec| > 1e6 there ends the run with diverged = k + 1.
 * `d`: the linear RNN's data set, or any model's evaluator (src/model/models).
 */
export function runOptimiser(
  d: Dataset | CostEvaluator,
  opt: OptimiserName,
  hyper: HyperIn,
  start: readonly [number, number],
  iterations: number,
  opts?: RunOptions,
): OptimiserRun {
  const model = evaluatorOf(d);
  const state = new OptimiserState(opt, hyper, runLearningRates(hyper, opts));
  state.reset(start[0], start[1]);
  const { w, steps: st } = state;
  const weights: [number, number][] = [];
  const costs: number[] = [];
  const steps: [number, number][] = [];
  const cg: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 };
  let diverged: number | null = null;
  for (let k = 0; ; k++) {
    model.evaluate(w[0], w[1], cg);
    weights.push([w[0], w[1]]);
    costs.push(cg.cost);
    steps.push([st[0], st[1]]);
    if (!(Number.isFinite(cg.cost) && Number.isFinite(cg.wxGrad) && Number.isFinite(cg.wRecGrad))) {
      diverged = k;
      break;
    }
    if (k >= iterations) break;
    state.step(cg.cost, cg.wxGrad, cg.wRecGrad);
    if (!(Math.abs(w[0]) <= DIVERGENCE_LIMIT && Math.abs(w[1]) <= DIVERGENCE_LIMIT)) {
      weights.push([w[0], w[1]]);
      costs.push(model.evaluate(w[0], w[1], cg).cost);
      steps.push([st[0], st[1]]);
      diverged = k + 1;
      break;
    }
  }
  return { opt, hyper, weights, costs, diverged, steps };
}

/** Hyperparameters from a partial set: the defaults, then the given values. */
export function withDefaults(partial: Partial<Hyper> = {}): Hyper {
  return { ...HYPER_DEFAULTS, ...partial };
}
