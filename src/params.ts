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
}

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
} as Params);

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
  const p: Params = { ...base, range: [...base.range], start: [...base.start] };
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
  for (const key of Object.keys(raw)) {
    if (!(PARAM_KEYS as string[]).includes(key)) messages.push(`unknown parameter "${key}" ignored`);
  }
  return { params: p, messages };
}

/** Reads the parameters from a URL query string; unknown keys that other layers own are skipped. */
export function paramsFromQuery(search: string, ownedElsewhere: readonly string[] = []): Normalized {
  const q = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  q.forEach((v, k) => {
    if (!ownedElsewhere.includes(k)) raw[k] = v;
  });
  return normalizeParams(raw);
}

function formatValue(v: Params[keyof Params]): string {
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
