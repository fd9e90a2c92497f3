/**
 * Property-based tests (fast-check) of parameter parsing: every URL key (PARAM_KEYS, so new
 * keys are covered without touching this file) against random strings, empty values, NaN,
 * +/-Infinity, 1e308, negative and non-integer numbers, unicode, very long values, duplicated
 * keys, typed values from scripts, and data with ragged rows, non-binary characters, 10^5 rows
 * or a row of 10^5 digits. Every case must end in usable parameters (isUsable), with a message
 * for whatever was refused or changed, messages of bounded length, and nothing thrown.
 */
import { langAlias } from '../../src/i18n';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SAMPLES, MAX_SEQ_LEN, datasetToText, parseRows, tutorialDataset } from '../../src/model/dataset';
import { HYPER_DEFAULTS, HYPER_LIMITS, HYPER_NAMES, HYPER_USED, OPTIMISERS, isRpropFamily, type HyperName } from '../../src/model/optimiserSpec';
import { ATLAS_ETA_LIMITS, ATLAS_LR_LIMIT, DEFAULT_PARAMS, ECHO_MAX, ENGINE_KEYS, MAX_COMPARE, MIN_SPAN, PARAM_KEYS, PARAM_SPEC, type CompareRun, type ParamSpec, type Params } from '../../src/state/schema';
import { atlasAxes, datasetFor, hyperFor } from '../../src/state/derived';
import { runHyperUsed, formatCompare, parseCompare } from '../../src/state/compare';
import { normalizeParams, unusedRandomPresetNotes } from '../../src/state/normalize';
import { paramsToQuery } from '../../src/state/url';

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;

