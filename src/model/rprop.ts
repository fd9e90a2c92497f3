/**
 * Rprop as in the tutorial (SPEC section 5): per weight, the step size grows by etaPlus while the
 * gradient's sign stays the same and shrinks by etaMinus otherwise; the step is always taken.
 */
import type { Dataset } from './dataset';
import { evaluatePoint } from './rnn';

export interface RpropOptions {
  start: readonly [number, number];
  delta0: number;
  etaPlus: number;
  etaMinus: number;
  iterations: number;
}

export interface RpropResult {
  /** iterations + 1 weights, start first */
  weights: [number, number][];
  /** step sizes (Delta_wx, Delta_wRec) after each iteration; index 0 is delta0 */
  deltas: [number, number][];
  /** cost at each point of weights */
  costs: number[];
  /** set when the weights ran off to where float64 fails (|w| > 1e6); the path stops there */
  diverged: boolean;
}

/** Beyond this the cost of a 100-step sequence no longer fits a float64. */
export const DIVERGENCE_LIMIT = 1e6;

export function rprop(d: Dataset, o: RpropOptions): RpropResult {
  let [wx, wRec] = o.start;
  const delta = [o.delta0, o.delta0];
  const prevSign = [0, 0];
  const weights: [number, number][] = [[wx, wRec]];
  const deltas: [number, number][] = [[delta[0], delta[1]]];
  const costs: number[] = [];
  let diverged = false;
  for (let it = 0; it < o.iterations; it++) {
    const e = evaluatePoint(d, wx, wRec);
    costs.push(e.cost);
    const grads = [e.wxGrad, e.wRecGrad];
    for (let j = 0; j < 2; j++) {
      const s = Math.sign(grads[j]);
      // Equality, not a product of signs: the first iteration (prevSign 0) always shrinks Delta.
      delta[j] *= s === prevSign[j] ? o.etaPlus : o.etaMinus;
      prevSign[j] = s;
    }
    wx -= Math.sign(grads[0]) * delta[0];
    wRec -= Math.sign(grads[1]) * delta[1];
    weights.push([wx, wRec]);
    deltas.push([delta[0], delta[1]]);
    if (!(Math.abs(wx) <= DIVERGENCE_LIMIT && Math.abs(wRec) <= DIVERGENCE_LIMIT)) {
      diverged = true;
      break;
    }
  }
  costs.push(evaluatePoint(d, wx, wRec).cost);
  return { weights, deltas, costs, diverged };
}
