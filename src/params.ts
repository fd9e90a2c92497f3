/**
 * The app's parameters: one object, the same names in params(), setParams() and the URL query.
 * Parsing and clamping live here so that the URL, the GUI and scripts all get the same rules
 * and the same messages. No DOM.
 */
import { MAX_SAMPLES, MAX_SEQ_LEN, parseRows, randomDataset, tutorialDataset, type Dataset } from './model/dataset';

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';
export type Preset = 'tutorial' | 'random';

export interface Params {
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
  /** Rprop start (wx, wRec) */
  start: [number, number];
  delta0: number;
  etaPlus: number;
  etaMinus: number;
  iterations: number;
  backend: BackendChoice;

  // --- view and playback (no effect on the numbers) ---
  /** which views: the 3D surface, the 2D panels, or both */
  layout: Layout;
  /** contour lines at the tutorial's levels, in 3D and 2D */
  contours: boolean;
  /** 2D heatmap: the whole range, or the tutorial's zoom on [0, 2]^2 */
  zoom: Zoom;
  /** animation speed, Rprop iterations per second */
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
}

export type Layout = 'both' | '3d' | '2d';
export type Zoom = 'full' | 'zoom';
export const DEFAULT_CAMERA: [number, number, number] = [35, 52, 5.4];

export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze({
  data: '',
  preset: 'tutorial',
  seed: 0,
  samples: 20,
  seqLen: 10,
  range: [-3, 3, -3, 3],
  res: 256,
  start: [-1.5, 2],
  delta0: 0.001,
  etaPlus: 1.2,
  etaMinus: 0.5,
  iterations: 500,
  backend: 'auto',
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
} as Params);

/** Keys that change the computed numbers; the rest only change what is drawn. */
export const ENGINE_KEYS: readonly (keyof Params)[] = [
  'data', 'preset', 'seed', 'samples', 'seqLen', 'range', 'res', 'start', 'delta0', 'etaPlus', 'etaMinus', 'iterations', 'backend',
];

/** Weights beyond this are refused: with seqLen <= 100 every float64 sum stays finite. */
export const WEIGHT_LIMIT = 10;
export const MAX_RES = 2048;
export const MAX_ITERATIONS = 10000;

export const PARAM_KEYS = Object.keys(DEFAULT_PARAMS) as (keyof Params)[];

export interface Normalized {
  params: Params;
  /** human-readable notes on what was refused or clamped, one per problem */
  messages: string[];
}

type Raw = Partial<Record<keyof Params, unknown>>;

function toNumberList(v: unknown, count: number): number[] | null {
  const list = Array.isArray(v) ? v.map(Number) : String(v).split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (list.length !== count || list.some((x) => !Number.isFinite(x))) return null;
  return list;
}

/**
 * Merges raw values (strings from a URL, or typed values from a script) into base, clamping
 * numbers into their sane ranges. Invalid values keep base's value and add a message.
 */
