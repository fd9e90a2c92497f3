/**
 * The app's parameters: one object, the same names in params(), setParams() and the URL query.
 * Parsing and clamping live here so that the URL, the GUI and scripts all get the same rules
 * and the same messages. No DOM.
 *
 * Rules: nothing throws; a value that cannot be used keeps the previous value and adds one
 * message naming what was refused; a number out of range is clamped, with a message; a value
 * that is already normalized passes again unchanged and without a message (the engine
 * normalizes what the app hands it a second time). Echoes of user input in messages are cut
 * to ECHO_MAX characters, so a 10^5-character value never lands whole in the page.
 */
import { MAX_SAMPLES, MAX_SEQ_LEN, datasetToText, parseRows, randomDataset, tutorialDataset, type Dataset } from './model/dataset';
import {
  HYPER_DEFAULTS,
  HYPER_LIMITS,
  HYPER_NAMES,
  HYPER_USED,
  OPTIMISERS,
  isOptimiser,
  isRpropFamily,
  type Hyper,
  type HyperName,
  type OptimiserName,
  type RunHyper,
  usesLrWRec,
} from './model/optimiserSpec';
import { defaultAtlasLrRange } from './model/atlas';
import { LANGS, N_, langAlias, t, type Lang } from './i18n';

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';
export type Preset = 'tutorial' | 'random';
export type Layout = 'both' | '3d' | '2d';
export type Zoom = 'full' | 'zoom';
/** The trainability atlas (SPEC section 8): off, over start points, or over two hyperparameters. */
export type AtlasMode = 'off' | 'starts' | 'lr';

/** One extra run from the same start: an optimiser and the hyperparameters it sets differently. */
export interface CompareRun {
  opt: OptimiserName;
  /** only hyperparameters that opt uses (runHyperUsed), in RUN_HYPER_NAMES order */
  overrides: Partial<RunHyper>;
}

/** The hyperparameters (SPEC section 7: delta0 ... eps) are shared by the main run and every compared run. */
export interface Params extends RunHyper {
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
  atlas: AtlasMode;
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

  // --- view and playback (no effect on the numbers) ---
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
  atlasOn3d: false,
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
  'data', 'preset', 'seed', 'samples', 'seqLen', 'range', 'res', 'start', 'opt', ...HYPER_NAMES, 'lrWRec', 'iterations', 'tol', 'compare',
  'backend', 'atlas', 'atlasRes', 'atlasRange', 'atlasEtaRange',
];

/** Weights beyond this are refused: with seqLen <= 100 every float64 sum stays finite. */
export const WEIGHT_LIMIT = 10;
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
 * Each axis of range and atlasRange spans at least this much: a span of 1e-300 (or of
 * denormals) passes min < max but leaves the views dividing by nothing (NaN geometry).
 */
export const MIN_SPAN = 1e-6;
/** User input echoed in a message is cut to this many characters (then "…"). */
export const ECHO_MAX = 40;
/** At most this many messages about one key (compare runs) or about unknown keys; the rest are counted. */
const MAX_MESSAGES_PER_KEY = 5;

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

function hyperSpec(name: HyperName): Extract<ParamSpec, { kind: 'number' }> {
  const [min, max, minExclusive] = HYPER_LIMITS[name];
  return { kind: 'number', min, max, integer: false, minExclusive, maxExclusive: HYPER_MAX_EXCLUSIVE[name] === true };
}

