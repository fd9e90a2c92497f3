/**
 * The optimisers of SPEC section 7: their names, their hyperparameters and which of them each
 * one uses. Shared by the float64 model, the parameter parser, the GUI and the WGSL atlas.
 * No DOM.
 */
export const OPTIMISERS = ['rprop', 'rprop-', 'irprop-', 'rprop+', 'irprop+', 'sgd', 'momentum', 'clip', 'adam'] as const;
export type OptimiserName = (typeof OPTIMISERS)[number];

export interface Hyper {
  delta0: number;
  etaPlus: number;
  etaMinus: number;
  deltaMin: number;
  deltaMax: number;
  lr: number;
  momentum: number;
  clip: number;
  beta1: number;
  beta2: number;
  eps: number;
}
export type HyperName = keyof Hyper;

export const HYPER_DEFAULTS: Readonly<Hyper> = Object.freeze({
  delta0: 0.001,
  etaPlus: 1.2,
  etaMinus: 0.5,
  deltaMin: 1e-6,
  deltaMax: 50,
  lr: 0.01,
  momentum: 0.9,
  clip: 1,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
});
export const HYPER_NAMES = Object.keys(HYPER_DEFAULTS) as HyperName[];

/** The hyperparameters each optimiser reads (the GUI shows only these). */
export const HYPER_USED: Readonly<Record<OptimiserName, readonly HyperName[]>> = {
  rprop: ['delta0', 'etaPlus', 'etaMinus'],
  'rprop-': ['delta0', 'etaPlus', 'etaMinus', 'deltaMin', 'deltaMax'],
  'irprop-': ['delta0', 'etaPlus', 'etaMinus', 'deltaMin', 'deltaMax'],
  'rprop+': ['delta0', 'etaPlus', 'etaMinus', 'deltaMin', 'deltaMax'],
  'irprop+': ['delta0', 'etaPlus', 'etaMinus', 'deltaMin', 'deltaMax'],
  sgd: ['lr'],
  momentum: ['lr', 'momentum'],
  clip: ['lr', 'clip'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
};

/** Allowed range of each hyperparameter: [min, max, minExclusive]. */
export const HYPER_LIMITS: Readonly<Record<HyperName, readonly [number, number, boolean]>> = {
  delta0: [0, 10, true],
  etaPlus: [1, 10, false],
  etaMinus: [0, 1, true],
  deltaMin: [0, 10, false],
  deltaMax: [0, 1000, true],
  lr: [0, 10, true],
  momentum: [0, 1, false],
  clip: [0, 1e6, true],
  beta1: [0, 1, false],
  beta2: [0, 1, false],
  eps: [0, 1, true],
};

/**
 * A run's hyperparameters: SPEC section 7's, plus `lrWRec`, the learning rate of wRec for sgd,
 * momentum, clip and adam (null or absent: the same as `lr`, SPEC's one learning rate). A cell of
 * the learning-rate atlas is such a pair of per-weight rates.
 */
export interface RunHyper extends Hyper {
  lrWRec: number | null;
}

/** Whether an optimiser reads `lrWRec` (the ones with a learning rate). */
export function usesLrWRec(o: OptimiserName): boolean {
  return !isRpropFamily(o);
}

/** The per-weight learning rates [wx, wRec] of a run: lr and lrWRec (absent or null: lr). */
export function learningRates(h: Hyper & { lrWRec?: number | null }): [number, number] {
  return [h.lr, h.lrWRec ?? h.lr];
}

export function isOptimiser(s: unknown): s is OptimiserName {
  return typeof s === 'string' && (OPTIMISERS as readonly string[]).includes(s);
}

/** Whether an optimiser is of the Rprop family (sign-based; its atlas 'lr' axes are the etas). */
export function isRpropFamily(o: OptimiserName): boolean {
  return o.includes('rprop');
}
