/**
 * The Hessian of the cost and its sharpness (SPEC section 10), float64, closed form. Pure model
 * code, no DOM.
 *
 * With y_i = S_n = wx P_i(wRec), P_i(r) = sum_k x_ik r^(n-k), r_i = y_i - t_i and primes for
 * d/dwRec:
 *   Hxx = (2/N) sum_i P_i^2
 *   Hxy = (2/N) sum_i (wx P_i P_i' + r_i P_i')
 *   Hyy = (2/N) sum_i ((wx P_i')^2 + r_i wx P_i'')
 * P, P' and P'' come from one Horner pass over each sequence (S_k = x_k + r S_{k-1}).
 */
import type { Dataset } from './dataset';

export interface Hessian {
  hxx: number;
  hxy: number;
  hyy: number;
}

/** The 2 x 2 Hessian of the cost at (wx, wRec). */
export function hessianAt(d: Dataset, wx: number, wRec: number): Hessian {
  const N = d.samples;
  const n = d.seqLen;
  let hxx = 0;
  let hxy = 0;
  let hyy = 0;
  for (let i = 0; i < N; i++) {
    let p = 0;
    let dp = 0;
    let ddp = 0;
    for (let k = 0; k < n; k++) {
      // (p r + x)'' = p'' r + 2 p'; (p r + x)' = p' r + p
      ddp = ddp * wRec + 2 * dp;
      dp = dp * wRec + p;
      p = p * wRec + d.x[i * n + k];
    }
    const r = wx * p - d.targets[i];
    hxx += p * p;
    hxy += wx * p * dp + r * dp;
    hyy += wx * dp * (wx * dp) + r * wx * ddp;
  }
  const s = N > 0 ? 2 / N : 0;
  return { hxx: s * hxx, hxy: s * hxy, hyy: s * hyy };
}

/**
 * The two eigenvalues of a symmetric 2 x 2 matrix, largest first, without cancellation: the one
 * of larger magnitude as m + sign(m) r (m the mean of the diagonal, r = hypot of the half
 * difference and the off-diagonal: two terms of the same sign), the other as det / that one.
 */
export function symmetricEigenvalues(h: Hessian): [number, number] {
  const { hxx: a, hxy: b, hyy: c } = h;
  const m = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  const big = m >= 0 ? m + r : m - r;
  const small = big === 0 ? 0 : (a * c - b * b) / big;
  return big >= small ? [big, small] : [small, big];
}

/** SPEC section 10's sharpness: the largest eigenvalue of the Hessian at (wx, wRec). */
export function sharpnessAt(d: Dataset, wx: number, wRec: number): number {
  return symmetricEigenvalues(hessianAt(d, wx, wRec))[0];
}

/**
 * The largest learning rate for which a gradient step is stable at (wx, wRec) on the local
 * quadratic: 2 / sharpness (SPEC section 10; Cohen et al. 2021). Infinity where the sharpness
 * is not positive; NaN where it is not finite.
 */
export function stableLearningRate(d: Dataset, wx: number, wRec: number): number {
  const s = sharpnessAt(d, wx, wRec);
  if (!Number.isFinite(s)) return NaN;
  return s > 0 ? 2 / s : Infinity;
}
