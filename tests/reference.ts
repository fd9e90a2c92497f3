/**
 * Float64 references and the tolerance for comparing float32 kernel output with them.
 *
 * Tolerance: |got - ref| <= 1e-4 |ref| + floor, where the absolute floor comes from float32
 * rounding of the terms being summed: floor = 4 * eps32 * (seqLen + samples) * M, with M the sum
 * of the magnitudes of the terms (every state S_k bounded by |wx| sum_k x_k |wRec|^(n-k)):
 *   cost:     M = mean_i (t_i + |S|_i)^2
 *   wxGrad:   M = 2/N sum_i (t_i + |S|_i) * sum_k x_k |wRec|^(n-k)
 *   wRecGrad: M = 2/N sum_i (t_i + |S|_i) * |wx| sum_k x_k (n-k) |wRec|^(n-k-1)
 * (seqLen + samples) roundings can each lose eps32 of M; near the minimum, where the cost is a
 * difference of nearly equal terms, this floor is what float32 can promise at all.
 * Values beyond float32's range must come back as +/-Infinity (never NaN).
 */
import type { Dataset } from '../src/model/dataset';
import { evaluatePoint } from '../src/model/rnn';

export const EPS32 = 2 ** -23;
export const F32_MAX = 3.4028234663852886e38;
export const REL_TOL = 1e-4;

export interface Scales {
  cost: number;
  wxGrad: number;
  wRecGrad: number;
}

export function termScales(d: Dataset, wx: number, wRec: number): Scales {
  const { samples: N, seqLen: n } = d;
  const r = Math.abs(wRec);
  let cost = 0;
  let wxg = 0;
  let wrg = 0;
  for (let i = 0; i < N; i++) {
    let pAbs = 0;
    let dpAbs = 0;
    for (let k = 1; k <= n; k++) {
      const x = d.x[i * n + k - 1];
      if (!x) continue;
      pAbs += r ** (n - k);
      if (n - k > 0) dpAbs += (n - k) * r ** (n - k - 1);
    }
    const yAbs = Math.abs(wx) * pAbs;
    const t = d.targets[i];
    cost += (t + yAbs) ** 2 / N;
    wxg += (2 / N) * (t + yAbs) * pAbs;
    wrg += (2 / N) * (t + yAbs) * Math.abs(wx) * dpAbs;
  }
  return { cost, wxGrad: wxg, wRecGrad: wrg };
}

/** null when got is acceptable for ref, else a description of the mismatch. */
export function mismatch(got: number, ref: number, scale: number, d: Dataset, what: string): string | null {
  if (Number.isNaN(got)) return `${what}: NaN (reference ${ref})`;
  if (Math.abs(ref) > F32_MAX * (1 - REL_TOL)) {
    if (got === Math.sign(ref) * Infinity) return null;
    if (Math.abs(ref) > F32_MAX) return `${what}: ${got}, expected ${Math.sign(ref) > 0 ? '+' : '-'}Infinity (reference ${ref})`;
  }
  if (!Number.isFinite(got)) return `${what}: ${got} for a reference of ${ref}`;
  const floor = 4 * EPS32 * (d.seqLen + d.samples) * scale;
  const tol = REL_TOL * Math.abs(ref) + floor;
  return Math.abs(got - ref) <= tol ? null : `${what}: ${got} vs reference ${ref} (|diff| ${Math.abs(got - ref)} > tol ${tol})`;
}

export interface GridLike {
  wx: ArrayLike<number>;
  wRec: ArrayLike<number>;
  cost: ArrayLike<number>;
  wxGrad: ArrayLike<number>;
  wRecGrad: ArrayLike<number>;
}

/**
 * Compares a grid with the float64 model at every point. With atFloat32 the reference is taken at
 * the float32-rounded axis values, which is where a float32 kernel evaluates.
 */
export function compareGrid(d: Dataset, g: GridLike, atFloat32: boolean, maxReports = 5): string[] {
  const res = g.wx.length;
  const problems: string[] = [];
  let count = 0;
  for (let row = 0; row < res; row++) {
    for (let col = 0; col < res; col++) {
      const wx = atFloat32 ? Math.fround(g.wx[col]) : g.wx[col];
      const wRec = atFloat32 ? Math.fround(g.wRec[row]) : g.wRec[row];
      const ref = evaluatePoint(d, wx, wRec);
      const sc = termScales(d, wx, wRec);
      const idx = row * res + col;
      for (const [what, got, want, scale] of [
        ['cost', g.cost[idx], ref.cost, sc.cost],
        ['wxGrad', g.wxGrad[idx], ref.wxGrad, sc.wxGrad],
        ['wRecGrad', g.wRecGrad[idx], ref.wRecGrad, sc.wRecGrad],
      ] as const) {
        const m = mismatch(got, want, scale, d, `${what} at row ${row}, col ${col} (wx ${wx}, wRec ${wRec})`);
        if (m) {
          count++;
          if (problems.length < maxReports) problems.push(m);
        }
      }
    }
  }
  if (count > maxReports) problems.push(`... ${count} mismatches in all`);
  return problems;
}
