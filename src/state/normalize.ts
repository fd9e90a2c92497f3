/**
 * Raw values (strings from a URL, typed values from a script) merged into parameters, read
 * against PARAM_SPEC. No DOM.
 *
 * Rules: nothing throws; a value that cannot be used keeps the previous value and adds one
 * message naming what was refused; a number out of range is clamped, with a message; a value
 * that is already normalized passes again unchanged and without a message.
 */
import { datasetToText, parseRows } from '../model/dataset';
import { N_, langAlias, t } from '../i18n';
import { DEFAULT_PARAMS, MIN_SPAN, PARAM_KEYS, PARAM_SPEC, type Normalized, type ParamSpec, type Params, type RawParams } from './schema';
import { capMessages, checkNumber, echo, hasOwn, readOptimiser, safeString, toNumberList } from './values';
import { copyRuns, readCompare } from './compare';
import { formatValue } from './url';
import { modelOf } from '../model/models';

/** One key's reading: its value in p (assigned, or left as it was) and its messages. */
interface Read {
  key: keyof Params;
  v: unknown;
  /** the parameters being built (base's values until assigned) */
  p: Params;
  base: Params;
  messages: string[];
}

/** null (or '' or 'null' in a URL) where the key's spec allows it: a value of its own. */
function isNull(spec: { nullable?: true }, v: unknown): boolean {
  return spec.nullable === true && (v === null || v === '' || v === 'null');
}

function set(r: Read, value: unknown): void {
  (r.p as unknown as Record<string, unknown>)[r.key] = value;
}

function readNumber(r: Read, spec: Extract<ParamSpec, { kind: 'number' }>): void {
  if (isNull(spec, r.v)) return set(r, null);
  const c = checkNumber(r.key, r.v, spec, formatValue(r.p[r.key]));
  if (c.message) r.messages.push(c.message);
  if (c.value !== null) set(r, c.value);
}

function readChoice(r: Read, spec: Extract<ParamSpec, { kind: 'choice' }>): void {
  const { key, v } = r;
  const choice = key === 'opt' ? readOptimiser(v) : key === 'lang' && typeof v === 'string' ? langAlias(v) : v;
  if (typeof choice === 'string' && spec.values.includes(choice)) set(r, choice);
  else r.messages.push(`${key}: ${t('{value} is not one of {values}; kept {kept}', { value: echo(v), values: spec.values.join(', '), kept: formatValue(r.p[key]) })}`);
}

function readFlag(r: Read): void {
  const v = r.v;
  if (v === true || v === 'true' || v === '1' || v === 1) set(r, true);
  else if (v === false || v === 'false' || v === '0' || v === 0) set(r, false);
  else r.messages.push(`${r.key}: ${t('{value} is not 0 or 1; kept {kept}', { value: echo(v), kept: formatValue(r.p[r.key]) })}`);
}

/** A list of numbers; ordered lists refuse a minimum at or above its maximum, before and after clamping. */
function readList(r: Read, spec: Extract<ParamSpec, { kind: 'list' }>): void {
  const { key, v, messages } = r;
  if (isNull(spec, v)) return set(r, null);
  const list = toNumberList(v, spec.length);
  const kept = formatValue(r.p[key]);
  if (!list) {
    const text = spec.length === 2 ? N_('{value} must be two numbers {names}; kept {kept}') : N_('{value} must be four numbers {names}; kept {kept}');
    messages.push(`${key}: ${t(text, { value: echo(v), names: spec.names, kept })}`);
    return;
  }
  if (spec.ordered && !(list[0] < list[1] && list[2] < list[3])) {
    messages.push(`${key}: ${t('each minimum must be below its maximum; kept {kept}', { kept })}`);
    return;
  }
  // the second pair has its own limits where yMin/yMax are given (atlasEtaRange: etaMinus)
  const lim = (i: number): [number, number] => (i >= 2 && spec.yMin !== undefined && spec.yMax !== undefined ? [spec.yMin, spec.yMax] : [spec.min, spec.max]);
  const c = list.map((x, i) => Math.min(lim(i)[1], Math.max(lim(i)[0], x)));
  const limits = spec.yMin !== undefined ? `[${spec.min}, ${spec.max}] × [${spec.yMin}, ${spec.yMax}]` : `[${spec.min}, ${spec.max}]`;
  if (spec.ordered && !(c[0] < c[1] && c[2] < c[3])) {
    messages.push(`${key}: ${t('must overlap {limits}; kept {kept}', { limits, kept })}`);
    return;
  }
  if (spec.ordered && !(c[1] - c[0] >= MIN_SPAN && c[3] - c[2] >= MIN_SPAN)) {
    messages.push(`${key}: ${t('each maximum must exceed its minimum by at least {span}; kept {kept}', { span: MIN_SPAN, kept })}`);
    return;
  }
  if (c.some((x, i) => x !== list[i])) messages.push(`${key}: ${t('clamped to {limits}: {values}', { limits, values: c.join(',') })}`);
  set(r, c);
}