/** Any value in words, for an assertion's label (String() can throw). */
function show(v: unknown): string {
  try {
    return String(v).slice(0, 60);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** Longest message allowed: an echo is cut to ECHO_MAX characters, the rest is our own text. */
const MAX_MESSAGE_LENGTH = 300;
/** At most this many messages per key (compare: 5 and a count), plus as many for unknown keys. */
const MAX_MESSAGES = 6 * (PARAM_KEYS.length + 1);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const opts = { numRuns: RUNS, seed: SEED };
/** vitest's time limit for one property, scaled with FC_RUNS */
const PROPERTY_TIMEOUT = 30_000 + RUNS * 20;

/** Raw parameters the way src/main.ts builds them from the URL: URLSearchParams, forEach, the last value wins. */
function rawFromQuery(query: string): Record<string, string> {
  const raw: Record<string, string> = {};
  new URLSearchParams(query).forEach((v, k) => (raw[k] = v));
  return raw;
}

// --- the validity checker --------------------------------------------------------------------

function numberOk(v: unknown, s: NumberSpec): boolean {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (s.minExclusive ? v > s.min : v >= s.min) &&
    (s.maxExclusive ? v < s.max : v <= s.max) &&
    (!s.integer || Number.isInteger(v)) &&
    !Object.is(v, -0)
  );
}

type ListSpec = Extract<ParamSpec, { kind: 'list' }>;
/** A list's limits at index i: the second pair has its own where yMin/yMax are given (atlasEtaRange). */
const listMin = (s: ListSpec, i: number) => (i >= 2 && s.yMin !== undefined ? s.yMin : s.min);
const listMax = (s: ListSpec, i: number) => (i >= 2 && s.yMax !== undefined ? s.yMax : s.max);

function hyperSpecOf(h: HyperName | 'lrWRec'): NumberSpec {
  return PARAM_SPEC[h] as NumberSpec;
}

/** Every problem that makes params unusable; empty when the app can use them as they are. */
function usabilityProblems(p: Params): string[] {
  const bad: string[] = [];
  const keys = Object.keys(p).sort();
  if (JSON.stringify(keys) !== JSON.stringify([...PARAM_KEYS].sort())) bad.push(`keys ${keys.join(',')}`);
  for (const key of PARAM_KEYS) {
    const v: unknown = p[key];
    const s = PARAM_SPEC[key];
    const fail = (why: string) => bad.push(`${key}: ${why} (${JSON.stringify(v)?.slice(0, 80)})`);
    switch (s.kind) {
      case 'number':
        if (!(s.nullable && v === null) && !numberOk(v, s)) fail('number out of its limits');
        break;
      case 'choice':
        if (typeof v !== 'string' || !s.values.includes(v)) fail('not one of the choices');
        break;
      case 'flag':
        if (typeof v !== 'boolean') fail('not a boolean');
        break;
      case 'list': {
        const l = v as number[];
        if (s.nullable && l === null) break;
        if (!Array.isArray(l) || l.length !== s.length || l.some((x, i) => typeof x !== 'number' || !Number.isFinite(x) || x < listMin(s, i) || x > listMax(s, i)))
          fail('list of numbers out of its limits');
        else if (s.ordered && !(l[1] - l[0] >= MIN_SPAN && l[3] - l[2] >= MIN_SPAN)) fail(`an axis spans less than ${MIN_SPAN}`);
        break;
      }
      case 'cam': {
        const c = v as number[];
        if (!Array.isArray(c) || c.length !== 3 || c.some((x) => !Number.isFinite(x))) fail('not three numbers');
        else if (!(c[0] >= -180 && c[0] < 180 && c[1] >= -89 && c[1] <= 89 && c[2] >= 1.5 && c[2] <= 20)) fail('out of its limits');
        break;
      }
      case 'data':
        if (typeof v !== 'string') fail('not a string');
        else if (v !== '') {
          try {
            if (datasetToText(parseRows(v)) !== v) fail('not in canonical form');
          } catch (e) {
            fail(`does not parse: ${(e as Error).message}`);
          }
        }
        break;
      case 'test':
        if (typeof v !== 'string' || !/^[01]{1,200}$/.test(v)) fail('not 1..200 digits 0/1');
        break;
      case 'compare': {
        const runs = v as CompareRun[];
        if (!Array.isArray(runs) || runs.length > MAX_COMPARE) fail(`not an array of at most ${MAX_COMPARE} runs`);
        else
          for (const r of runs) {
            if (!OPTIMISERS.includes(r.opt)) fail(`unknown optimiser ${r.opt}`);
            else
              for (const [h, x] of Object.entries(r.overrides)) {
                if (!runHyperUsed(r.opt).includes(h as HyperName)) fail(`${h} not used by ${r.opt}`);
                else if (!numberOk(x, hyperSpecOf(h as HyperName))) fail(`override ${h}=${x} out of its limits`);
              }
          }
        break;
      }
    }
  }
  if (bad.length) return bad;
  // derived values the engine will use
  try {
    const d = datasetFor(p);
    if (d.samples < 1 || d.samples > MAX_SAMPLES || d.seqLen < 1 || d.seqLen > MAX_SEQ_LEN) bad.push('data set size');
  } catch (e) {
    bad.push(`datasetFor throws ${(e as Error).message}`);
  }
  for (const run of [undefined, ...p.compare]) {
    const h = hyperFor(p, run);
    for (const n of HYPER_NAMES) if (!numberOk(h[n], hyperSpecOf(n))) bad.push(`hyperFor ${n}=${h[n]}`);
    if (h.lrWRec !== null && !numberOk(h.lrWRec, hyperSpecOf('lr'))) bad.push(`hyperFor lrWRec=${h.lrWRec}`);
    let d;
    try {
      d = datasetFor(p);
    } catch {
      continue;
    }
    const a = atlasAxes(p, run?.opt ?? p.opt, d);
    const limits = isRpropFamily(run?.opt ?? p.opt) ? [ATLAS_ETA_LIMITS.x, ATLAS_ETA_LIMITS.y] : [ATLAS_LR_LIMIT, ATLAS_LR_LIMIT];
    [a.x, a.y].forEach((ax, i) => {
      if (!(ax.hi - ax.lo >= MIN_SPAN && ax.lo >= limits[i][0] && ax.hi <= limits[i][1])) bad.push(`atlas axis ${ax.label} ${ax.lo}..${ax.hi}`);
    });
  }
  return bad;
}

function isUsable(p: Params): boolean {
  return usabilityProblems(p).length === 0;
}

function expectUsable(p: Params, messages: string[]): void {
  expect(usabilityProblems(p)).toEqual([]);
  expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
  for (const m of messages) {
    expect(typeof m).toBe('string');
    expect(m.length, m.slice(0, 400)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  }
}

// --- what the parser should accept silently (an oracle written apart from the parser) --------

/** A number as the parser reads one: typed numbers and numeric strings only. */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return NaN;
}

function asList(v: unknown, n: number): number[] | null {
  let parts: unknown[];
  if (Array.isArray(v)) parts = v;
  else if (typeof v === 'string') parts = v.split(',');
  else return null;
  const l = parts.map(asNumber);
  return l.length === n && l.every(Number.isFinite) ? l.map((x) => x + 0) : null;
}

type Verdict = { accept: true; expected: unknown; same?: (got: unknown) => boolean } | { accept: false } | { accept: 'unknown' };

/** Whether value v for key must pass unchanged (then expected is the result) or must get a message. */
function verdict(key: keyof Params, v: unknown): Verdict {
  const s = PARAM_SPEC[key];
  if (v === undefined) return { accept: true, expected: DEFAULT_PARAMS[key] }; // absent: setParams({res: undefined}) changes nothing
  // lrWRec and atlasRange: null, '' or 'null' is a value of its own (the same as lr; derived from the start)
  if ((s.kind === 'number' || s.kind === 'list') && s.nullable && (v === null || v === '' || v === 'null')) return { accept: true, expected: null };
  switch (s.kind) {
    case 'number': {
      const n = asNumber(v) + 0;
      return numberOk(n, s) ? { accept: true, expected: n } : { accept: false };
    }
    case 'choice': {
      if (typeof v === 'string' && s.values.includes(v)) return { accept: true, expected: v };
      if (key === 'opt' && typeof v === 'string' && v.endsWith(' ') && s.values.includes(`${v.slice(0, -1)}+`))
        return { accept: true, expected: `${v.slice(0, -1)}+` };
      // lang: any case, spaces around, and the usual tags for the same script (zh-CN, zh-TW, ...)
      if (key === 'lang' && typeof v === 'string' && langAlias(v)) return { accept: true, expected: langAlias(v) };
      return { accept: false };
    }
    case 'flag': {
      if (v === true || v === 1 || v === '1' || v === 'true') return { accept: true, expected: true };
      if (v === false || v === 0 || v === '0' || v === 'false') return { accept: true, expected: false };
      return { accept: false };
    }
    case 'list': {
      const l = asList(v, s.length);
      if (!l || l.some((x, i) => x < listMin(s, i) || x > listMax(s, i)) || (s.ordered && !(l[1] - l[0] >= MIN_SPAN && l[3] - l[2] >= MIN_SPAN))) return { accept: false };
      return { accept: true, expected: l };
    }
    case 'cam': {
      const c = asList(v, 3);
      if (!c || c[1] < -89 || c[1] > 89 || c[2] < 1.5 || c[2] > 20) return { accept: false };
      if (Math.abs(c[0]) > 1e6) return { accept: 'unknown' }; // an equivalent angle, but float64 cannot say which
      const same = (got: unknown) => {
        const g = got as number[];
        const turns = (g[0] - c[0]) / 360;
        return g[1] === c[1] && g[2] === c[2] && Math.abs(turns - Math.round(turns)) < 1e-9;
      };
      return { accept: true, expected: c, same };
    }
    case 'data': {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'bigint') return { accept: false };
      const text = String(v).trim();
      if (text === '') return { accept: true, expected: '' };
      try {
        return { accept: true, expected: datasetToText(parseRows(text)) };
      } catch {
        return { accept: false };
      }
    }
    case 'test': {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'bigint') return { accept: false };
      const t = String(v).replace(/[\s,]+/g, '');
      return /^[01]{1,200}$/.test(t) ? { accept: true, expected: t } : { accept: false };
    }
    case 'compare':
      return { accept: 'unknown' }; // see the structured compare properties below
  }
}

// --- arbitraries -----------------------------------------------------------------------------