export const PARAM_SPEC: Readonly<Record<keyof Params, ParamSpec>> = {
  data: { kind: 'data' },
  preset: { kind: 'choice', values: ['tutorial', 'random'] },
  seed: number(0, 0xffffffff, true),
  samples: number(1, MAX_SAMPLES, true),
  seqLen: number(1, MAX_SEQ_LEN, true),
  range: { kind: 'list', length: 4, min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT, ordered: true, names: 'wxMin,wxMax,wRecMin,wRecMax' },
  res: number(2, MAX_RES, true),
  start: { kind: 'list', length: 2, min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT, ordered: false, names: 'wx,wRec' },
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

type Raw = Partial<Record<keyof Params, unknown>>;

// --- helpers that never throw ----------------------------------------------------------------

/** String(v), for any v (symbols, objects without a prototype, throwing toString included). */
function safeString(v: unknown): string {
  try {
    return typeof v === 'symbol' ? v.toString() : String(v);
  } catch {
    try {
      return Object.prototype.toString.call(v);
    } catch {
      return '[value]';
    }
  }
}

/** User input for a message: quoted, control characters made visible, cut to ECHO_MAX characters. */
export function echo(v: unknown): string {
  const s = safeString(v);
  let out = '';
  let n = 0;
  for (const ch of s) {
    if (n === ECHO_MAX) return `"${out}…"`;
    out += /[\u0000-\u001f\u007f-\u009f]/.test(ch) ? '\ufffd' : ch;
    n++;
  }
  return `"${out}"`;
}

/** A number from a typed number or a numeric string; anything else (booleans, objects, '', '  ') is NaN. */
function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return NaN;
}

