/**
 * The model seam: what a model of two weights says about itself (names, default range and start,
 * its own parameters, how its surface is drawn, its marked points and lines) and the float64
 * numbers it supplies (cost and gradient, gradient over time, Hessian). The optimisers and the
 * atlas only need a CostEvaluator. Pure model code, no DOM.
 *
 * The API keeps one naming whatever the model: `wx` / `wxGrad` are the first weight and its
 * gradient, `wRec` / `wRecGrad` the second, `cost` the error.
 */
import type { CostGrad } from '../costModel';
import type { Dataset } from '../dataset';
import type { Hessian } from '../hessian';
import type { GradientCheck } from '../rnn';
import type { Range, SurfaceGrid } from '../surface';

/** Anything that gives the cost and both gradients at (w0, w1), written into out. */
export interface CostEvaluator {
  evaluate(w0: number, w1: number, out: CostGrad): CostGrad;
}

/** The numbers of one point: cost, gradient, and the gradient with respect to each state. */
export interface ModelPoint {
  cost: number;
  wxGrad: number;
  wRecGrad: number;
  /** linear: dC/dS_k summed over samples; sigmoid: dE/dx_k; k = 0..n */
  gradOverTime: Float64Array;
}

/** One parameter of a model (its own URL key): default and the limits it is clamped to. */
export interface ModelParam {
  key: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/** A model's parameter values by key (missing keys: the defaults). */
export type ModelParamValues = Readonly<Record<string, number>>;

/** Which model and its parameter values: what the engine sends to the backends (structured-clonable). */
export interface ModelConfig {
  name: string;
  params: ModelParamValues;
}

/** A point the views mark on the surface and follow in the gradient-over-time plot. */
export interface ModelMarkedPoint {
  at: [number, number];
  /** CSS colour name, as the tutorial's figure names them */
  colour: string;
  /** what the point is, for the views to name it (their own t() text): e.g. 'cliff', 'plateau', 'valley', 'valleyEnd'; null: unnamed */
  role: string | null;
}

/** A line the views draw over the surface (in weight coordinates); role names it for the views ('valley'). */
export interface ModelLine {
  from: [number, number];
  to: [number, number];
  role: string;
}

/**
 * How the surface's height and colour are taken from the cost: 'log10p1' = log10(C + 1) (the
 * linear RNN's orders of magnitude), 'value' = the cost itself (the sigmoid unit's E in 0..0.49).
 */
export type HeightScale = 'log10p1' | 'value';

export interface Model {
  readonly name: string;
  /** the weights' names as the views print them: ['wx', 'wRec'] or ['w', 'b'] */
  readonly weights: readonly [string, string];
  /** wMin, wMax for the first weight, then the second's */
  readonly defaultRange: readonly [number, number, number, number];
  readonly defaultStart: readonly [number, number];
  /** the 2D map's zoom window (zoom=zoom): wMin, wMax for the first weight, then the second's */
  readonly zoomWindow: readonly [number, number, number, number];
  /** the 3D view's default camera: azimuth, elevation (degrees) and distance, as the URL's `cam` */
  readonly defaultCamera: readonly [number, number, number];
  readonly params: readonly ModelParam[];
  readonly height: HeightScale;
  /** whether the data controls (preset, data, seed, samples, seqLen) apply */
  readonly usesData: boolean;
  /** whether "try the model" (test) applies */
  readonly tryModel: boolean;
  /** what the gradient-over-time plot shows, e.g. 'dC/dS_k' or 'dE/dx_k' */
  readonly gradOverTimeLabel: string;
  /** the cost's name in the views: 'C' or 'E' */
  readonly costLabel: string;
  markedPoints(p: ModelParamValues): ModelMarkedPoint[];
  lines(p: ModelParamValues): ModelLine[];
  /** where the numerical gradient check runs */
  gradientCheckAt(p: ModelParamValues): [number, number];
  /** the model's own gradient check where it has one (the linear RNN: rnn.ts's); else modelGradientCheck's */
  gradientCheck?(p: ModelParamValues, d: Dataset): GradientCheck;
  /** the fast cost + gradient (the optimisers and the atlas use this); d: the data set (linear) */
  evaluator(p: ModelParamValues, d: Dataset): CostEvaluator;
  /** cost, gradient and gradient over time at one point, float64 */
  evaluatePoint(p: ModelParamValues, d: Dataset, w0: number, w1: number): ModelPoint;
  /** the Hessian of the cost in the two weights, float64 */
  hessian(p: ModelParamValues, d: Dataset, w0: number, w1: number): Hessian;
  /** the surface over range, computed in float64, stored as float32 */
  surface(p: ModelParamValues, d: Dataset, range: Range, res: number): SurfaceGrid;
}