const LONG = 100_000;
/** Values every key gets: the classes of the issue. */
const nastyConstants = fc.constantFrom<unknown>(
  '', ' ', '\t\n', '\u00a0', 'NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', '1e308', '-1e308', '1e309', '-1e309', '5e-324',
  '-5e-324', '-0', '0', '1', '-1', '2', '0.5', '-0.5', '1.5', '2.5', '1e-9', '0x10', '0b11', '1_000', '1,2', '1e3', ' 7 ', '+3',
  'null', 'undefined', 'true', 'false', '[]', '{}', '٣', '１２', '\u200b1', '1\u200b', '😀', '\ud800', '\udc00x', 'é', 'e\u0301',
  '<script>alert(1)</script>', '%', '%2C', '&', '=', ';', '0'.repeat(LONG), '1'.repeat(LONG), '9'.repeat(LONG), 'a'.repeat(LONG),
  ','.repeat(LONG), ';'.repeat(LONG), ' '.repeat(LONG), '1,'.repeat(LONG / 2), '😀'.repeat(LONG / 2), `0${' '.repeat(LONG)}1`,
  NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, -0, 0, 1, -1, 0.5, 2.5, 1e-9, 4294967296,
  null, true, false, [], [1], ['1', '2'], {}, Symbol('s'), 10n, () => 1, new Date(0),
  Object.create(null), { toString: () => { throw new Error('toString'); } }, { valueOf: () => 3 },
);
const numberish = fc.oneof(
  fc.double(),
  fc.double({ min: -1e4, max: 1e4 }),
  fc.integer({ min: -5000, max: 5000 }),
  fc.constantFrom(0, 1, 2, 10, 16, 100, 256, 1024, 2048, 10000, 1e6),
);
const numericString = numberish.map((x) => String(x));
const listString = fc.array(fc.oneof(numericString, fc.string({ maxLength: 4 })), { maxLength: 6 }).map((l) => l.join(','));
/** 1..12 rows of 0/1, all as long (1..maxLen) */
const rowsOf = (maxLen: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: maxLen }))
    .chain(([samples, seqLen]) =>
      fc.array(fc.array(fc.constantFrom('0', '1'), { minLength: seqLen, maxLength: seqLen }).map((r) => r.join('')), {
        minLength: samples,
        maxLength: samples,
      }),
    );
/** some longer than MAX_SEQ_LEN */
const binaryRows = rowsOf(MAX_SEQ_LEN + 10);
/** data: good rows with separators and spaces, ragged rows, non-binary characters. */
const dataString = fc.oneof(
  binaryRows.map((rows) => rows.join(',')),
  fc.tuple(binaryRows, fc.constantFrom(',', ';', '\n', ' ,\r\n', ' ; ')).map(([rows, sep]) => rows.map((r) => r.split('').join(' ')).join(sep)),
  fc.tuple(binaryRows, fc.integer({ min: 0, max: 11 })).map(([rows, i]) => rows.map((r, k) => (k === i % rows.length ? `${r}0` : r)).join(',')), // ragged
  fc.tuple(binaryRows, fc.string({ minLength: 1, maxLength: 2, unit: 'binary' })).map(([rows, c]) => [...rows, `0${c}1`].join(',')), // non-binary
  fc.string({ unit: fc.constantFrom('0', '1', ',', ';', ' ', '\n', '2', 'x') }),
);
const compareName = fc.oneof(fc.constantFrom(...OPTIMISERS), fc.constantFrom('rprop ', 'irprop ', 'SGD', 'foo', ''), fc.string({ maxLength: 6 }));
const compareString = fc
  .array(
    fc.tuple(compareName, fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HYPER_NAMES), fc.string({ maxLength: 5 })), fc.oneof(numericString, fc.string({ maxLength: 4 }))), { maxLength: 4 })),
    { maxLength: 8 },
  )
  .map((runs) => runs.map(([o, hs]) => [o, ...hs.map(([h, x]) => `${h}=${x}`)].join(',')).join(';'));

function valueFor(key: keyof Params): fc.Arbitrary<unknown> {
  const s = PARAM_SPEC[key];
  const specific: fc.Arbitrary<unknown>[] = [];
  switch (s.kind) {
    case 'number':
      specific.push(
        fc.double({ min: s.min, max: s.max, noNaN: true }),
        fc.integer({ min: Math.max(-1e9, Math.ceil(s.min)), max: Math.min(1e9, Math.floor(s.max)) }).map(String),
        fc.constantFrom(s.min, s.max, s.min - 1, s.max + 1, s.min / 2, (s.min + s.max) / 2),
      );
      break;
    case 'choice':
      specific.push(fc.constantFrom(...s.values), fc.constantFrom(...s.values).map((x) => x.toUpperCase()), fc.constantFrom(...s.values).map((x) => ` ${x}`));
      if (key === 'opt') specific.push(fc.constantFrom('rprop ', 'irprop ', 'rprop%2B'));
      if (key === 'lang') specific.push(fc.constantFrom('zh-CN', 'zh-TW', 'zh-hk', 'ZH-HANS', 'en-GB', 'fr', 'zh-'));
      break;
    case 'flag':
      specific.push(fc.constantFrom(true, false, 0, 1, '0', '1', 'true', 'false', 'yes', 'on', '2', ''));
      break;
    case 'list':
      specific.push(
        fc.array(fc.double({ min: s.min * 1.5, max: s.max * 1.5, noNaN: true }), { minLength: s.length, maxLength: s.length }).map((l) => l.join(',')),
        fc.array(fc.double({ min: s.min, max: s.max, noNaN: true }), { minLength: s.length, maxLength: s.length }),
        listString,
      );
      if (s.yMin !== undefined && s.yMax !== undefined)
        specific.push(fc.tuple(fc.double({ min: s.min, max: s.max, noNaN: true }), fc.double({ min: s.min, max: s.max, noNaN: true }), fc.double({ min: s.yMin, max: s.yMax, noNaN: true }), fc.double({ min: s.yMin, max: s.yMax, noNaN: true })).map((l) => l.join(',')));
      break;
    case 'cam':
      specific.push(
        fc.tuple(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: -120, max: 120, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true })).map((c) => c.join(',')),
        listString,
      );
      break;
    case 'data':
      specific.push(dataString);
      break;
    case 'test':
      specific.push(fc.string({ unit: fc.constantFrom('0', '1', ' ', ',', '2'), maxLength: 260 }));
      break;
    case 'compare':
      specific.push(compareString);
      break;
  }
  return fc.oneof(
    { arbitrary: fc.oneof(...specific), weight: 4 },
    { arbitrary: nastyConstants, weight: 2 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary' }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme' }), weight: 1 },
    { arbitrary: numberish, weight: 1 },
    { arbitrary: numericString, weight: 1 },
    { arbitrary: listString, weight: 1 },
    { arbitrary: fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withDate: true, maxDepth: 2 }), weight: 1 },
  );
}

/** A key with a value: the key's own classes and all the generic ones. */
const keyAndValue = fc.constantFrom(...PARAM_KEYS).chain((key) => valueFor(key).map((v) => [key, v] as const));

