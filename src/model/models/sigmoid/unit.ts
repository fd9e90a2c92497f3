/**
 * One sigmoid unit with no input (SPEC section 12; Pascanu, Mikolov and Bengio 2013, figure 6),
 * float64: x_0 = x0, x_t = w s(x_{t-1}) + b for t = 1..steps, E = (s(x_steps) - target)^2.
 * Gradients by backpropagation through time, the Hessian by forward-mode derivatives of x_t.
 * Pure model code, no DOM.
 */
import type { CostGrad } from '../../costModel';
import type { Hessian } from '../../hessian';
import { emptyGrid, type Range, type SurfaceGrid } from '../../surface';
import type { CostEvaluator, ModelPoint } from '../types';

export interface SigmoidUnitParams {
  x0: number;
  target: number;
  steps: number;
}

/** s(x) = 1 / (1 + e^-x), written as SPEC section 12 writes it. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Cost and gradient by BPTT, allocation-free: one buffer of the states' sigmoids s(x_0..x_steps)
 * per evaluator.
 */
export class SigmoidUnit implements CostEvaluator {
  readonly x0: number;
  readonly target: number;
  readonly steps: number;
  private readonly s: Float64Array;

  constructor(p: SigmoidUnitParams) {
    this.x0 = p.x0;
    this.target = p.target;
    this.steps = Math.max(1, Math.round(p.steps));
    this.s = new Float64Array(this.steps + 1);
  }

  /**
   * s(x_t) for t = 0..steps into the buffer; returns it. Once x_t = x_{t-1} exactly, every later
   * state is the same number (the map is deterministic): the rest of the buffer is filled with
   * s(x_{t-1}) without evaluating the sigmoid again (the same numbers, fewer Math.exp).
   */
  private forward(w: number, b: number): Float64Array {
    const s = this.s;
    const n = this.steps;
    let x = this.x0;
    s[0] = sigmoid(x);
    for (let t = 1; t <= n; t++) {
      const next = w * s[t - 1] + b;
      if (next === x) {
        s.fill(s[t - 1], t, n + 1);
        break;
      }
      x = next;
      s[t] = sigmoid(x);
    }
    return s;
  }

  evaluate(w: number, b: number, out: CostGrad): CostGrad {
    return this.backprop(w, b, out, null);
  }

  /** Cost, gradient and g_k = dE/dx_k for k = 0..steps. */
  point(w: number, b: number): ModelPoint {
    const gradOverTime = new Float64Array(this.steps + 1);
    const cg = this.backprop(w, b, { cost: 0, wxGrad: 0, wRecGrad: 0 }, gradOverTime);
    return { cost: cg.cost, wxGrad: cg.wxGrad, wRecGrad: cg.wRecGrad, gradOverTime };
  }

  /** BPTT (SPEC section 12): E and both gradients into out; g_k = dE/dx_k into gradOverTime when given. */
  private backprop(w: number, b: number, out: CostGrad, gradOverTime: Float64Array | null): CostGrad {
    const s = this.forward(w, b);
    const n = this.steps;
    const e = s[n] - this.target;
    let g = 2 * e * s[n] * (1 - s[n]);
    if (gradOverTime) gradOverTime[n] = g;
    let gw = 0;
    let gb = 0;
    for (let t = n; t >= 1; t--) {
      const sp = s[t - 1];
      gw += g * sp;
      gb += g;
      g = g * w * sp * (1 - sp);
      if (gradOverTime) gradOverTime[t - 1] = g;
    }
    out.cost = e * e;
    out.wxGrad = gw;
    out.wRecGrad = gb;
    return out;
  }


  /**
   * The Hessian of E in (w, b): x_t and its first and second derivatives carried forward
   * (a = dx/dw, c = dx/db, aa, ac, cc the second ones), then E = f(x_steps) with
   * f' = 2 (s - target) s', f'' = 2 s'^2 + 2 (s - target) s''.
   */
  hessian(w: number, b: number): Hessian {
    let x = this.x0;
    let a = 0;
    let c = 0;
    let aa = 0;
    let ac = 0;
    let cc = 0;
    for (let t = 1; t <= this.steps; t++) {
      const s = sigmoid(x);
      const s1 = s * (1 - s);
      const s2 = s1 * (1 - 2 * s);
      const naa = 2 * s1 * a + w * (s2 * a * a + s1 * aa);
      const nac = s1 * c + w * (s2 * a * c + s1 * ac);
      const ncc = w * (s2 * c * c + s1 * cc);
      const na = s + w * s1 * a;
      const nc = 1 + w * s1 * c;
      x = w * s + b;
      a = na;
      c = nc;
      aa = naa;
      ac = nac;
      cc = ncc;
    }
    const s = sigmoid(x);
    const s1 = s * (1 - s);
    const s2 = s1 * (1 - 2 * s);
    const f1 = 2 * (s - this.target) * s1;
    const f2 = 2 * s1 * s1 + 2 * (s - this.target) * s2;
    return { hxx: f2 * a * a + f1 * aa, hxy: f2 * a * c + f1 * ac, hyy: f2 * c * c + f1 * cc };
  }

  /** The surface over range by BPTT at every point (float64, stored as float32). */
  surface(range: Range, res: number): SurfaceGrid {
    const grid = emptyGrid(range, res);
    const out: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 };
    for (let row = 0; row < res; row++) {
      for (let col = 0; col < res; col++) {
        this.evaluate(grid.wx[col], grid.wRec[row], out);
        const i = row * res + col;
        grid.cost[i] = out.cost;
        grid.wxGrad[i] = out.wxGrad;
        grid.wRecGrad[i] = out.wRecGrad;
      }
    }
    return grid;
  }
}

/** logit(target): the fixed point x* with s(x*) = target. */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * The valley of zeros b = logit(target) - target w (the fixed point x* = logit(target) reached
 * from any x0 while it is stable) and where it ends: w s'(x*) = 1, w = 1 / (target (1 - target)).
 */
export function valley(target: number): { slope: number; intercept: number; end: [number, number] } {
  const xs = logit(target);
  const wEnd = 1 / (target * (1 - target));
  return { slope: -target, intercept: xs, end: [wEnd, xs - target * wEnd] };
}