function toNumberList(v: unknown, count: number): number[] | null {
  let list: number[];
  if (Array.isArray(v)) list = v.map(toNumber);
  else if (typeof v === 'string') {
    // a count+1-th comma already means a wrong count: do not split a huge string further
    const parts = v.split(',', count + 1);
    list = parts.map(toNumber);
  } else return null;
  if (list.length !== count || list.some((x) => !Number.isFinite(x))) return null;
  return list.map((x) => x + 0); // no -0
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;
type Checked = { value: number; message: string | null } | { value: null; message: string };

/**
 * One number against its limits: refused (not a number, or on the wrong side of an excluded
 * bound) or clamped (outside an included bound, or rounded to a whole number), with a message.
 */
function checkNumber(label: string, raw: unknown, s: NumberSpec, kept: string): Checked {
  const v = toNumber(raw);
  if (!Number.isFinite(v)) return { value: null, message: t('{label}: {value} is not a number; kept {kept}', { label, value: echo(raw), kept }) };
  const range = `${s.minExclusive ? '>' : ''}${s.min} .. ${s.maxExclusive ? '<' : ''}${s.max}`;
  const allowed = s.integer ? t('allowed {range}, whole numbers', { range }) : t('allowed {range}', { range });
  if (s.minExclusive && v <= s.min) return { value: null, message: t('{label}: {value} must be greater than {min}; kept {kept}', { label, value: v, min: s.min, kept }) };
  if (s.maxExclusive && v >= s.max) return { value: null, message: t('{label}: {value} must be below {max}; kept {kept}', { label, value: v, max: s.max, kept }) };
  let c = s.integer ? Math.round(v) : v;
  c = Math.min(s.max, Math.max(s.min, c)) + 0;
  if (c !== v) return { value: c, message: t('{label}: {value} clamped to {clamped} ({allowed})', { label, value: v, clamped: c, allowed }) };
  return { value: c, message: null };
}

/** An optimiser name; "rprop+" typed into a URL arrives as "rprop " (a '+' is a space in a query) and is read as meant. */
function readOptimiser(v: unknown): OptimiserName | null {
  if (isOptimiser(v)) return v;
  if (typeof v === 'string' && / $/.test(v)) {
    const plus = `${v.slice(0, -1)}+`;
    if (isOptimiser(plus)) return plus;
  }
  return null;
}

/** Keeps the first `max` messages and counts the rest in one more. */
function capMessages(list: string[], what: string): string[] {
  if (list.length <= MAX_MESSAGES_PER_KEY) return list;
  return [...list.slice(0, MAX_MESSAGES_PER_KEY), t('{what}: {count} more problems not listed', { what, count: list.length - MAX_MESSAGES_PER_KEY })];
}

// --- compare ---------------------------------------------------------------------------------

interface RunDraft {
  /** 1-based position in the input, for messages */
  index: number;
  opt: unknown;
  /** [name, value] in the order given */
  overrides: [unknown, unknown][];
  /** tokens that are not name=value (the string form) */
  malformed: string[];
  /** the run as given, for messages */
  text: unknown;
}

/** What a compare value is read against: the shared hyperparameters, and the runs it replaces. */
export interface CompareContext {
  /** the shared values a run without an override uses (named in the messages) */
  shared?: Readonly<RunHyper>;
  /**
   * the runs before this edit, by position: a run given with a bad optimiser, a bad value or an
   * unusable override keeps the run at its position as it was (the panel never loses a run to a
   * typo); without one (a URL) a bad run is refused and a bad override dropped.
   */
  previous?: readonly CompareRun[];
}

/** "rprop+" in a URL arrives as "rprop " (a '+' is a space in a query): read it as meant; other spaces around the name do not matter. */
function readRunOptimiser(v: unknown): OptimiserName | null {
  if (typeof v !== 'string') return readOptimiser(v);
  return readOptimiser(v.trimStart()) ?? readOptimiser(v.trim());
}

/** One run, or null (refused); its problems go to notes. */
function validateRun(d: RunDraft, ctx: CompareContext, notes: string[]): CompareRun | null {
  const label = `compare: ${t('run {index}', { index: d.index })}`;
  const prev = ctx.previous?.[d.index - 1];
  // the last good run at this position, if any: kept whole when this one has a problem
  const kept = prev ? echo(formatCompare([prev])) : null;
  const opt = readRunOptimiser(d.opt);
  if (!opt) {
    notes.push(
      kept === null
        ? t('{label} {run}: {value} is not an optimiser (one of {names}); run refused', { label, run: echo(d.text), value: echo(d.opt), names: OPTIMISERS.join(', ') })
        : t('{label} {run}: {value} is not an optimiser (one of {names}); kept the run as it was: {kept}', { label, run: echo(d.text), value: echo(d.opt), names: OPTIMISERS.join(', '), kept }),
    );
    return prev ? copyRuns([prev])[0] : null;
  }
  let bad = 0;
  const problem = (message: string) => {
    bad++;
    notes.push(message);
  };
  for (const token of d.malformed)
    problem(
      kept === null
        ? `compare: ${t('run {index}: {value} is not name=value; ignored', { index: d.index, value: echo(token) })}`
        : t('{label} ({opt}): {value} is not name=value; kept the run as it was: {kept}', { label, opt, value: echo(token), kept }),
    );
  const overrides: Partial<RunHyper> = {};
  for (const [name, value] of d.overrides) {
    const hyper = typeof name === 'string' ? name.trim() : name;
    if (typeof hyper !== 'string' || !(RUN_HYPER_NAMES as string[]).includes(hyper)) {
      problem(
        kept === null
          ? t('{label} ({opt}): {value} is not a hyperparameter (one of {names}); ignored', { label, opt, value: echo(hyper), names: RUN_HYPER_NAMES.join(', ') })
          : t('{label} ({opt}): {value} is not a hyperparameter (one of {names}); kept the run as it was: {kept}', { label, opt, value: echo(hyper), names: RUN_HYPER_NAMES.join(', '), kept }),
      );
      continue;
    }
    const h = hyper as RunHyperName;
    if (!runHyperUsed(opt).includes(h)) {
      problem(
        kept === null
          ? t('{label} ({opt}): {name} is not used by {opt} (it uses {names}); ignored', { label, opt, name: h, names: runHyperUsed(opt).join(', ') })
          : t('{label} ({opt}): {name} is not used by {opt} (it uses {names}); kept the run as it was: {kept}', { label, opt, name: h, names: runHyperUsed(opt).join(', '), kept }),
      );
      continue;
    }
    // a refused value: the run as it was, or (a URL) the shared value, named
    const instead = kept !== null ? t('the run as it was: {kept}', { kept }) : ctx.shared ? t('the shared value {name} = {value}', { name: h, value: ctx.shared[h] ?? `lr (${ctx.shared.lr})` }) : t('the shared value');
    const c = checkNumber(`${label} (${opt}) ${h}`, value, runHyperSpec(h), instead);
    if (c.value === null) problem(c.message);
    else {
      if (c.message) notes.push(c.message); // clamped into its limits, said
      overrides[h] = c.value;
    }
  }
  if (bad > 0 && prev) return copyRuns([prev])[0];
  const ordered: Partial<RunHyper> = {};
  for (const h of RUN_HYPER_NAMES) if (overrides[h] !== undefined) (ordered as Record<string, unknown>)[h] = overrides[h];
  return { opt, overrides: ordered };
}

function validateRuns(drafts: RunDraft[], notes: string[], ctx: CompareContext = {}): CompareRun[] {
  const runs: CompareRun[] = [];
  const excess: number[] = [];
  for (const d of drafts) {
    if (runs.length >= MAX_COMPARE) {
      excess.push(d.index); // refused whatever it holds
      continue;
    }
    const run = validateRun(d, ctx, notes);
    if (run) runs.push(run);
  }
  // first, so that a cap on the number of messages never hides it
  if (excess.length === 1) notes.unshift(`compare: ${t('at most {max} runs; refused run {index}', { max: MAX_COMPARE, index: excess[0] })}`);
  else if (excess.length > 1)
    notes.unshift(`compare: ${t('at most {max} runs; refused {count} runs ({first} to {last})', { max: MAX_COMPARE, count: excess.length, first: excess[0], last: excess[excess.length - 1] })}`);
  return runs;
}

/**
 * Parses the compare string: runs separated by ';', each an optimiser name followed by
 * comma-separated name=value overrides, e.g. "sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam".
 * Refused runs, hyperparameters and values get a message each (at most a few, then a count);
 * the valid runs are kept, and with ctx.previous a bad run keeps the one it replaces.
 * Empty runs (";;", a trailing ";") are skipped without a message.
 */
export function parseCompare(text: string, ctx: CompareContext = {}): { runs: CompareRun[]; messages: string[] } {
  const notes: string[] = [];
  const drafts: RunDraft[] = [];
  let index = 0;
  for (const segment of safeString(text).split(';')) {
    if (segment.trim() === '') continue;
    index++;
    const [name, ...tokens] = segment.split(',');
    const overrides: [unknown, unknown][] = [];
    const malformed: string[] = [];
    for (const token of tokens) {
      if (token.trim() === '') continue; // "sgd,,lr=1" and a trailing "," are fine
      const eq = token.indexOf('=');
      if (eq < 0) malformed.push(token.trim());
      else overrides.push([token.slice(0, eq), token.slice(eq + 1)]);
    }
    drafts.push({ index, opt: name, overrides, malformed, text: segment.trim() });
  }
  const runs = validateRuns(drafts, notes, ctx);
  return { runs, messages: capMessages(notes, 'compare') };
}

/** The URL form of compare runs (the inverse of parseCompare). */
export function formatCompare(runs: readonly CompareRun[]): string {
  return runs
    .map((r) => [r.opt, ...RUN_HYPER_NAMES.filter((h) => r.overrides[h] !== undefined && r.overrides[h] !== null).map((h) => `${h}=${r.overrides[h]}`)].join(','))
    .join(';');
}

/** compare from a URL (the string form) or a script (the string, or an array of {opt, overrides}). */
function readCompare(v: unknown, ctx: CompareContext): { runs: CompareRun[] | null; messages: string[] } {
  if (!Array.isArray(v)) {
    if (v === null || typeof v === 'object') return { runs: null, messages: [`compare: ${t('{value} is not a list of runs; kept the current runs', { value: echo(v) })}`] };
    return parseCompare(safeString(v), ctx);
  }
  const notes: string[] = [];
  const drafts: RunDraft[] = [];
  v.forEach((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      notes.push(`compare: ${t('run {index} {value} is not {opt, overrides}; run refused', { index: i + 1, value: echo(item) })}`);
      return;
    }
    const o = item as { opt?: unknown; overrides?: unknown };
    let overrides: [unknown, unknown][] = [];
    if (o.overrides !== undefined && o.overrides !== null) {
      if (typeof o.overrides === 'object' && !Array.isArray(o.overrides)) overrides = Object.entries(o.overrides);
      else notes.push(`compare: ${t('run {index}: overrides {value} is not {name: value}; ignored', { index: i + 1, value: echo(o.overrides) })}`);
    }
    drafts.push({ index: i + 1, opt: o.opt, overrides, malformed: [], text: o.opt });
  });
  const runs = validateRuns(drafts, notes, ctx);
  return { runs, messages: capMessages(notes, 'compare') };
}