/** Valid params: what normalizeParams can hand out. */
function validFor(key: keyof Params): fc.Arbitrary<unknown> {
  const s = PARAM_SPEC[key];
  const dbl = (min: number, max: number, minExcluded = false, maxExcluded = false) =>
    fc.double({ min, max, noNaN: true, minExcluded, maxExcluded }).map((x) => x + 0);
  switch (s.kind) {
    case 'number': {
      const n = s.integer ? fc.bigInt(BigInt(s.min), BigInt(s.max)).map(Number) : dbl(s.min, s.max, s.minExclusive, s.maxExclusive);
      return s.nullable ? fc.oneof(fc.constant(null), n) : n;
    }
    case 'choice':
      return fc.constantFrom(...s.values);
    case 'flag':
      return fc.boolean();
    case 'list': {
      const pairIn = (lo: number, hi: number) => fc.tuple(dbl(lo, hi), dbl(lo, hi)).filter(([a, b]) => Math.abs(a - b) >= MIN_SPAN).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
      const list = s.ordered
        ? fc.tuple(pairIn(s.min, s.max), pairIn(listMin(s, 2), listMax(s, 2))).map(([a, b]) => [...a, ...b])
        : fc.array(dbl(s.min, s.max), { minLength: s.length, maxLength: s.length });
      return s.nullable ? fc.oneof(fc.constant(null), list) : list;
    }
    case 'cam':
      return fc.tuple(dbl(-180, 180, false, true), dbl(-89, 89), dbl(1.5, 20));
    case 'data':
      return fc.oneof(fc.constant(''), rowsOf(MAX_SEQ_LEN).map((r) => r.join(',')));
    case 'test':
      return fc.array(fc.constantFrom('0', '1'), { minLength: 1, maxLength: 200 }).map((r) => r.join(''));
    case 'compare':
      return fc.array(
        fc.constantFrom(...OPTIMISERS).chain((opt) =>
          fc.subarray([...HYPER_USED[opt]]).chain((names) =>
            fc.tuple(...names.map((h) => validFor(h) as fc.Arbitrary<number>)).map((values) => {
              const overrides: Record<string, number> = {};
              for (const h of HYPER_NAMES) {
                const i = names.indexOf(h);
                if (i >= 0) overrides[h] = values[i];
              }
              return { opt, overrides } as CompareRun;
            }),
          ),
        ),
        { maxLength: MAX_COMPARE },
      );
  }
}

const validParams: fc.Arbitrary<Params> = fc.record(Object.fromEntries(PARAM_KEYS.map((k) => [k, validFor(k)]))) as unknown as fc.Arbitrary<Params>;

// --- the properties --------------------------------------------------------------------------