function readCam(r: Read): void {
  const c = toNumberList(r.v, 3);
  if (!c) {
    r.messages.push(`cam: ${t('{value} must be azimuth,elevation,distance; kept {kept}', { value: echo(r.v), kept: formatValue(r.p.cam) })}`);
    return;
  }
  // the azimuth is an angle: any value is taken modulo 360 into [-180, 180), silently
  const azimuth = c[0] >= -180 && c[0] < 180 ? c[0] : ((((c[0] + 180) % 360) + 360) % 360) - 180;
  const clamped: [number, number, number] = [azimuth + 0, Math.min(89, Math.max(-89, c[1])), Math.min(20, Math.max(1.5, c[2]))];
  if (clamped[1] !== c[1] || clamped[2] !== c[2]) r.messages.push(`cam: ${t('clamped to {values} (elevation -89..89, distance 1.5..20)', { values: clamped.join(',') })}`);
  r.p.cam = clamped;
}

function readData(r: Read): void {
  const v = r.v;
  if (v === null || typeof v === 'object') {
    r.messages.push(`data: ${t('{value} is not text; kept the current data', { value: echo(v) })}`);
    return;
  }
  const text = safeString(v).trim();
  if (text === '') {
    r.p.data = '';
    return;
  }
  try {
    r.p.data = datasetToText(parseRows(text)); // canonical: rows of 0/1 joined by commas
  } catch (e) {
    r.messages.push(`data: ${safeString((e as Error)?.message)}`);
  }
}

function readTest(r: Read): void {
  const { v, p } = r;
  if (v === null || typeof v === 'object') {
    r.messages.push(`test: ${t('{value} is not text; kept {kept}', { value: echo(v), kept: echo(p.test) })}`);
    return;
  }
  const s = safeString(v);
  const digits = s.replace(/[\s,]+/g, '');
  if (/^[01]{1,200}$/.test(digits)) p.test = digits;
  else r.messages.push(`test: ${t('{value} must be 1 to 200 digits 0 or 1; kept {kept}', { value: echo(s), kept: echo(p.test) })}`);
}

/** Read against the shared values (parsed before it) and the runs it replaces. */
function readCompareKey(r: Read): void {
  const { runs, messages } = readCompare(r.v, { shared: r.p, previous: r.base.compare });
  r.messages.push(...messages);
  if (runs) r.p.compare = runs;
}

function readKey(r: Read): void {
  const spec = PARAM_SPEC[r.key];
  switch (spec.kind) {
    case 'number': return readNumber(r, spec);
    case 'choice': return readChoice(r, spec);
    case 'flag': return readFlag(r);
    case 'list': return readList(r, spec);
    case 'cam': return readCam(r);
    case 'data': return readData(r);
    case 'test': return readTest(r);
    case 'compare': return readCompareKey(r);
  }
}

