/**
 * Rprop as in the tutorial (SPEC section 5): per weight, the step size grows by etaPlus while the
 * gradient's sign stays the same and shrinks by etaMinus otherwise; the step is always taken.
 * A thin wrapper over runOptimiser(..., 'rprop', ...) (optimisers.ts), which has the other
 * optimisers of SPEC section 7 and the stopping rule.
 */
import type { Dataset } from './dataset';
import { runOptimiser, withDefaults } from './optimisers';

export interface RpropOptions {
  start: readonly [number, number];
  delta0: number;
  etaPlus: number;
  etaMinus: number;
  iterations: number;
}

export interface RpropResult {
  /** iterations + 1 weights, start first (fewer when diverged) */
  weights: [number, number][];
  /** step sizes (Delta_wx, Delta_wRec) after each iteration; index 0 is delta0 */
  deltas: [number, number][];
  /** cost at each point of weights */
  costs: number[];
  /**
   * set when the run diverged (SPEC section 7): the weights ran off to where float64 fails
   * (|w| > 1e6) or the cost or gradient stopped being finite; the path stops there
   */
  diverged: boolean;
}

export function rprop(d: Dataset, o: RpropOptions): RpropResult {
  const hyper = withDefaults({ delta0: o.delta0, etaPlus: o.etaPlus, etaMinus: o.etaMinus });
  const r = runOptimiser(d, 'rprop', hyper, o.start, o.iterations);
  return { weights: r.weights, deltas: r.steps, costs: r.costs, diverged: r.diverged !== null };
}