describe('parameter parsing, property-based', { timeout: PROPERTY_TIMEOUT }, () => {
  it('every key has a spec and a generator; the defaults are usable and need no message', () => {
    expect(Object.keys(PARAM_SPEC).sort()).toEqual([...PARAM_KEYS].sort());
    expect(isUsable({ ...DEFAULT_PARAMS } as Params)).toBe(true);
    const { params, messages } = normalizeParams({});
    expect(messages).toEqual([]);
    expect(params).toEqual(DEFAULT_PARAMS);
    expect(paramsToQuery(params)).toBe('');
  });

  it('any single key with any value: no throw, usable, bounded messages, a message exactly when refused or changed', () => {
    fc.assert(
      fc.property(keyAndValue, ([key, v]) => {
        const { params, messages } = normalizeParams({ [key]: v });
        expectUsable(params, messages);
        const unknownKeyMessages = messages.filter((m) => m.startsWith('unknown parameter'));
        expect(unknownKeyMessages).toEqual([]);
        const verdictFor = verdict(key, v);
        if (verdictFor.accept === false) expect(messages.length, `${key}=${show(v)}`).toBeGreaterThan(0);
        if (verdictFor.accept === true) {
          expect(messages, `${key}=${show(v)}`).toEqual([]);
          if (verdictFor.same) expect(verdictFor.same(params[key])).toBe(true);
          else expect(params[key]).toEqual(verdictFor.expected);
        }
        // whatever was not touched keeps its default
        for (const other of PARAM_KEYS) if (other !== key) expect(params[other]).toEqual(DEFAULT_PARAMS[other]);
      }),
      opts,
    );
  });

  it('a refused value keeps the previous value, not the default', () => {
    fc.assert(
      fc.property(validParams, keyAndValue, (base, [key, v]) => {
        const { params, messages } = normalizeParams({ [key]: v }, base);
        expectUsable(params, messages);
        if (verdict(key, v).accept === false && PARAM_SPEC[key].kind !== 'number' && PARAM_SPEC[key].kind !== 'list' && PARAM_SPEC[key].kind !== 'cam')
          expect(params[key]).toEqual(base[key]); // numbers and lists may be clamped instead
        for (const other of PARAM_KEYS) if (other !== key) expect(params[other]).toEqual(base[other]);
      }),
      { ...opts, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('whole URLs: random keys (known, unknown, duplicated) and values; usable, bounded, nothing thrown', () => {
    const anyKey = fc.oneof(fc.constantFrom(...PARAM_KEYS), fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'RES', 'res '));
    const anyValue = fc.oneof(fc.string({ unit: 'binary' }), numericString, listString, nastyConstants.filter((v) => typeof v === 'string').map(String));
    fc.assert(
      fc.property(fc.array(fc.tuple(anyKey, anyValue), { maxLength: 40 }), (pairs) => {
        const q = new URLSearchParams();
        for (const [k, v] of pairs) q.append(k, v);
        const { params, messages } = normalizeParams(rawFromQuery(q.toString()));
        expectUsable(params, messages);
        // normalized params go through the engine a second time: unchanged and silent
        const again = normalizeParams(params, params);
        expect(again.messages).toEqual([]);
        expect(again.params).toEqual(params);
      }),
      { ...opts, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('duplicated keys: the last value wins (as src/main.ts builds raw)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAM_KEYS), fc.string(), fc.string(), (key, a, b) => {
        const q = new URLSearchParams();
        q.append(key, a);
        q.append(key, b);
        expect(normalizeParams(rawFromQuery(q.toString()))).toEqual(normalizeParams({ [key]: b }));
      }),
      opts,
    );
    expect(normalizeParams(rawFromQuery('res=64&res=abc&res=32')).params.res).toBe(32);
  });

  it('round trip: normalizeParams(parse(paramsToQuery(p))) == p for valid p, without messages', () => {
    fc.assert(
      fc.property(validParams, (p) => {
        expect(usabilityProblems(p)).toEqual([]);
        const query = paramsToQuery(p);
        const back = normalizeParams(rawFromQuery(query));
        expect(back.messages).toEqual([]);
        expect(back.params).toEqual(p);
        // typed, as setParams passes them (compare as an array)
        const typed = normalizeParams(structuredClone(p) as unknown as Record<string, unknown>);
        expect(typed.messages).toEqual([]);
        expect(typed.params).toEqual(p);
      }),
      opts,
    );
  });

  it('a value that would be echoed whole is cut to ECHO_MAX characters and an ellipsis', () => {
    for (const key of PARAM_KEYS) {
      const { messages } = normalizeParams({ [key]: `x${'y'.repeat(LONG)}` });
      expect(messages.length, key).toBeGreaterThan(0);
      for (const m of messages) {
        expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        expect(m).not.toContain('y'.repeat(ECHO_MAX + 1));
      }
    }
    expect(normalizeParams({ res: 'z'.repeat(LONG) }).messages[0]).toBe(`res: "${'z'.repeat(ECHO_MAX)}…" is not a number; kept 256`);
    const { messages } = normalizeParams({ ['k'.repeat(LONG)]: '1' } as Record<string, string>);
    expect(messages[0]).toBe(`unknown parameter "${'k'.repeat(ECHO_MAX)}…" ignored`);
  });
});

describe('parameter parsing, the issue classes one by one', { timeout: PROPERTY_TIMEOUT }, () => {
  it.each([
    ['empty', { res: '' }, /res: "" is not a number; kept 256/],
    ['blank', { res: '   ' }, /res: "   " is not a number/],
    ['NaN', { delta0: 'NaN' }, /delta0: "NaN" is not a number; kept 0.001/],
    ['Infinity', { lr: 'Infinity' }, /lr: "Infinity" is not a number/],
    ['-Infinity', { tol: '-Infinity' }, /tol: "-Infinity" is not a number/],
    ['1e308', { res: '1e308' }, /res: 1e\+308 clamped to 2048/],
    ['negative count', { samples: '-5' }, /samples: -5 clamped to 1/],
    ['non-integer count', { atlasRes: '100.5' }, /atlasRes: 100.5 clamped to 101 \(allowed 16 .. 1024, whole numbers\)/],
    ['tiny atlasRes', { atlasRes: '3' }, /atlasRes: 3 clamped to 16/],
    ['tol 0', { tol: '0' }, /tol: 0 must be greater than 0; kept 0.001/],
    ['tol huge', { tol: '1e9' }, /tol: 1000000000 clamped to 1000000/],
    ['beta1 = 1 (Adam would divide by 0)', { beta1: '1' }, /beta1: 1 must be below 1; kept 0.9/],
    ['unicode digits', { seed: '٣' }, /seed: "٣" is not a number/],
    ['emoji', { opt: '😀' }, /opt: "😀" is not one of rprop, rprop-, irprop-, rprop\+, irprop\+, sgd, momentum, clip, adam; kept rprop/],
    ['unknown atlas mode', { atlas: 'fractal' }, /atlas: "fractal" is not one of off, starts, lr; kept off/],
    ['atlasRange unordered', { atlasRange: '-1,-5,-5,-1' }, /atlasRange: each minimum must be below its maximum; kept null/],
    ['atlasRange too wide', { atlasRange: '-20,0,-5,20' }, /atlasRange: clamped to \[-12, 3\]: -12,0,-5,3/],
    ['atlasEtaRange out of its limits', { atlasEtaRange: '0.5,3,-1,0.5' }, /atlasEtaRange: clamped to \[1, 10\] × \[0, 1\]: 1,3,0,0.5/],
    ['atlasEtaRange unordered', { atlasEtaRange: '2,1,0,1' }, /atlasEtaRange: each minimum must be below its maximum; kept 1,2,0,1/],
    ['lrWRec not a number', { lrWRec: 'abc' }, /lrWRec: "abc" is not a number; kept null/],
    ['lrWRec 0', { lrWRec: '0' }, /lrWRec: 0 must be greater than 0; kept null/],
    ['a range of denormals (NaN geometry in the views)', { range: '-6.97912656998175e-139,-1.5e-323,-8e-323,-3e-323' }, /range: each maximum must exceed its minimum by at least 0.000001; kept -3,3,-3,3/],
    ['a range narrower than MIN_SPAN', { range: '1,1.0000001,0,1' }, /range: each maximum must exceed its minimum by at least 0.000001/],
    ['atlasRange three numbers', { atlasRange: '1,2,3' }, /atlasRange: "1,2,3" must be four numbers xmin,xmax,ymin,ymax/],
    ['atlasOn3d not a flag', { atlasOn3d: 'yes' }, /atlasOn3d: "yes" is not 0 or 1; kept 0/],
    ['ragged rows', { data: '0110,011' }, /data: row 2 has length 3 but row 1 has length 4/],
    ['non-binary character', { data: '0110,0120' }, /data: row 2 \("0120"\) has "2": only 0 and 1/],
    ['invisible character', { data: '01\u200b10' }, /data: row 1 \("01\ufffd10"\) has "" \(U\+200B\)/],
    ['control character', { data: '01\u000110' }, /data: row 1 \("01\ufffd10"\) has "" \(U\+0001\)/],
    ['emoji in data', { data: '01😀' }, /data: row 1 \("01😀"\) has "😀" \(U\+1F600\)/],
    ['10^5 rows', { data: Array(LONG).fill('01').join(',') }, /data: too many rows: 100000 \(at most 256\)/],
    ['a row of 10^5 digits', { data: '1'.repeat(LONG) }, /data: rows are 100000 long \(at most 100\)/],
    ['10^5 digits, not binary', { data: '9'.repeat(LONG) }, /data: row 1 \("9{20}…"\) has "9"/],
    ['a symbol from a script', { res: Symbol('x') }, /res: "Symbol\(x\)" is not a number/],
    ['an object without a prototype', { data: Object.create(null) }, /data: "\[object Object\]" is not text/],
    ['a throwing toString', { test: { toString: () => { throw new Error('no'); } } }, /test: "\[object Object\]" is not text/],
    ['a boolean for a number', { res: true }, /res: "true" is not a number/],
    ['unknown key', { resolution: '64' }, /unknown parameter "resolution" ignored/],
  ] as [string, Record<string, unknown>, RegExp][])('%s', (_name, raw, message) => {
    const { params, messages } = normalizeParams(raw as Partial<Record<keyof Params, unknown>>);
    expect(messages.join('\n')).toMatch(message);
    expectUsable(params, messages);
  });

  // how long these take (no quadratic regular expression) is measured by `npm run bench` (bench/params.bench.ts)
  it('huge values for every key give usable params', () => {
    const huge = [
      `0${' '.repeat(LONG)}1`, // a space run inside a row: was quadratic in the separator regex
      `0${' \t'.repeat(LONG)}1,1${' '.repeat(LONG)}0`,
      Array(LONG).fill('01').join('\n'),
      '0,'.repeat(LONG),
      ' ,'.repeat(LONG),
      ';'.repeat(LONG),
      'sgd,lr=1;'.repeat(LONG / 10),
      'x=1,'.repeat(LONG / 4),
      '1'.repeat(LONG * 10),
    ];
    for (const key of PARAM_KEYS)
      for (const v of huge) {
        const { params, messages } = normalizeParams({ [key]: v });
        expectUsable(params, messages);
      }
    expect(normalizeParams({ data: `0${' '.repeat(LONG)}1` }).params.data).toBe('01');
  });

  it('opt: every optimiser; "rprop+" typed into a URL arrives as "rprop " and is read as meant', () => {
    for (const o of OPTIMISERS) expect(normalizeParams({ opt: o })).toEqual({ params: { ...DEFAULT_PARAMS, opt: o }, messages: [] });
    expect(normalizeParams(rawFromQuery('opt=irprop+')).params.opt).toBe('irprop+');
    expect(normalizeParams(rawFromQuery('opt=rprop+')).params.opt).toBe('rprop+');
    expect(paramsToQuery({ ...DEFAULT_PARAMS, opt: 'rprop+' })).toBe('opt=rprop%2B');
    expect(normalizeParams(rawFromQuery('opt=sgd+')).messages).toEqual(['opt: "sgd " is not one of rprop, rprop-, irprop-, rprop+, irprop+, sgd, momentum, clip, adam; kept rprop']);
  });

  it('hyperparameters: defaults and limits of SPEC section 7 (optimiserSpec.ts)', () => {
    for (const h of HYPER_NAMES) {
      expect(DEFAULT_PARAMS[h]).toBe(HYPER_DEFAULTS[h]);
      const s = PARAM_SPEC[h] as NumberSpec;
      expect([s.min, s.max, s.minExclusive]).toEqual([...HYPER_LIMITS[h]]);
      expect(ENGINE_KEYS).toContain(h);
    }
    for (const k of ['opt', 'tol', 'compare', 'atlas', 'atlasRes', 'atlasRange', 'atlasEtaRange', 'lrWRec'] as const) expect(ENGINE_KEYS).toContain(k);
    expect(ENGINE_KEYS).not.toContain('atlasOn3d');
    expect(DEFAULT_PARAMS).toMatchObject({ opt: 'rprop', tol: 1e-3, compare: [], atlas: 'off', atlasRes: 128, atlasRange: null, atlasEtaRange: [1, 2, 0, 1], lrWRec: null, atlasOn3d: false });
  });
});

describe('compare', { timeout: PROPERTY_TIMEOUT }, () => {
  it('parses the documented example and writes it back', () => {
    const text = 'sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam';
    const { runs, messages } = parseCompare(text);
    expect(messages).toEqual([]);
    expect(runs).toEqual([
      { opt: 'sgd', overrides: { lr: 0.0001 } },
      { opt: 'clip', overrides: { lr: 0.05, clip: 0.5 } },
      { opt: 'adam', overrides: {} },
    ]);
    expect(formatCompare(runs)).toBe(text);
    const p = normalizeParams({ compare: text }).params;
    expect(paramsToQuery(p)).toBe(`compare=${text}`);
    expect(hyperFor(p, p.compare[1])).toEqual({ ...HYPER_DEFAULTS, lrWRec: null, lr: 0.05, clip: 0.5 });
    expect(hyperFor({ ...p, lr: 0.2 }, p.compare[2])).toEqual({ ...HYPER_DEFAULTS, lrWRec: null, lr: 0.2 });
    expect(hyperFor(p)).toEqual({ ...HYPER_DEFAULTS, lrWRec: null });
  });

  it.each([
    ['an unknown optimiser', 'sgd;nadam,lr=1;adam', ['sgd', 'adam'], /compare: run 2 "nadam,lr=1": "nadam" is not an optimiser/],
    ['an unknown hyperparameter', 'sgd,lr=0.1,speed=3', ['sgd'], /compare: run 1 \(sgd\): "speed" is not a hyperparameter/],
    ['a hyperparameter the optimiser does not use', 'sgd,delta0=0.1', ['sgd'], /compare: run 1 \(sgd\): delta0 is not used by sgd \(it uses lr, lrWRec\); ignored/],
    ['a bad value', 'adam,lr=fast', ['adam'], /compare: run 1 \(adam\) lr: "fast" is not a number; kept the shared value/],
    ['a value out of range', 'clip,clip=1e9', ['clip'], /compare: run 1 \(clip\) clip: 1000000000 clamped to 1000000/],
    ['no "="', 'momentum,0.5', ['momentum'], /compare: run 1: "0.5" is not name=value; ignored/],
    ['a sixth run', 'sgd;momentum;clip;adam;rprop;irprop-', ['sgd', 'momentum', 'clip', 'adam', 'rprop'], /compare: at most 5 runs; refused run 6$/],
    ['seven runs', 'sgd;sgd;sgd;sgd;sgd;adam;clip', ['sgd', 'sgd', 'sgd', 'sgd', 'sgd'], /refused 2 runs \(6 to 7\)/],
    ['rprop+ from a URL', 'rprop ,delta0=0.01;irprop ', ['rprop+', 'irprop+'], null],
    ['spaces and empty runs', ' sgd , lr = 0.5 ;; adam ;', ['sgd', 'adam'], null],
  ] as [string, string, string[], RegExp | null][])('%s', (_name, text, opts, message) => {
    const { runs, messages } = parseCompare(text);
    expect(runs.map((r) => r.opt)).toEqual(opts);
    if (message) expect(messages.join('\n')).toMatch(message);
    else expect(messages).toEqual([]);
    // the rest of the URL still applies
    const n = normalizeParams(rawFromQuery(`compare=${encodeURIComponent(text)}&res=64`));
    expect(n.params.res).toBe(64);
    expect(n.params.compare).toEqual(runs);
  });

  it('structured runs: valid runs apply, each problem gets a message, the array form gives the same', () => {
    const override = fc.oneof(
      fc.tuple(fc.constantFrom(...HYPER_NAMES), fc.constantFrom('0.5', '1e-3', '2', '0.999')).map(([h, v]) => ({ h, v, kind: 'maybe' as const })),
      fc.tuple(fc.constantFrom('gamma', 'lR', 'speed', ''), numericString).map(([h, v]) => ({ h, v, kind: 'bad' as const })),
      fc.tuple(fc.constantFrom(...HYPER_NAMES), fc.constantFrom('x', 'NaN', '', 'Infinity', '-1e308')).map(([h, v]) => ({ h, v, kind: 'bad' as const })),
    );
    const run = fc.tuple(fc.oneof(fc.constantFrom(...OPTIMISERS), fc.constantFrom('nadam', 'Adam', 'rprop++')), fc.array(override, { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 8 }), (runs) => {
        const text = runs.map(([o, hs]) => [o, ...hs.map(({ h, v }) => `${h}=${v}`)].join(',')).join(';');
        const parsed = parseCompare(text);
        const validOpts = runs.map(([o]) => o).filter((o) => (OPTIMISERS as readonly string[]).includes(o));
        expect(parsed.runs.map((r) => r.opt)).toEqual(validOpts.slice(0, MAX_COMPARE));
        let problems = validOpts.length > MAX_COMPARE ? 1 : 0;
        for (const [o, hs] of runs) {
          if (!(OPTIMISERS as readonly string[]).includes(o)) {
            problems++;
            continue;
          }
          for (const { h, v, kind } of hs) {
            if (kind === 'bad' || !HYPER_USED[o as (typeof OPTIMISERS)[number]].includes(h as HyperName)) problems++;
            else if (verdict(h as HyperName, v).accept !== true) problems++;
          }
        }
        expect(parsed.messages.length > 0).toBe(problems > 0);
        for (const m of parsed.messages) expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        const { params, messages } = normalizeParams({ compare: text });
        expectUsable(params, messages);
        expect(params.compare).toEqual(parsed.runs);
        // the same runs as an array, the way setParams may pass them
        const asArray = runs.map(([o, hs]) => ({ opt: o, overrides: Object.fromEntries(hs.map(({ h, v }) => [h, v])) }));
        expectUsable(normalizeParams({ compare: asArray }).params, normalizeParams({ compare: asArray }).messages);
      }),
      opts,
    );
  });

  it('the array form: garbage items are refused by position, good ones kept', () => {
    const { params, messages } = normalizeParams({ compare: [null, { opt: 'adam', overrides: { lr: 0.1 } }, 'sgd', { opt: 'clip', overrides: 3 }] });
    expect(params.compare).toEqual([{ opt: 'adam', overrides: { lr: 0.1 } }, { opt: 'clip', overrides: {} }]);
    expect(messages).toEqual([
      'compare: run 1 "null" is not {opt, overrides}; run refused',
      'compare: run 3 "sgd" is not {opt, overrides}; run refused',
      'compare: run 4: overrides "3" is not {name: value}; ignored',
    ]);
    const kept = normalizeParams({ compare: { opt: 'sgd' } }, { ...DEFAULT_PARAMS, compare: [{ opt: 'adam', overrides: {} }] });
    expect(kept.params.compare).toEqual([{ opt: 'adam', overrides: {} }]);
    expect(kept.messages).toEqual(['compare: "[object Object]" is not a list of runs; kept the current runs']);
  });

  it('many bad runs: a few messages and a count, never thousands', () => {
    const { params, messages } = normalizeParams({ compare: 'nope;'.repeat(10_000) });
    expect(params.compare).toEqual([]);
    expect(messages.length).toBe(6);
    expect(messages[5]).toBe('compare: 9995 more problems not listed');
  });
});

describe('atlas axes', () => {
  const d = tutorialDataset();
  const base = { start: [-1.5, 2] as [number, number], atlasEtaRange: [1, 2, 0, 1] as [number, number, number, number] };
  it('lr optimisers: atlasRange (log10 learning rates); Rprop family: atlasEtaRange; neither says anything', () => {
    const sgd = atlasAxes({ ...base, atlasRange: [-5, -1, -6, -2] }, 'sgd', d);
    expect([sgd.x.lo, sgd.x.hi, sgd.y.lo, sgd.y.hi, sgd.x.log, sgd.y.log]).toEqual([-5, -1, -6, -2, true, true]);
    const rprop = atlasAxes({ ...base, atlasRange: [-5, -1, -6, -2], atlasEtaRange: [1.1, 3, 0.2, 0.9] }, 'rprop', d);
    expect([rprop.x.lo, rprop.x.hi, rprop.y.lo, rprop.y.hi, rprop.x.log, rprop.x.label, rprop.y.label]).toEqual([1.1, 3, 0.2, 0.9, false, 'etaPlus', 'etaMinus']);
  });
  it('atlasRange not set: two decades each way around log10(2 / sharpness) at the start, following the start', () => {
    const at = (start: [number, number]) => atlasAxes({ ...base, start, atlasRange: null }, 'adam', d);
    const a = at([-1.5, 2]);
    // SPEC section 10: 2 / 3.94e7 = 5.1e-8 at the tutorial's start
    expect([a.x.lo, a.x.hi, a.y.lo, a.y.hi]).toEqual([-9.3, -5.3, -9.3, -5.3]);
    const b = at([1, 1]);
    expect([b.x.lo, b.x.hi]).toEqual([-4.7, -0.7]);
    // parsing: absent or empty is null (derived); an explicit window is kept
    expect(normalizeParams({ atlasRange: '' }, { ...DEFAULT_PARAMS, atlasRange: [-4, 0, -4, 0] }).params.atlasRange).toBeNull();
    expect(normalizeParams({ atlasRange: '-4,0,-4,0' }).params.atlasRange).toEqual([-4, 0, -4, 0]);
    expect(normalizeParams({ atlas: 'lr', opt: 'sgd', lr: '0.0001' }).messages).toEqual([]);
    expect(paramsToQuery(normalizeParams({ atlas: 'lr', opt: 'sgd' }).params)).toBe('opt=sgd&atlas=lr');
  });
  it('lrWRec: in the URL, in compare overrides (lr optimisers only), in hyperFor (null = lr)', () => {
    const { params: p, messages } = normalizeParams(rawFromQuery('opt=sgd&lr=0.001&lrWRec=1e-5&compare=sgd,lr=1e-4,lrWRec=2e-5;rprop,lrWRec=1;clip,lr=0.05'));
    expect(messages).toEqual(['compare: run 2 (rprop): lrWRec is not used by rprop (it uses delta0, etaPlus, etaMinus); ignored']);
    expect(p.lrWRec).toBe(1e-5);
    expect(p.compare[0].overrides).toEqual({ lr: 1e-4, lrWRec: 2e-5 });
    expect(hyperFor(p, p.compare[0])).toMatchObject({ lr: 1e-4, lrWRec: 2e-5 });
    expect(hyperFor(p, p.compare[2])).toMatchObject({ lr: 0.05, lrWRec: 1e-5 });
    expect(hyperFor({ ...p, lrWRec: null }, p.compare[2])).toMatchObject({ lr: 0.05, lrWRec: null });
    expect(paramsToQuery(p)).toContain('lrWRec=0.00001');
    expect(paramsToQuery(p)).toContain('compare=sgd,lr=0.0001,lrWRec=0.00002;rprop;clip,lr=0.05');
    expect(normalizeParams({ lrWRec: null }, p).params.lrWRec).toBeNull();
  });
});

describe('seed, samples and seqLen given for another data set than the random preset', () => {
  const notes = (query: string) => {
    const raw = rawFromQuery(query);
    return unusedRandomPresetNotes(raw, normalizeParams(raw).params);
  };
  it('are said to be unused (kept, one message each), with the tutorial preset or custom rows', () => {
    expect(notes('preset=tutorial&seqLen=60')).toEqual(['seqLen: 60 is not used: they only make the random preset (preset=random), not the tutorial one']);
    expect(notes('seed=3&samples=40')).toEqual([
      'seed: 3 is not used: they only make the random preset (preset=random), not the tutorial one',
      'samples: 40 is not used: they only make the random preset (preset=random), not the tutorial one',
    ]);
    expect(notes('preset=random&data=0110,1011&seqLen=30')).toEqual([
      'seqLen: 30 is not used: custom rows (data) are in use; seed, samples and seqLen only make the random preset (preset=random)',
    ]);
    expect(normalizeParams(rawFromQuery('preset=tutorial&seqLen=60')).params.seqLen).toBe(60);
  });
  it('say nothing for the random preset, for the defaults (what choosing a preset sends), or for other keys', () => {
    expect(notes('preset=random&seqLen=60&seed=7&samples=5')).toEqual([]);
    expect(notes('preset=tutorial&seed=0&samples=20&seqLen=10')).toEqual([]);
    expect(notes('res=64')).toEqual([]);
    expect(unusedRandomPresetNotes(null, DEFAULT_PARAMS)).toEqual([]);
    expect(unusedRandomPresetNotes('seqLen=60', DEFAULT_PARAMS)).toEqual([]);
    // from a script, after the preset was set earlier: the params decide, not the raw preset
    expect(unusedRandomPresetNotes({ seqLen: 30 }, { ...DEFAULT_PARAMS, preset: 'random', seqLen: 30 })).toEqual([]);
    expect(unusedRandomPresetNotes({ seqLen: 30 }, { ...DEFAULT_PARAMS, seqLen: 30 })).toHaveLength(1);
  });
});

describe('compare edits never lose a run (issue 16, item 5)', () => {
  const before: CompareRun[] = [
    { opt: 'sgd', overrides: { lr: 0.0001 } },
    { opt: 'clip', overrides: { lr: 0.05, clip: 0.5 } },
    { opt: 'adam', overrides: {} },
  ];
  const base = { ...DEFAULT_PARAMS, compare: before };

  it.each([
    ['a name that is not an optimiser', 'foo', /compare: run 2 "foo": "foo" is not an optimiser .*; kept the run as it was: "clip,lr=0.05,clip=0.5"/],
    ['a value that is not a number', 'sgd,lr=abc', /compare: run 2 \(sgd\) lr: "abc" is not a number; kept the run as it was: "clip,lr=0.05,clip=0.5"/],
    ['a hyperparameter the optimiser does not use', 'sgd,clip=2', /compare: run 2 \(sgd\): clip is not used by sgd .*; kept the run as it was/],
    ['no "="', 'clip,0.5', /compare: run 2 \(clip\): "0.5" is not name=value; kept the run as it was/],
    ['an excluded bound', 'adam,lr=0', /compare: run 2 \(adam\) lr: 0 must be greater than 0; kept the run as it was/],
  ])('%s keeps the run it replaces, and says so', (_name, typed, message) => {
    const { params, messages } = normalizeParams({ compare: `sgd,lr=0.0001;${typed};adam` }, base);
    expect(params.compare).toEqual(before);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it('good edits and clamped values apply; a new bad run has no run to keep and is refused', () => {
    expect(normalizeParams({ compare: 'sgd,lr=0.0001;momentum,momentum=0.5;adam' }, base).params.compare[1]).toEqual({ opt: 'momentum', overrides: { momentum: 0.5 } });
    const clamped = normalizeParams({ compare: 'sgd,lr=0.0001;clip,clip=1e9;adam' }, base);
    expect(clamped.params.compare[1]).toEqual({ opt: 'clip', overrides: { clip: 1e6 } });
    expect(clamped.messages.join()).toMatch(/clamped to 1000000/);
    const added = normalizeParams({ compare: `${formatCompare(before)};nadam` }, base);
    expect(added.params.compare).toEqual(before);
    expect(added.messages.join()).toMatch(/run 4 "nadam".*run refused/);
  });

  it('in a URL a bad override is dropped with a message naming it and the value used; the run stays', () => {
    const { params, messages } = normalizeParams({ compare: 'sgd,lr=abc', lr: '0.02' });
    expect(params.compare).toEqual([{ opt: 'sgd', overrides: {} }]);
    expect(messages).toEqual(['compare: run 1 (sgd) lr: "abc" is not a number; kept the shared value lr = 0.02']);
    const other = normalizeParams({ compare: 'adam,beta1=x,lr=0.5' });
    expect(other.params.compare).toEqual([{ opt: 'adam', overrides: { lr: 0.5 } }]);
    expect(other.messages).toEqual(['compare: run 1 (adam) beta1: "x" is not a number; kept the shared value beta1 = 0.9']);
  });
});