export function normalizeParams(raw: Raw, base: Params = DEFAULT_PARAMS): Normalized {
  const p: Params = { ...base, range: [...base.range], start: [...base.start], cam: [...base.cam] };
  const messages: string[] = [];

  const num = (key: keyof Params, min: number, max: number, integer: boolean, minExclusive = false): void => {
    if (raw[key] === undefined) return;
    const v = Number(raw[key]);
    if (raw[key] === '' || raw[key] === null || !Number.isFinite(v)) {
      messages.push(`${key}: "${String(raw[key])}" is not a number; kept ${String(p[key])}`);
      return;
    }
    let c = integer ? Math.round(v) : v;
    if (minExclusive && c <= min) {
      messages.push(`${key}: must be greater than ${min}; kept ${String(p[key])}`);
      return;
    }
    c = Math.min(max, Math.max(min, c));
    if (c !== v) messages.push(`${key}: ${v} clamped to ${c} (allowed ${minExclusive ? '>' : ''}${min} .. ${max}${integer ? ', whole numbers' : ''})`);
    (p as unknown as Record<string, number>)[key] = c;
  };

  if (raw.data !== undefined && raw.data !== null) {
    const text = String(raw.data).trim();
    if (text === '') p.data = '';
    else {
      try {
        parseRows(text);
        p.data = text.replace(/\s*[,;\n\r]+\s*/g, ',').replace(/\s+/g, '');
      } catch (e) {
        messages.push(`data: ${(e as Error).message}`);
      }
    }
  }
  if (raw.preset !== undefined) {
    if (raw.preset === 'tutorial' || raw.preset === 'random') p.preset = raw.preset;
    else messages.push(`preset: "${String(raw.preset)}" is not tutorial or random; kept ${p.preset}`);
  }
  num('seed', 0, 0xffffffff, true);
  num('samples', 1, MAX_SAMPLES, true);
  num('seqLen', 1, MAX_SEQ_LEN, true);
  num('res', 2, MAX_RES, true);
  num('delta0', 0, 10, false, true);
  num('etaPlus', 1, 10, false);
  num('etaMinus', 0, 1, false, true);
  num('iterations', 0, MAX_ITERATIONS, true);

  if (raw.range !== undefined) {
    const r = toNumberList(raw.range, 4);
    if (!r) messages.push(`range: "${String(raw.range)}" must be four numbers wxMin,wxMax,wRecMin,wRecMax; kept ${p.range.join(',')}`);
    else if (!(r[0] < r[1]) || !(r[2] < r[3])) messages.push(`range: each minimum must be below its maximum; kept ${p.range.join(',')}`);
    else {
      const c = r.map((v) => Math.min(WEIGHT_LIMIT, Math.max(-WEIGHT_LIMIT, v)));
      if (c[0] >= c[1] || c[2] >= c[3]) messages.push(`range: must overlap [-${WEIGHT_LIMIT}, ${WEIGHT_LIMIT}]; kept ${p.range.join(',')}`);
      else {
        if (c.some((v, i) => v !== r[i])) messages.push(`range: clamped to [-${WEIGHT_LIMIT}, ${WEIGHT_LIMIT}]: ${c.join(',')}`);
        p.range = c as Params['range'];
      }
    }
  }
  if (raw.start !== undefined) {
    const s = toNumberList(raw.start, 2);
    if (!s) messages.push(`start: "${String(raw.start)}" must be two numbers wx,wRec; kept ${p.start.join(',')}`);
    else {
      const c = s.map((v) => Math.min(WEIGHT_LIMIT, Math.max(-WEIGHT_LIMIT, v)));
      if (c.some((v, i) => v !== s[i])) messages.push(`start: clamped to [-${WEIGHT_LIMIT}, ${WEIGHT_LIMIT}]: ${c.join(',')}`);
      p.start = c as Params['start'];
    }
  }
  if (raw.backend !== undefined) {
    if (raw.backend === 'auto' || raw.backend === 'webgpu' || raw.backend === 'cpu') p.backend = raw.backend;
    else messages.push(`backend: "${String(raw.backend)}" is not webgpu, cpu or auto; kept ${p.backend}`);
  }
  const choice = <K extends 'layout' | 'zoom'>(key: K, allowed: readonly Params[K][]) => {
    if (raw[key] === undefined) return;
    if ((allowed as unknown[]).includes(raw[key])) p[key] = raw[key] as Params[K];
    else messages.push(`${key}: "${String(raw[key])}" is not one of ${allowed.join(', ')}; kept ${p[key]}`);
  };
  const flag = (key: 'contours' | 'play' | 'still' | 'gui') => {
    const v = raw[key];
    if (v === undefined) return;
    if (v === true || v === 'true' || v === '1' || v === 1) p[key] = true;
    else if (v === false || v === 'false' || v === '0' || v === 0) p[key] = false;
    else messages.push(`${key}: "${String(v)}" is not 0 or 1; kept ${p[key] ? 1 : 0}`);
  };
  choice('layout', ['both', '3d', '2d']);
  choice('zoom', ['full', 'zoom']);
  flag('contours');
  flag('play');
  flag('still');
  flag('gui');
  num('speed', 1, 1000, false);
  num('frame', -1, MAX_ITERATIONS, true);
  if (raw.test !== undefined) {
    const t = String(raw.test).replace(/[\s,]+/g, '');
    if (/^[01]{1,200}$/.test(t)) p.test = t;
    else messages.push(`test: "${String(raw.test).slice(0, 30)}" must be 1 to 200 digits 0 or 1; kept ${p.test}`);
  }
  if (raw.cam !== undefined) {
    const c = toNumberList(raw.cam, 3);
    if (!c) messages.push(`cam: "${String(raw.cam)}" must be azimuth,elevation,distance; kept ${p.cam.join(',')}`);
    else {
      const clamped: [number, number, number] = [
        ((((c[0] + 180) % 360) + 360) % 360) - 180,
        Math.min(89, Math.max(-89, c[1])),
        Math.min(20, Math.max(1.5, c[2])),
      ];
      if (clamped[1] !== c[1] || clamped[2] !== c[2]) messages.push(`cam: clamped to ${clamped.join(',')} (elevation -89..89, distance 1.5..20)`);
      p.cam = clamped;
    }
  }
  for (const key of Object.keys(raw)) {
    if (!(PARAM_KEYS as string[]).includes(key)) messages.push(`unknown parameter "${key}" ignored`);
  }
  return { params: p, messages };
}


function formatValue(v: Params[keyof Params]): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** The query string for params: only values that differ from the defaults, in a fixed order. */
export function paramsToQuery(p: Params): string {
  const q = new URLSearchParams();
  for (const key of PARAM_KEYS) {
    const v = formatValue(p[key]);
    if (v !== formatValue(DEFAULT_PARAMS[key])) q.set(key, v);
  }
  return q.toString().replace(/%2C/g, ',');
}

/** The data set that params describe: typed rows first, else the chosen preset. */
export function datasetFor(p: Params): Dataset {
  if (p.data) return parseRows(p.data);
  return p.preset === 'random' ? randomDataset(p.seed, p.samples, p.seqLen) : tutorialDataset();
}
