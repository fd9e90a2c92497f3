/**
 * The app's parameters, declared once: their type, defaults, limits and how each key is read
 * (PARAM_SPEC). The same names in params(), setParams() and the URL query. No DOM.
 * normalize.ts reads raw values against this table, url.ts writes the query from it.
 */
import { MAX_SAMPLES, MAX_SEQ_LEN } from '../model/dataset';
import { HYPER_DEFAULTS, HYPER_LIMITS, HYPER_NAMES, OPTIMISERS, type HyperName, type OptimiserName, type RunHyper } from '../model/optimiserSpec';
import type { AtlasMode } from '../model/atlas';
import { LANGS, type Lang } from '../i18n';
import { MODEL_NAMES, modelOf, type ModelName } from '../model/models';

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';
export type Preset = 'tutorial' | 'random';
export type Layout = 'both' | '3d' | '2d';
export type Zoom = 'full' | 'zoom';
/** The trainability atlas (SPEC section 8): off, or a mode (over start points, or over two hyperparameters). */
export type AtlasChoice = 'off' | AtlasMode;
/** What colours the surface and the map: log10(cost + 1), or log10 of the sharpness. */
export type ColorBy = 'cost' | 'sharpness';
/** Which of the lesson's plots are shown (SPEC section 10): none, sharpness per iteration, step against gradient, or both. */
export type LessonPlots = 'none' | 'sharpness' | 'steps' | 'both';
/** A one-knob sweep (SPEC section 11): off, every learning rate (or delta0), or every sequence length. */
export type SweepChoice = 'off' | 'lr' | 'seqLen';

/** One extra run from the same start: an optimiser and the hyperparameters it sets differently. */
export interface CompareRun {
  opt: OptimiserName;
  /** only hyperparameters that opt uses (runHyperUsed), in RUN_HYPER_NAMES order */
  overrides: Partial<RunHyper>;
}

/** The hyperparameters (SPEC section 7: delta0 ... eps) are shared by the main run and every compared run. */
export interface Params extends RunHyper {
  /**
   * the model (src/model/models): 'linear', the tutorial's RNN, or 'sigmoid', the unit of Pascanu
   * et al. 2013 (SPEC section 12). The API's names stay: wx / wxGrad the first weight (w), wRec /
   * wRecGrad the second (b), cost the error E.
   */
  model: ModelName;
  /** sigmoid model: the state x_0 */
  x0: number;
  /** sigmoid model: the target of s(x_steps) */
  target: number;
  /** sigmoid model: the number of steps */
  steps: number;
  /** user rows of 0/1, comma separated; overrides the presets when not empty */
  data: string;
  preset: Preset;
  seed: number;
  samples: number;
  seqLen: number;
  /** wxMin, wxMax, wRecMin, wRecMax */
  range: [number, number, number, number];
  /** grid points per side */
  res: number;
  /** start of every run (wx, wRec) */
  start: [number, number];
  /** the main run's optimiser (SPEC section 7) */
  opt: OptimiserName;
  iterations: number;
  /** a run has converged once its cost is below tol */
  tol: number;
  /** up to MAX_COMPARE extra runs from the same start; URL form: "sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam" */
  compare: CompareRun[];
  backend: BackendChoice;
  /** the trainability atlas (SPEC section 8) */
  atlas: AtlasChoice;
  /** atlas cells per side */
  atlasRes: number;
  /**
   * atlas=lr, the maps of sgd, momentum, clip and adam: xmin,xmax,ymin,ymax of log10 of the
   * learning rates of wx (x) and wRec (y). null (absent from the URL): derived from the start,
   * log10(2 / sharpness) two decades each way (defaultAtlasLrRange). See atlasAxes.
   */
  atlasRange: [number, number, number, number] | null;
  /** atlas=lr, the maps of the Rprop family: etaPlus (x) min,max and etaMinus (y) min,max, linear */
  atlasEtaRange: [number, number, number, number];
  /** the one-knob sweep of every run (SPEC section 11) */
  sweep: SweepChoice;
  /**
   * sweep=lr: log10 bounds of the knob (lr or delta0); sweep=seqLen: the shortest and longest
   * length. null (absent from the URL): the kind's default (SWEEP_RANGE_DEFAULTS). See sweepRangeFor.
   */
  sweepRange: [number, number] | null;
  /** sweep=lr: values of the knob, log-spaced over 10^sweepRange, ends included */
  sweepRes: number;
  /** sweep=seqLen: starts per side (over range) for every length */
  sweepStarts: number;