function copyRuns(runs: readonly CompareRun[]): CompareRun[] {
  return runs.map((r) => ({ opt: r.opt, overrides: { ...r.overrides } }));
}

/**
 * The full hyperparameters a run uses: the shared ones of params, then the run's overrides.
 * lrWRec null (not given) means the run's own lr.
 */
export function hyperFor(p: Readonly<Hyper> & { readonly lrWRec?: number | null }, run?: Readonly<CompareRun>): RunHyper {
  const h = { lrWRec: null } as RunHyper;
  for (const n of HYPER_NAMES) h[n] = p[n];
  h.lrWRec = p.lrWRec ?? null;
  if (run) for (const n of RUN_HYPER_NAMES) if (run.overrides[n] !== undefined) (h as unknown as Record<string, number | null>)[n] = run.overrides[n]!;
  return h;
}

// --- a run's hyperparameters: SPEC's and lrWRec ----------------------------------------------

export type RunHyperName = HyperName | 'lrWRec';
/** The hyperparameters a compared run may set, in URL order: lrWRec right after lr. */
export const RUN_HYPER_NAMES: readonly RunHyperName[] = HYPER_NAMES.flatMap((h): RunHyperName[] => (h === 'lr' ? ['lr', 'lrWRec'] : [h]));

/** What opt reads: HYPER_USED, and lrWRec after lr for the optimisers with a learning rate. */
export function runHyperUsed(opt: OptimiserName): readonly RunHyperName[] {
  return usesLrWRec(opt) ? HYPER_USED[opt].flatMap((h): RunHyperName[] => (h === 'lr' ? ['lr', 'lrWRec'] : [h])) : HYPER_USED[opt];
}

