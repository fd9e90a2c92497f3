/**
 * The linear RNN S_k = x_k*wx + S_{k-1}*wRec, in float64: forward pass, cost, backpropagation
 * through time, the numerical gradient check, and running trained weights.
 */
import type { Dataset } from './dataset';

export interface PointEvaluation {
  cost: number;
  wxGrad: number;
  wRecGrad: number;
  /** S_n of each sample */
  finalStates: Float64Array;
  /** dC/dS_k summed over samples, k = 0..n */
  gradOverTime: Float64Array;
}

/** States S_0..S_n of one sequence (S_0 = 0). */
export function forwardStates(x: ArrayLike<number>, wx: number, wRec: number, offset = 0, seqLen = x.length): Float64Array {
  const s = new Float64Array(seqLen + 1);
  for (let k = 1; k <= seqLen; k++) s[k] = x[offset + k - 1] * wx + s[k - 1] * wRec;
  return s;
}

/** Output of the network for every sample (S_n). */
export function outputs(d: Dataset, wx: number, wRec: number): Float64Array {
  const y = new Float64Array(d.samples);
  for (let i = 0; i < d.samples; i++) {
    let s = 0;
    for (let k = 0; k < d.seqLen; k++) s = d.x[i * d.seqLen + k] * wx + s * wRec;
    y[i] = s;
  }
  return y;
}

/** Mean squared error over the batch. */
export function cost(d: Dataset, wx: number, wRec: number): number {
  const y = outputs(d, wx, wRec);
  let c = 0;
  for (let i = 0; i < d.samples; i++) c += (d.targets[i] - y[i]) ** 2;
  return c / d.samples;
}

/** dC/dy_i = 2 (y_i - t_i) / N */
export function outputGradient(y: number, t: number, samples: number): number {
  return (2 * (y - t)) / samples;
}

/** Cost, both weight gradients and per-timestep gradients by backpropagation through time. */
export function evaluatePoint(d: Dataset, wx: number, wRec: number): PointEvaluation {
  const n = d.seqLen;
  const finalStates = new Float64Array(d.samples);
  const gradOverTime = new Float64Array(n + 1);
  let c = 0;
  let wxGrad = 0;
  let wRecGrad = 0;
  for (let i = 0; i < d.samples; i++) {
    const s = forwardStates(d.x, wx, wRec, i * n, n);
    const y = s[n];
    finalStates[i] = y;
    c += (d.targets[i] - y) ** 2;
    let g = outputGradient(y, d.targets[i], d.samples);
    gradOverTime[n] += g;
    for (let k = n; k >= 1; k--) {
      wxGrad += g * d.x[i * n + k - 1];
      wRecGrad += g * s[k - 1];
      g *= wRec;
      gradOverTime[k - 1] += g;
    }
  }
  return { cost: c / d.samples, wxGrad, wRecGrad, finalStates, gradOverTime };
}

export interface GradientCheck {
  at: [number, number];
  eps: number;
  numerical: [number, number];
  backprop: [number, number];
  /** numpy's isclose(numerical, backprop, rtol=1e-5, atol=1e-8) for both weights */
  pass: boolean;
}

export function isClose(a: number, b: number, rtol = 1e-5, atol = 1e-8): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/** Central differences against backprop, as in the tutorial (eps = 1e-7). */
export function gradientCheck(d: Dataset, wx: number, wRec: number, eps = 1e-7): GradientCheck {
  const numWx = (cost(d, wx + eps, wRec) - cost(d, wx - eps, wRec)) / (2 * eps);
  const numWRec = (cost(d, wx, wRec + eps) - cost(d, wx, wRec - eps)) / (2 * eps);
  const bp = evaluatePoint(d, wx, wRec);
  return {
    at: [wx, wRec],
    eps,
    numerical: [numWx, numWRec],
    backprop: [bp.wxGrad, bp.wRecGrad],
    pass: isClose(numWx, bp.wxGrad) && isClose(numWRec, bp.wRecGrad),
  };
}

/** Runs trained weights on one input sequence of any length: the output S_n. */
export function runModel(input: readonly number[], wx: number, wRec: number): number {
  let s = 0;
  for (const v of input) s = v * wx + s * wRec;
  return s;
}

/** The tutorial's six marked points (wx, wRec), SPEC section 4, in its order. */
export const MARKED_POINTS: readonly (readonly [number, number])[] = [
  [2, 1],
  [1, 2],
  [1, -2],
  [1, 0],
  [1, 0.5],
  [1, -0.5],
];