  // --- view and playback (no effect on the numbers) ---
  /** what colours the 3D surface and the map: the cost, or the sharpness (SPEC section 10) */
  colorBy: ColorBy;
  /** the lesson's plots beside the four figures: sharpness along the runs, step against gradient */
  plots: LessonPlots;
  /** draw the atlas on the 3D surface */
  atlasOn3d: boolean;
  /** which views: the 3D surface, the 2D panels, or both */
  layout: Layout;
  /** contour lines at the tutorial's levels, in 3D and 2D */
  contours: boolean;
  /** 2D heatmap: the whole range, or the tutorial's zoom on [0, 2]^2 */
  zoom: Zoom;
  /** animation speed, iterations per second */
  speed: number;
  /** whether the trajectory animation runs */
  play: boolean;
  /** the iteration shown; -1 means the animation's own clock (starts at 0) */
  frame: number;
  /** "try the model" input: a 0/1 sequence of any length */
  test: string;
  /** still mode: no animation loop, draw once (for screenshots) */
  still: boolean;
  /** camera: azimuth (deg), elevation (deg), distance (world units) */
  cam: [number, number, number];
  /** show the control panel */
  gui: boolean;
  /** embedded in a slide (iframe): no control panel, no status text, a small "open full app" link */
  embed: boolean;
  /** presentation mode: text, ticks, legends and the panel at projector size */
  present: boolean;
  /** the UI's language: en (default), zh (Simplified Chinese), zh-Hant (Traditional); set at load (a change reloads the page) */
  lang: Lang;
}

export const DEFAULT_CAMERA: [number, number, number] = [35, 52, 5.4];

/** The key order is the URL's order. */
export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze({
  model: 'linear',
  x0: 0.5,
  target: 0.7,
  steps: 50,
  data: '',
  preset: 'tutorial',
  seed: 0,
  samples: 20,
  seqLen: 10,
  range: [-3, 3, -3, 3],
  res: 256,
  start: [-1.5, 2],
  opt: 'rprop',
  ...HYPER_DEFAULTS,
  lrWRec: null,
  iterations: 500,
  tol: 1e-3,
  compare: [],
  backend: 'auto',
  atlas: 'off',
  atlasRes: 128,
  atlasRange: null,
  atlasEtaRange: [1, 2, 0, 1],
  sweep: 'off',
  sweepRange: null,
  sweepRes: 65,
  sweepStarts: 32,
  atlasOn3d: false,
  colorBy: 'cost',
  plots: 'none',
  layout: 'both',
  contours: true,
  zoom: 'full',
  speed: 60,
  play: true,
  frame: -1,
  test: '011000010011',
  still: false,
  cam: DEFAULT_CAMERA,
  gui: true,
  embed: false,
  present: false,
  lang: 'en',
} as Params);

/** Keys that change the computed numbers; the rest only change what is drawn. */
export const ENGINE_KEYS: readonly (keyof Params)[] = [
  'model', 'x0', 'target', 'steps', 'data', 'preset', 'seed', 'samples', 'seqLen', 'range', 'res', 'start', 'opt', ...HYPER_NAMES, 'lrWRec', 'iterations', 'tol', 'compare',
  'backend', 'atlas', 'atlasRes', 'atlasRange', 'atlasEtaRange', 'sweep', 'sweepRange', 'sweepRes', 'sweepStarts',
  // whether the surface's sharpness is computed (surfaceShowsSharpness, derived.ts)
  'colorBy', 'plots',
];

/**
 * The input range of a weight (the start, the surface's range), whatever the model: beyond it
 * values are clamped; with seqLen <= 100 every float64 sum of the linear RNN stays finite (its
 * float32 surface says where it overflows), and the sigmoid model's default range, w up to 12,
 * fits. Not the divergence limit of a run (DIVERGENCE_LIMIT, model/optimisers.ts).
 */