/** A copy of p that shares no array with it. */
function copyParams(p: Params): Params {
  return {
    ...p,
    range: [...p.range],
    start: [...p.start],
    cam: [...p.cam],
    atlasRange: p.atlasRange ? [...p.atlasRange] : null,
    atlasEtaRange: [...p.atlasEtaRange],
    sweepRange: p.sweepRange ? [...p.sweepRange] : null,
    compare: copyRuns(p.compare),
  };
}

/**
 * Merges raw values (strings from a URL, or typed values from a script) into base, clamping
 * numbers into their sane ranges. Invalid values keep base's value and add a message.
 */
export function normalizeParams(raw: RawParams, base: Params = DEFAULT_PARAMS): Normalized {
  const p = copyParams(base);
  const messages: string[] = [];
  if (raw === null || typeof raw !== 'object') {
    if (raw !== undefined) messages.push(`parameters: ${t('{value} is not a set of name: value; ignored', { value: echo(raw) })}`);
    return { params: p, messages };
  }
  for (const key of PARAM_KEYS) {
    if (!hasOwn(raw, key) || raw[key] === undefined) continue;
    readKey({ key, v: raw[key], p, base, messages });
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
  const r = raw as RawParams;
  const random = p.preset === 'random' && !p.data;
  if (random || !modelOf(p.model).usesData) return []; // a model without data: unusedModelNotes
  const text = p.data
    ? N_('{value} is not used: custom rows (data) are in use; seed, samples and seqLen only make the random preset (preset=random)')
    : N_('{value} is not used: they only make the random preset (preset=random), not the tutorial one');
  return (['seed', 'samples', 'seqLen'] as const)
    .filter((key) => hasOwn(r, key) && r[key] !== undefined && p[key] !== DEFAULT_PARAMS[key])
    .map((key) => `${key}: ${t(text, { value: p[key] })}`);
}


/** The keys of the data set and of "try the model", used only by a model that has them (usesData, tryModel). */
const DATA_KEYS = ['data', 'preset', 'seed', 'samples', 'seqLen'] as const;

/**
 * Keys given that the chosen model does not use, said rather than refused (kept as they are):
 * the data keys and `test` with a model without data (the sigmoid unit), another model's own
 * parameters (x0, target, steps with the linear RNN). One message per key.
 */
export function unusedModelNotes(raw: unknown, p: Params): string[] {
  if (raw === null || typeof raw !== 'object') return [];
  const r = raw as RawParams;
  const model = modelOf(p.model);
  const given = (key: keyof Params) => hasOwn(r, key) && r[key] !== undefined && key !== 'model';
  const notes: string[] = [];
  if (!model.usesData) {
    for (const key of DATA_KEYS) if (given(key)) notes.push(`${key}: ${t('not used: the {model} model has no data set', { model: model.name })}`);
  }
  if (!model.tryModel && given('test')) notes.push(`test: ${t('not used: the {model} model has no "try the model"', { model: model.name })}`);
  const own = new Set(model.params.map((q) => q.key));
  for (const key of ['x0', 'target', 'steps'] as const) {
    if (given(key) && !own.has(key)) notes.push(`${key}: ${t('not used by the {model} model', { model: model.name })}`);
  }
  return notes;
}

/**
 * Where the model changed and `range`, `start` or `cam` were not given with it, they become the new
 * model's defaults (its default window, start and camera). Kept apart from normalizeParams, whose keys
 * each change only themselves.
 */
export function withModelDefaults(raw: unknown, p: Params, base: Params): Params {
  if (p.model === base.model || raw === null || typeof raw !== 'object') return p;
  const r = raw as RawParams;
  const m = modelOf(p.model);
  const out = { ...p };
  if (!(hasOwn(r, 'range') && r.range !== undefined)) out.range = [...m.defaultRange] as Params['range'];
  if (!(hasOwn(r, 'start') && r.start !== undefined)) out.start = [...m.defaultStart] as Params['start'];
  if (!(hasOwn(r, 'cam') && r.cam !== undefined)) out.cam = [...m.defaultCamera] as Params['cam'];
  return out;
}