function runHyperSpec(name: RunHyperName): NumberSpec {
  return hyperSpec(name === 'lrWRec' ? 'lr' : name);
}

// --- the atlas axes --------------------------------------------------------------------------

export interface AtlasAxis {
  /** the hyperparameter on this axis, e.g. "lr of wx" or "etaPlus" */
  label: string;
  /** for log axes the log10 exponents, else the values; lo < hi */
  lo: number;
  hi: number;
  /** the value at t is 10^t (learning rates), else t (etas) */
  log: boolean;
}

/**
 * The hyperparameter grid of atlas=lr for the optimiser opt (default: the main one). lr
 * optimisers: x, y = log10 of the learning rate of wx and of wRec, atlasRange, or where it is
 * null the window derived from the start (defaultAtlasLrRange, on the data set d). Rprop family:
 * x = etaPlus, y = etaMinus (linear), atlasEtaRange. Both are clamped at parse time.
 */
export function atlasAxes(p: Pick<Params, 'opt' | 'atlasRange' | 'atlasEtaRange' | 'start'>, opt: OptimiserName, d: Dataset): { x: AtlasAxis; y: AtlasAxis } {
  if (isRpropFamily(opt)) {
    const r = p.atlasEtaRange;
    return { x: { label: 'etaPlus', lo: r[0], hi: r[1], log: false }, y: { label: 'etaMinus', lo: r[2], hi: r[3], log: false } };
  }
  const r = effectiveAtlasRange(p, d);
  return { x: { label: t('lr of wx'), lo: r[0], hi: r[1], log: true }, y: { label: t('lr of wRec'), lo: r[2], hi: r[3], log: true } };
}

/** atlasRange, or where it is null (not set) the window derived from the start on the data set d. */
export function effectiveAtlasRange(p: Pick<Params, 'atlasRange' | 'start'>, d: Dataset): [number, number, number, number] {
  if (p.atlasRange) return [...p.atlasRange];
  const r = defaultAtlasLrRange(d, p.start);
  return r.map((v) => Math.min(ATLAS_LR_LIMIT[1], Math.max(ATLAS_LR_LIMIT[0], v))) as [number, number, number, number];
}

// --- normalizeParams -------------------------------------------------------------------------

/**
 * Merges raw values (strings from a URL, or typed values from a script) into base, clamping
 * numbers into their sane ranges. Invalid values keep base's value and add a message.
 */