export const WEIGHT_INPUT_LIMIT = 20;
export const MAX_RES = 2048;
export const MAX_ITERATIONS = 10000;
/** At most this many compared runs besides the main one. */
export const MAX_COMPARE = 5;
export const ATLAS_RES_MIN = 16;
export const ATLAS_RES_MAX = 1024;
/** atlasRange (learning-rate maps): log10 of each learning rate, 1e-12 .. 1e3, clamped at parse time. */
export const ATLAS_LR_LIMIT: readonly [number, number] = [-12, 3];
/** atlasEtaRange (Rprop-family maps): etaPlus (x) and etaMinus (y), the same limits as a single run's (HYPER_LIMITS), etaMinus 0 allowed at the edge. */
export const ATLAS_ETA_LIMITS: { readonly x: readonly [number, number]; readonly y: readonly [number, number] } = { x: [1, 10], y: [0, 1] };
/** atlasEtaRange's default: etaPlus 1..2, etaMinus 0..1. */
export const ATLAS_ETA_DEFAULT: readonly [number, number, number, number] = [1, 2, 0, 1];
/**
 * sweepRange, read at parse time within these limits, either kind (log10 of a learning rate,
 * lengths, or a model's numbers of steps); sweepRangeFor (state/sweep.ts) applies the kind's own:
 * SWEEP_LR_LIMIT, 1..MAX_SEQ_LEN, or the model's `steps` limits (the sigmoid unit's 1..200).
 */
export const SWEEP_RANGE_LIMIT: readonly [number, number] = [-12, Math.max(MAX_SEQ_LEN, ...MODEL_NAMES.map((m) => modelOf(m).params.find((q) => q.key === 'steps')?.max ?? 0))];
/** sweep=lr: log10 of the knob, 1e-12 .. 10 (lr and delta0 are at most 10). */
export const SWEEP_LR_LIMIT: readonly [number, number] = [-12, 1];
/** sweepRange where it is null: sweep=lr 10^-8 .. 1, sweep=seqLen lengths 2 .. 40 (SPEC section 11). */
export const SWEEP_RANGE_DEFAULTS: { readonly lr: readonly [number, number]; readonly seqLen: readonly [number, number] } = { lr: [-8, 0], seqLen: [2, 40] };
export const SWEEP_RES_LIMIT: readonly [number, number] = [2, 257];
export const SWEEP_STARTS_LIMIT: readonly [number, number] = [4, 128];

/**
 * Each axis of range and atlasRange spans at least this much: a span of 1e-300 (or of
 * denormals) passes min < max but leaves the views dividing by nothing (NaN geometry).
 */
export const MIN_SPAN = 1e-6;
/** User input echoed in a message is cut to this many characters (then "…"). */
export const ECHO_MAX = 40;

/**
 * Hyperparameters whose maximum is excluded, on top of HYPER_LIMITS: Adam divides by
 * 1 - beta^t, which is 0 at beta = 1 (every step NaN).
 */
const HYPER_MAX_EXCLUSIVE: Partial<Record<HyperName, true>> = { beta1: true, beta2: true };

/** How each key is read: what the tests and the GUI can rely on. */
export type ParamSpec =
  /** nullable: null (or '' in a URL) is a value of its own (lrWRec: the same as lr) */
  | { kind: 'number'; min: number; max: number; integer: boolean; minExclusive: boolean; maxExclusive: boolean; nullable?: true }
  | { kind: 'choice'; values: readonly string[] }
  | { kind: 'flag' }
  /**
   * `length` numbers within [min, max] (yMin, yMax: the limits of the second pair, where they differ);
   * ordered: each (min, max) pair must have max - min >= MIN_SPAN; nullable: null (or '') is a value (atlasRange: derived)
   */
  | { kind: 'list'; length: number; min: number; max: number; ordered: boolean; names: string; yMin?: number; yMax?: number; nullable?: true }
  | { kind: 'cam' }
  | { kind: 'data' }
  | { kind: 'test' }
  | { kind: 'compare' };

const number = (min: number, max: number, integer = false, minExclusive = false, maxExclusive = false): ParamSpec => ({
  kind: 'number', min, max, integer, minExclusive, maxExclusive,
});

export function hyperSpec(name: HyperName): Extract<ParamSpec, { kind: 'number' }> {
  const [min, max, minExclusive] = HYPER_LIMITS[name];
  return { kind: 'number', min, max, integer: false, minExclusive, maxExclusive: HYPER_MAX_EXCLUSIVE[name] === true };
}

/** A model parameter's key as a number key, with the limits its model declares. */
function modelParamSpec(model: ModelName, key: string): ParamSpec {
  const q = modelOf(model).params.find((x) => x.key === key)!;
  return number(q.min, q.max, q.integer, q.minExclusive, q.maxExclusive);
}

