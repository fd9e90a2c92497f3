/**
 * The sharpness over a grid (SPEC section 10) by the row method, float64: on a row (fixed wRec)
 * the Hessian is
 *   Hxx = 2 C,  Hxy = 2 (2 wx D - E),  Hyy = 2 wx (wx K - H)
 * with C = sum P_i^2 / N, D = sum P_i P_i' / N, E = sum t_i P_i' / N,
 * K = sum (P_i'^2 + P_i P_i'') / N, H = sum t_i P_i'' / N (P_i, P_i', P_i'' at wRec), so each point
 * costs O(1) after O(N n) per row. The same formulas as the WGSL (src/gpu/surface/). Pure model
 * code, no DOM.
 */
import type { Dataset } from '../dataset';
import { hessianAt, symmetricEigenvalues, type Hessian } from '../hessian';
import { linspace, type Range } from '../surface';
import type { Model, ModelParamValues } from '../models/types';

/** The row coefficients C, D, E, K, H at wRec. */
export function hessianRow(d: Dataset, wRec: number): { C: number; D: number; E: number; K: number; H: number } {
  const N = d.samples;
  const n = d.seqLen;
  let C = 0;
  let D = 0;
  let E = 0;
  let K = 0;
  let H = 0;
  for (let i = 0; i < N; i++) {
    let p = 0;
    let dp = 0;
    let ddp = 0;
    for (let k = 0; k < n; k++) {
      ddp = ddp * wRec + 2 * dp;
      dp = dp * wRec + p;
      p = p * wRec + d.x[i * n + k];
    }
    const t = d.targets[i];
    C += p * p;
    D += p * dp;
    E += t * dp;
    K += dp * dp + p * ddp;
    H += t * ddp;
  }
  const s = N > 0 ? 1 / N : 0;
  return { C: C * s, D: D * s, E: E * s, K: K * s, H: H * s };
}

/**
 * The sharpness at every point of the res x res grid over range (rows = wRec), computed in float64
 * and written into `out` (a Float32Array rounds it like the GPU's results).
 */
export function surfaceSharpness<T extends Float32Array | Float64Array = Float32Array>(d: Dataset, range: Range, res: number, out?: T): T {
  const wx = linspace(range.wxMin, range.wxMax, res);
  const wRec = linspace(range.wRecMin, range.wRecMax, res);
  out ??= new Float32Array(res * res) as T;
  for (let row = 0; row < res; row++) {
    const { C, D, E, K, H } = hessianRow(d, wRec[row]);
    for (let col = 0; col < res; col++) {
      const w = wx[col];
      out[row * res + col] = lambdaMax(2 * C, 2 * (2 * w * D - E), 2 * w * (w * K - H));
    }
  }
  return out;
}

/**
 * The sharpness over the res x res grid (rows = the second weight) of a model without a row
 * method (the sigmoid unit): its float64 Hessian at every point (Model.hessian), rounded to float32.
 */
export function modelSurfaceSharpness(model: Model, p: ModelParamValues, d: Dataset, range: Range, res: number): Float32Array {
  const w0 = linspace(range.wxMin, range.wxMax, res);
  const w1 = linspace(range.wRecMin, range.wRecMax, res);
  const out = new Float32Array(res * res);
  for (let row = 0; row < res; row++) {
    for (let col = 0; col < res; col++) {
      const h = model.hessian(p, d, w0[col], w1[row]);
      out[row * res + col] = lambdaMax(h.hxx, h.hxy, h.hyy);
    }
  }
  return out;
}

/**
 * The largest eigenvalue of [[a, b], [b, c]] as symmetricEigenvalues (hessian.ts) computes it, without
 * allocating: m + r for m >= 0, else det / (m - r); sqrt of the squares, Math.hypot only where they overflow.
 */
export function lambdaMax(a: number, b: number, c: number): number {
  const m = (a + c) / 2;
  const x = (a - c) / 2;
  let r = Math.sqrt(x * x + b * b);
  if (r === Infinity) r = Math.hypot(x, b);
  if (m >= 0) return m + r;
  const v = (a * c - b * b) / (m - r);
  return Number.isFinite(v) ? v : symmetricEigenvalues({ hxx: a, hxy: b, hyy: c })[0];
}

/** evaluate()'s Hessian and sharpness at a point: float64 (hessian.ts), rounded to float32 like the rest of a PointResult. */
export function pointHessian(d: Dataset, wx: number, wRec: number): { hessian: [number, number, number]; sharpness: number } {
  return hessianFields(hessianAt(d, wx, wRec));
}

/** A Hessian as evaluate() returns it: [Hxx, Hxy, Hyy] and its largest eigenvalue, rounded to float32 like the GPU's outputs. */
export function hessianFields(h: Hessian): { hessian: [number, number, number]; sharpness: number } {
  return { hessian: [Math.fround(h.hxx), Math.fround(h.hxy), Math.fround(h.hyy)], sharpness: Math.fround(symmetricEigenvalues(h)[0]) };
}