export function normalizeParams(raw: Raw, base: Params = DEFAULT_PARAMS): Normalized {
  const p: Params = {
    ...base,
    range: [...base.range],
    start: [...base.start],
    cam: [...base.cam],
    atlasRange: base.atlasRange ? [...base.atlasRange] : null,
    atlasEtaRange: [...base.atlasEtaRange],
    compare: copyRuns(base.compare),
  };
  const messages: string[] = [];
  if (raw === null || typeof raw !== 'object') {
    if (raw !== undefined) messages.push(`parameters: ${t('{value} is not a set of name: value; ignored', { value: echo(raw) })}`);
    return { params: p, messages };
  }
  const out = p as unknown as Record<string, unknown>;

  for (const key of PARAM_KEYS) {
    if (!hasOwn(raw, key)) continue;
    const v: unknown = raw[key];
    if (v === undefined) continue;
    const spec = PARAM_SPEC[key];
    const shown = () => formatValue(p[key]);
    switch (spec.kind) {
      case 'number': {
        if (spec.nullable && (v === null || v === '' || v === 'null')) {
          out[key] = null;
          break;
        }
        const c = checkNumber(key, v, spec, shown());
        if (c.message) messages.push(c.message);
        if (c.value !== null) out[key] = c.value;
        break;
      }
      case 'choice': {
        const choice = key === 'opt' ? readOptimiser(v) : key === 'lang' && typeof v === 'string' ? langAlias(v) : v;
        if (typeof choice === 'string' && spec.values.includes(choice)) out[key] = choice;
        else messages.push(`${key}: ${t('{value} is not one of {values}; kept {kept}', { value: echo(v), values: spec.values.join(', '), kept: shown() })}`);
        break;
      }
      case 'flag': {
        if (v === true || v === 'true' || v === '1' || v === 1) out[key] = true;
        else if (v === false || v === 'false' || v === '0' || v === 0) out[key] = false;
        else messages.push(`${key}: ${t('{value} is not 0 or 1; kept {kept}', { value: echo(v), kept: shown() })}`);
        break;
      }
      case 'list': {
        if (spec.nullable && (v === null || v === '' || v === 'null')) {
          out[key] = null;
          break;
        }
        const list = toNumberList(v, spec.length);
        const kept = shown();
        if (!list) {
          const text = spec.length === 2 ? N_('{value} must be two numbers {names}; kept {kept}') : N_('{value} must be four numbers {names}; kept {kept}');
          messages.push(`${key}: ${t(text, { value: echo(v), names: spec.names, kept })}`);
          break;
        }
        if (spec.ordered && !(list[0] < list[1] && list[2] < list[3])) {
          messages.push(`${key}: ${t('each minimum must be below its maximum; kept {kept}', { kept })}`);
          break;
        }
        // the second pair has its own limits where yMin/yMax are given (atlasEtaRange: etaMinus)
        const lim = (i: number): [number, number] => (i >= 2 && spec.yMin !== undefined && spec.yMax !== undefined ? [spec.yMin, spec.yMax] : [spec.min, spec.max]);
        const c = list.map((x, i) => Math.min(lim(i)[1], Math.max(lim(i)[0], x)));
        const limits = spec.yMin !== undefined ? `[${spec.min}, ${spec.max}] × [${spec.yMin}, ${spec.yMax}]` : `[${spec.min}, ${spec.max}]`;
        if (spec.ordered && !(c[0] < c[1] && c[2] < c[3])) {
          messages.push(`${key}: ${t('must overlap {limits}; kept {kept}', { limits, kept })}`);
          break;
        }
        if (spec.ordered && !(c[1] - c[0] >= MIN_SPAN && c[3] - c[2] >= MIN_SPAN)) {
          messages.push(`${key}: ${t('each maximum must exceed its minimum by at least {span}; kept {kept}', { span: MIN_SPAN, kept })}`);
          break;
        }
        if (c.some((x, i) => x !== list[i])) messages.push(`${key}: ${t('clamped to {limits}: {values}', { limits, values: c.join(',') })}`);
        out[key] = c;
        break;
      }
      case 'cam': {
        const c = toNumberList(v, 3);
        if (!c) {
          messages.push(`cam: ${t('{value} must be azimuth,elevation,distance; kept {kept}', { value: echo(v), kept: shown() })}`);
          break;
        }
        // the azimuth is an angle: any value is taken modulo 360 into [-180, 180), silently
        const azimuth = c[0] >= -180 && c[0] < 180 ? c[0] : ((((c[0] + 180) % 360) + 360) % 360) - 180;
        const clamped: [number, number, number] = [azimuth + 0, Math.min(89, Math.max(-89, c[1])), Math.min(20, Math.max(1.5, c[2]))];
        if (clamped[1] !== c[1] || clamped[2] !== c[2]) messages.push(`cam: ${t('clamped to {values} (elevation -89..89, distance 1.5..20)', { values: clamped.join(',') })}`);
        p.cam = clamped;
        break;
      }
      case 'data': {
        if (v === null || typeof v === 'object') {
          messages.push(`data: ${t('{value} is not text; kept the current data', { value: echo(v) })}`);
          break;
        }
        const text = safeString(v).trim();
        if (text === '') {
          p.data = '';
          break;
        }
        try {
          p.data = datasetToText(parseRows(text)); // canonical: rows of 0/1 joined by commas
        } catch (e) {
          messages.push(`data: ${safeString((e as Error)?.message)}`);
        }
        break;
      }
      case 'test': {
        if (v === null || typeof v === 'object') {
          messages.push(`test: ${t('{value} is not text; kept {kept}', { value: echo(v), kept: echo(p.test) })}`);
          break;
        }
        const s = safeString(v);
        const digits = s.replace(/[\s,]+/g, '');
        if (/^[01]{1,200}$/.test(digits)) p.test = digits;
        else messages.push(`test: ${t('{value} must be 1 to 200 digits 0 or 1; kept {kept}', { value: echo(s), kept: echo(p.test) })}`);
        break;
      }
      case 'compare': {
        // read against the shared values (parsed before it) and the runs it replaces
        const { runs, messages: notes } = readCompare(v, { shared: p, previous: base.compare });
        messages.push(...notes);
        if (runs) p.compare = runs;
        break;
      }
    }
  }

  const unknown: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!(PARAM_KEYS as string[]).includes(key)) unknown.push(t('unknown parameter {name} ignored', { name: echo(key) }));
  }
  messages.push(...capMessages(unknown, t('unknown parameters')));
  return { params: p, messages };
}

