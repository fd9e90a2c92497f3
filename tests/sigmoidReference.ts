/**
 * Float64 references for the sigmoid unit's float32 kernels (SPEC section 12) and what "within
 * float32 rounding" means for them: every state x_t a float32 kernel computes carries a rounding
 * error of a few float32 ulps (of |x_t| + 1: the product, the sum and exp), and on the cliff the
 * unit amplifies such an error by orders of magnitude. So the tolerance of a quantity Q (E, dE/dw,
 * dE/db) at a point is measured, in float64, by perturbing each x_t by d_t = 4 eps32 (|x_t| + 1):
 *   tol(Q) = sum_t |Q(x_t + d_t) - Q(x_t - d_t)| / 2 + 8 eps32 |Q| + 1e-30.
 * The kernels get their inputs as float32: compare at Math.fround(w), Math.fround(b).
 */
import { sigmoid } from '../src/model/models/sigmoid/unit';

export const EPS32 = 2 ** -23;

export interface SigmoidSetup {
  x0: number;
  target: number;
  steps: number;
}

/** E, dE/dw, dE/db by BPTT in float64, with x_at perturbed by delta (at = -1: none); g_k into time. */
export function perturbed(p: SigmoidSetup, w: number, b: number, at = -1, delta = 0, time?: Float64Array): [number, number, number] {
  const n = p.steps;
  const s = new Float64Array(n + 1);
  let x = p.x0 + (at === 0 ? delta : 0);
  s[0] = sigmoid(x);
  for (let t = 1; t <= n; t++) {
    x = w * s[t - 1] + b + (at === t ? delta : 0);
    s[t] = sigmoid(x);
  }
  const e = s[n] - p.target;
  let g = 2 * e * s[n] * (1 - s[n]);
  let gw = 0;
  let gb = 0;
  if (time) time[n] = g;
  for (let t = n; t >= 1; t--) {
    gw += g * s[t - 1];
    gb += g;
    g = g * w * s[t - 1] * (1 - s[t - 1]);
    if (time) time[t - 1] = g;
  }
  return [e * e, gw, gb];
}

/** The float64 values at (w, b) and the float32 tolerance of each. */
export function sigmoidReference(
  p: SigmoidSetup, w: number, b: number,
): { ref: [number, number, number]; tol: [number, number, number]; time: Float64Array; timeTol: Float64Array } {
  const n = p.steps;
  const time = new Float64Array(n + 1);
  const timeTol = new Float64Array(n + 1);
  const up1 = new Float64Array(n + 1);
  const down1 = new Float64Array(n + 1);
  const ref = perturbed(p, w, b, -1, 0, time);
  const tol: [number, number, number] = [0, 0, 0];
  let x = p.x0;
  for (let t = 0; t <= p.steps; t++) {
    if (t > 0) x = w * sigmoid(x) + b;
    const d = 4 * EPS32 * (Math.abs(x) + 1);
    const up = perturbed(p, w, b, t, d, up1);
    const down = perturbed(p, w, b, t, -d, down1);
    for (let i = 0; i < 3; i++) tol[i] += Math.abs(up[i] - down[i]) / 2;
    for (let k = 0; k <= n; k++) timeTol[k] += Math.abs(up1[k] - down1[k]) / 2;
  }
  for (let i = 0; i < 3; i++) tol[i] += 8 * EPS32 * Math.abs(ref[i]) + 1e-30;
  // g_k is a product of n - k factors, each rounded; below float32's normal range it may be 0
  for (let k = 0; k <= n; k++) timeTol[k] += 8 * EPS32 * (n - k + 1) * Math.abs(time[k]) + 2e-38;
  return { ref, tol, time, timeTol };
}