export const PARAM_SPEC: Readonly<Record<keyof Params, ParamSpec>> = {
  model: { kind: 'choice', values: MODEL_NAMES },
  x0: modelParamSpec('sigmoid', 'x0'),
  target: modelParamSpec('sigmoid', 'target'),
  steps: modelParamSpec('sigmoid', 'steps'),
  data: { kind: 'data' },
  preset: { kind: 'choice', values: ['tutorial', 'random'] },
  seed: number(0, 0xffffffff, true),
  samples: number(1, MAX_SAMPLES, true),
  seqLen: number(1, MAX_SEQ_LEN, true),
  range: { kind: 'list', length: 4, min: -WEIGHT_INPUT_LIMIT, max: WEIGHT_INPUT_LIMIT, ordered: true, names: 'wxMin,wxMax,wRecMin,wRecMax' },
  res: number(2, MAX_RES, true),
  start: { kind: 'list', length: 2, min: -WEIGHT_INPUT_LIMIT, max: WEIGHT_INPUT_LIMIT, ordered: false, names: 'wx,wRec' },
  opt: { kind: 'choice', values: OPTIMISERS },
  delta0: hyperSpec('delta0'),
  etaPlus: hyperSpec('etaPlus'),
  etaMinus: hyperSpec('etaMinus'),
  deltaMin: hyperSpec('deltaMin'),
  deltaMax: hyperSpec('deltaMax'),
  lr: hyperSpec('lr'),
  momentum: hyperSpec('momentum'),
  clip: hyperSpec('clip'),
  beta1: hyperSpec('beta1'),
  beta2: hyperSpec('beta2'),
  eps: hyperSpec('eps'),
  lrWRec: { ...hyperSpec('lr'), nullable: true },
  iterations: number(0, MAX_ITERATIONS, true),
  tol: number(0, 1e6, false, true),
  compare: { kind: 'compare' },
  backend: { kind: 'choice', values: ['auto', 'webgpu', 'cpu'] },
  atlas: { kind: 'choice', values: ['off', 'starts', 'lr'] },
  atlasRes: number(ATLAS_RES_MIN, ATLAS_RES_MAX, true),
  atlasRange: { kind: 'list', length: 4, min: ATLAS_LR_LIMIT[0], max: ATLAS_LR_LIMIT[1], ordered: true, names: 'xmin,xmax,ymin,ymax', nullable: true },
  atlasEtaRange: {
    kind: 'list', length: 4, min: ATLAS_ETA_LIMITS.x[0], max: ATLAS_ETA_LIMITS.x[1], yMin: ATLAS_ETA_LIMITS.y[0], yMax: ATLAS_ETA_LIMITS.y[1], ordered: true,
    names: 'etaPlusMin,etaPlusMax,etaMinusMin,etaMinusMax',
  },
  sweep: { kind: 'choice', values: ['off', 'lr', 'seqLen'] },
  sweepRange: { kind: 'list', length: 2, min: SWEEP_RANGE_LIMIT[0], max: SWEEP_RANGE_LIMIT[1], ordered: false, names: 'lo,hi', nullable: true },
  sweepRes: number(SWEEP_RES_LIMIT[0], SWEEP_RES_LIMIT[1], true),
  sweepStarts: number(SWEEP_STARTS_LIMIT[0], SWEEP_STARTS_LIMIT[1], true),
  colorBy: { kind: 'choice', values: ['cost', 'sharpness'] },
  plots: { kind: 'choice', values: ['none', 'sharpness', 'steps', 'both'] },
  atlasOn3d: { kind: 'flag' },
  layout: { kind: 'choice', values: ['both', '3d', '2d'] },
  contours: { kind: 'flag' },
  zoom: { kind: 'choice', values: ['full', 'zoom'] },
  speed: number(1, 1000),
  play: { kind: 'flag' },
  frame: number(-1, MAX_ITERATIONS, true),
  test: { kind: 'test' },
  still: { kind: 'flag' },
  cam: { kind: 'cam' },
  gui: { kind: 'flag' },
  embed: { kind: 'flag' },
  present: { kind: 'flag' },
  lang: { kind: 'choice', values: LANGS },
};

export const PARAM_KEYS = Object.keys(DEFAULT_PARAMS) as (keyof Params)[];

export interface Normalized {
  params: Params;
  /** human-readable notes on what was refused or clamped, one per problem */
  messages: string[];
}

/** Values as they arrive: strings from a URL, anything from a script. */
export type RawParams = Partial<Record<keyof Params, unknown>>;