/**
 * seed, samples and seqLen make the random preset's data set only: given (other than their
 * defaults) while another data set is in use, they are kept but not used, and said so, one
 * message per key. Kept apart from normalizeParams, whose messages mean "refused or changed".
 */
export function unusedRandomPresetNotes(raw: unknown, p: Params): string[] {
  if (raw === null || typeof raw !== 'object') return [];
  const r = raw as Raw;
  const random = p.preset === 'random' && !p.data;
  if (random) return [];
  const text = p.data
    ? N_('{value} is not used: custom rows (data) are in use; seed, samples and seqLen only make the random preset (preset=random)')
    : N_('{value} is not used: they only make the random preset (preset=random), not the tutorial one');
  return (['seed', 'samples', 'seqLen'] as const)
    .filter((key) => hasOwn(r, key) && r[key] !== undefined && p[key] !== DEFAULT_PARAMS[key])
    .map((key) => `${key}: ${t(text, { value: p[key] })}`);
}

/** The URL form of one value. */
function formatValue(v: Params[keyof Params]): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object') ? formatCompare(v as CompareRun[]) : v.join(',');
  return String(v);
}

/** The query string for params: only values that differ from the defaults, in a fixed order. */
export function paramsToQuery(p: Params): string {
  const q = new URLSearchParams();
  for (const key of PARAM_KEYS) {
    const v = formatValue(p[key]);
    if (v !== formatValue(DEFAULT_PARAMS[key])) q.set(key, v);
  }
  // ',' ';' '=' are safe inside a query value and easier to read unescaped
  return q.toString().replace(/%2C/gi, ',').replace(/%3B/gi, ';').replace(/%3D/gi, '=');
}

/** The data set that params describe: typed rows first, else the chosen preset. */
export function datasetFor(p: Params): Dataset {
  if (p.data) return parseRows(p.data);
  return p.preset === 'random' ? randomDataset(p.seed, p.samples, p.seqLen) : tutorialDataset();
}
