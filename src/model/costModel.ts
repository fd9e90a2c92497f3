/**
 * The full-batch cost and gradient of SPEC section 3 in float64, fast: the output of sample i is
 * y_i = wx * P_i(wRec) with P_i(r) = sum_k x_{i,k} r^(n-k) (0/1 coefficients), so BPTT's wRecGrad
 * is sum_i g_i wx P_i'(r) and its wxGrad sum_i g_i P_i(r) (g_i = dC/dy_i). P_i and P_i' are
 * evaluated by Horner's rule in r^m over chunks of m inputs: one table of the 2^m chunk
 * polynomials (and their derivatives) per evaluation, shared by all samples, then ceil(n/m) steps
 * per sample instead of n. The numbers agree with evaluatePoint (rnn.ts) to rounding; nothing is
 * expanded, so there is no cancellation near the minimum beyond what BPTT itself has.
 * Pure model code, no DOM.
 */
import type { Dataset } from './dataset';
import type { CostEvaluator } from './models/types';

export interface CostGrad {
  /** mean squared error; +Infinity (never NaN) when it overflows */
  cost: number;
  wxGrad: number;
  wRecGrad: number;
}

/**
 * A data set prepared for fast cost and gradient evaluation: the inputs of every sample as codes
 * of m-input chunks (leading zeros pad the first chunk; they leave S at 0).
 */
export class CostModel {
  readonly samples: number;
  readonly seqLen: number;
  /** inputs per chunk */
  readonly chunk: number;
  readonly chunks: number;
  private readonly codes: Uint16Array;
  private readonly targets: Float64Array;
  /** chunk polynomials T[b](r) = sum_j bit_j(b) r^j and their derivatives, per evaluation */
  private readonly T: Float64Array;
  private readonly D: Float64Array;

  constructor(d: Dataset) {
    const N = d.samples;
    const n = d.seqLen;
    // Work per evaluation ~ N * ceil(n / m) chunk steps + 2^m table entries.
    let best = 1;
    let bestWork = Infinity;
    for (let m = 1; m <= 10; m++) {
      const work = N * Math.ceil(n / m) + 0.8 * (1 << m);
      if (work < bestWork) {
        bestWork = work;
        best = m;
      }
    }
    const m = best;
    const chunks = Math.ceil(n / m);
    const pad = chunks * m - n;
    const codes = new Uint16Array(N * chunks);
    for (let i = 0; i < N; i++) {
      for (let c = 0; c < chunks; c++) {
        let b = 0;
        for (let j = 0; j < m; j++) {
          const k = c * m + j - pad;
          b = (b << 1) | (k >= 0 && d.x[i * n + k] ? 1 : 0);
        }
        codes[i * chunks + c] = b;
      }
    }
    this.samples = N;
    this.seqLen = n;
    this.chunk = m;
    this.chunks = chunks;
    this.codes = codes;
    this.targets = Float64Array.from(d.targets);
    this.T = new Float64Array(1 << m);
    this.D = new Float64Array(1 << m);
  }

  /** Cost and both gradients at (wx, wRec), written into out (no allocation). */
  evaluate(wx: number, r: number, out: CostGrad): CostGrad {
    const { samples: N, chunk: m, chunks: nc, codes, targets: t, T, D } = this;
    if (N === 0) {
      out.cost = 0;
      out.wxGrad = 0;
      out.wRecGrad = 0;
      return out;
    }
    const size = 1 << m;
    T[0] = 0;
    D[0] = 0;
    for (let b = 1; b < size; b++) {
      const h = b >> 1;
      T[b] = T[h] * r + (b & 1);
      D[b] = D[h] * r + T[h];
    }
    // R = r^m and its derivative m r^(m-1), from the table's top bit (T[2^(m-1)] = r^(m-1)).
    const top = size >> 1;
    const R = T[top] * r;
    const Rd = D[top] * r + T[top];
    let c = 0;
    let g0 = 0;
    let g1 = 0;
    for (let i = 0, o = 0; i < N; i++, o += nc) {
      let p = 0;
      let q = 0;
      for (let k = 0; k < nc; k++) {
        const b = codes[o + k];
        q = q * R + p * Rd + D[b];
        p = p * R + T[b];
      }
      const e = (wx === 0 ? 0 : wx * p) - t[i];
      c += e * e;
      const g = (2 * e) / N;
      g0 += g * p;
      g1 += g * q;
    }
    const cost = c / N;
    out.cost = cost === cost ? cost : Infinity; // NaN only comes from overflow (Inf - Inf, 0 * Inf)
    out.wxGrad = g0;
    out.wRecGrad = g1 * wx;
    return out;
  }
}

const models = new WeakMap<Dataset, CostModel>();

/**
 * The prepared form of a data set, cached per Dataset object. Data sets are treated as
 * immutable: a Dataset's x and targets must not be changed in place after first use.
 */
export function costModel(d: Dataset): CostModel {
  let m = models.get(d);
  if (!m) {
    m = new CostModel(d);
    models.set(d, m);
  }
  return m;
}

/**
 * Full-batch cost and gradient at (wx, wRec), float64: the same numbers as evaluatePoint's
 * cost, wxGrad and wRecGrad to rounding. Allocation-free when `out` is given (and the data set
 * was seen before).
 */
export function costAndGradient(d: Dataset, wx: number, wRec: number, out: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 }): CostGrad {
  return costModel(d).evaluate(wx, wRec, out);
}

/**
 * The cost + gradient evaluator of a data set (its CostModel, the linear RNN's) or an evaluator
 * given as is (another model's, through the model seam: src/model/models).
 */
export function evaluatorOf(src: Dataset | CostEvaluator): CostEvaluator {
  return 'evaluate' in src ? src : costModel(src);
}
