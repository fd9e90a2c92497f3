/**
 * The cost surface over a grid of (wx, wRec), in float64.
 *
 * Why it is fast: the final state of sample i is y_i = wx * P_i(wRec), with
 * P_i(r) = sum_k x_{i,k} r^(n-k). So on each grid row (fixed wRec) the cost is a quadratic in wx:
 *   cost(wx)  = R + C (wx - wx*)^2          (C = sum P_i^2 / N, wx* = sum t_i P_i / sum P_i^2)
 *   wxGrad    = 2 C (wx - wx*)
 *   wRecGrad  = 2 wx (wx D - E)             (D = sum P_i P_i' / N, E = sum t_i P_i' / N)
 * where R = sum (t_i - wx* P_i)^2 / N is the least cost on the row. Writing the cost as a sum of
 * two non-negative terms avoids the cancellation of A - 2 wx B + wx^2 C near the minimum.
 * A few sums per row, then O(1) per point. The WGSL kernel (src/gpu/surface/surface_rows.wgsl) does the
 * same in float32 with an exponent scale.
 */
import type { Dataset } from './dataset';
import { evaluatePoint } from './rnn';

export interface Range {
  wxMin: number;
  wxMax: number;
  wRecMin: number;
  wRecMax: number;
}

export interface SurfaceGrid {
  res: number;
  /** axis values, linspace(wxMin, wxMax, res) */
  wx: Float64Array;
  /** axis values, linspace(wRecMin, wRecMax, res) */
  wRec: Float64Array;
  /** row-major, rows = wRec, columns = wx; float32 like the GPU (beyond float32: +/-Infinity) */
  cost: Float32Array;
  wxGrad: Float32Array;
  wRecGrad: Float32Array;
}

/** numpy.linspace: start + i * step, the last value exactly stop. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = start + i * step;
  out[num - 1] = stop;
  return out;
}

export interface RowCoefficients {
  /** least cost on the row */
  R: number;
  wxStar: number;
  C: number;
  D: number;
  E: number;
}

/** The per-row sums of the quadratic form, for one wRec. */
export function rowCoefficients(d: Dataset, wRec: number): RowCoefficients {
  const { samples: N, seqLen: n, x, targets: t } = d;
  const P = new Float64Array(N);
  const dP = new Float64Array(N);
  let scale = 0;
  for (let i = 0; i < N; i++) {
    // Horner for P and its derivative together.
    let p = 0;
    let dp = 0;
    for (let k = 0; k < n; k++) {
      dp = dp * wRec + p;
      p = p * wRec + x[i * n + k];
    }
    P[i] = p;
    dP[i] = dp;
    scale = Math.max(scale, Math.abs(p));
  }
  if (scale === 0) {
    let A = 0;
    let E = 0;
    for (let i = 0; i < N; i++) {
      A += t[i] * t[i];
      E += t[i] * dP[i];
    }
    return { R: A / N, wxStar: 0, C: 0, D: 0, E: E / N };
  }
  // Sums of P^2 scaled by max|P| so that they cannot overflow before the final product.
  let Cs = 0;
  let Bs = 0;
  let D = 0;
  let E = 0;
  for (let i = 0; i < N; i++) {
    const p = P[i] / scale;
    Cs += p * p;
    Bs += t[i] * p;
    D += P[i] * dP[i];
    E += t[i] * dP[i];
  }
  const wxStarScaled = Bs / Cs; // = wx* * scale
  let R = 0;
  for (let i = 0; i < N; i++) R += (t[i] - wxStarScaled * (P[i] / scale)) ** 2;
  return { R: R / N, wxStar: wxStarScaled / scale, C: (Cs / N) * scale * scale, D: D / N, E: E / N };
}

/** Fills a surface grid with the row method (float64, results stored as float32). */
/** An empty grid over range: the axes, and zeroed float32 outputs. */
export function emptyGrid(range: Range, res: number): SurfaceGrid {
  return {
    res,
    wx: linspace(range.wxMin, range.wxMax, res),
    wRec: linspace(range.wRecMin, range.wRecMax, res),
    cost: new Float32Array(res * res),
    wxGrad: new Float32Array(res * res),
    wRecGrad: new Float32Array(res * res),
  };
}

export function surfaceByRows(d: Dataset, range: Range, res: number): SurfaceGrid {
  const grid = emptyGrid(range, res);
  const { wx, wRec, cost, wxGrad, wRecGrad } = grid;
  for (let row = 0; row < res; row++) {
    const c = rowCoefficients(d, wRec[row]);
    for (let col = 0; col < res; col++) {
      const w = wx[col];
      const dw = w - c.wxStar;
      const idx = row * res + col;
      cost[idx] = c.R + c.C * dw * dw;
      wxGrad[idx] = 2 * c.C * dw;
      wRecGrad[idx] = 2 * w * (w * c.D - c.E);
    }
  }
  return grid;
}

/** The same grid by plain backpropagation through time at every point (slow; for checks). */
export function surfaceByBptt(d: Dataset, range: Range, res: number): SurfaceGrid {
  const grid = emptyGrid(range, res);
  const { wx, wRec, cost, wxGrad, wRecGrad } = grid;
  for (let row = 0; row < res; row++) {
    for (let col = 0; col < res; col++) {
      const e = evaluatePoint(d, wx[col], wRec[row]);
      const idx = row * res + col;
      cost[idx] = e.cost;
      wxGrad[idx] = e.wxGrad;
      wRecGrad[idx] = e.wRecGrad;
    }
  }
  return grid;
}

/**
 * What every view of one surface shares, computed once per surface: log10(cost + 1) per cell
 * (Infinity where the cost is beyond float32), the colour and height scale's top (the largest
 * finite value, at least one decade) and whether any cell overflowed.
 */
export interface SurfaceSummary {
  logs: Float32Array;
  logTop: number;
  overflow: boolean;
}

/**
 * height 'log10p1' (the linear RNN's, the default): log10(cost + 1), top at least 1; 'value' (the
 * sigmoid unit's E in 0..0.49): the cost itself in `logs`, top the largest finite cost (at least
 * 1e-12). HeightScale: src/model/models/types.ts.
 */
export function summarizeSurface(cost: ArrayLike<number>, height: 'log10p1' | 'value' = 'log10p1'): SurfaceSummary {
  const logs = new Float32Array(cost.length);
  const value = height === 'value';
  let logTop = value ? 1e-12 : 1;
  let overflow = false;
  for (let i = 0; i < cost.length; i++) {
    const c = cost[i];
    if (c === Infinity) {
      logs[i] = Infinity;
      overflow = true;
    } else {
      const l = value ? c : Math.log10(c + 1);
      logs[i] = l;
      if (l > logTop) logTop = l;
    }
  }
  return { logs, logTop, overflow };
}
