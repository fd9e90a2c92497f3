/**
 * What the parameter tests share: which parameters are usable, what a raw value should become
 * (verdict), and the fast-check generators of hostile and of valid values for every key.
 */
import { langAlias } from '../../../src/i18n';
import fc from 'fast-check';
import { expect } from 'vitest';
import { MAX_SAMPLES, MAX_SEQ_LEN, datasetToText, parseRows } from '../../../src/model/dataset';
import { HYPER_NAMES, HYPER_USED, OPTIMISERS, isRpropFamily, type HyperName } from '../../../src/model/optimiserSpec';
import { ATLAS_ETA_LIMITS, ATLAS_LR_LIMIT, DEFAULT_PARAMS, MAX_COMPARE, MIN_SPAN, PARAM_KEYS, PARAM_SPEC, type CompareRun, type ParamSpec, type Params } from '../../../src/state/schema';
import { atlasAxes, datasetFor, hyperFor } from '../../../src/state/derived';
import { runHyperUsed } from '../../../src/state/compare';

export type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;

/** Any value in words, for an assertion's label (String() can throw). */
export function show(v: unknown): string {
  try {
    return String(v).slice(0, 60);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** Longest message allowed: an echo is cut to ECHO_MAX characters, the rest is our own text. */
export const MAX_MESSAGE_LENGTH = 300;
/** At most this many messages per key (compare: 5 and a count), plus as many for unknown keys. */
export const MAX_MESSAGES = 6 * (PARAM_KEYS.length + 1);
export const RUNS = Number(process.env.FC_RUNS ?? 300);
export const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
export const opts = { numRuns: RUNS, seed: SEED };
/** vitest's time limit for one property, scaled with FC_RUNS */
export const PROPERTY_TIMEOUT = 30_000 + RUNS * 20;

/** Raw parameters the way src/main.ts builds them from the URL: URLSearchParams, forEach, the last value wins. */
export function rawFromQuery(query: string): Record<string, string> {
  const raw: Record<string, string> = {};
  new URLSearchParams(query).forEach((v, k) => (raw[k] = v));
  return raw;
}

// --- the validity checker --------------------------------------------------------------------

export function numberOk(v: unknown, s: NumberSpec): boolean {
  return (
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (s.minExclusive ? v > s.min : v >= s.min) &&
    (s.maxExclusive ? v < s.max : v <= s.max) &&
    (!s.integer || Number.isInteger(v)) &&
    !Object.is(v, -0)
  );
}

export type ListSpec = Extract<ParamSpec, { kind: 'list' }>;
/** A list's limits at index i: the second pair has its own where yMin/yMax are given (atlasEtaRange). */
export const listMin = (s: ListSpec, i: number) => (i >= 2 && s.yMin !== undefined ? s.yMin : s.min);
export const listMax = (s: ListSpec, i: number) => (i >= 2 && s.yMax !== undefined ? s.yMax : s.max);

export function hyperSpecOf(h: HyperName | 'lrWRec'): NumberSpec {
  return PARAM_SPEC[h] as NumberSpec;
}

/** Every problem that makes params unusable; empty when the app can use them as they are. */
export function usabilityProblems(p: Params): string[] {
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

export function isUsable(p: Params): boolean {
  return usabilityProblems(p).length === 0;
}

export function expectUsable(p: Params, messages: string[]): void {
  expect(usabilityProblems(p)).toEqual([]);
  expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
  for (const m of messages) {
    expect(typeof m).toBe('string');
    expect(m.length, m.slice(0, 400)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  }
}

// --- what the parser should accept silently (an oracle written apart from the parser) --------

/** A number as the parser reads one: typed numbers and numeric strings only. */
export function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v);
  return NaN;
}

export function asList(v: unknown, n: number): number[] | null {
  let parts: unknown[];
  if (Array.isArray(v)) parts = v;
  else if (typeof v === 'string') parts = v.split(',');
  else return null;
  const l = parts.map(asNumber);
  return l.length === n && l.every(Number.isFinite) ? l.map((x) => x + 0) : null;
}

export type Verdict = { accept: true; expected: unknown; same?: (got: unknown) => boolean } | { accept: false } | { accept: 'unknown' };

/** Whether value v for key must pass unchanged (then expected is the result) or must get a message. */
export function verdict(key: keyof Params, v: unknown): Verdict {
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

export const LONG = 100_000;
/** Values every key gets: the classes of the issue. */
export const nastyConstants = fc.constantFrom<unknown>(
  '', ' ', '\t\n', '\u00a0', 'NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', '1e308', '-1e308', '1e309', '-1e309', '5e-324',
  '-5e-324', '-0', '0', '1', '-1', '2', '0.5', '-0.5', '1.5', '2.5', '1e-9', '0x10', '0b11', '1_000', '1,2', '1e3', ' 7 ', '+3',
  'null', 'undefined', 'true', 'false', '[]', '{}', '٣', '１２', '\u200b1', '1\u200b', '😀', '\ud800', '\udc00x', 'é', 'e\u0301',
  '<script>alert(1)</script>', '%', '%2C', '&', '=', ';', '0'.repeat(LONG), '1'.repeat(LONG), '9'.repeat(LONG), 'a'.repeat(LONG),
  ','.repeat(LONG), ';'.repeat(LONG), ' '.repeat(LONG), '1,'.repeat(LONG / 2), '😀'.repeat(LONG / 2), `0${' '.repeat(LONG)}1`,
  NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, -0, 0, 1, -1, 0.5, 2.5, 1e-9, 4294967296,
  null, true, false, [], [1], ['1', '2'], {}, Symbol('s'), 10n, () => 1, new Date(0),
  Object.create(null), { toString: () => { throw new Error('toString'); } }, { valueOf: () => 3 },
);
export const numberish = fc.oneof(
  fc.double(),
  fc.double({ min: -1e4, max: 1e4 }),
  fc.integer({ min: -5000, max: 5000 }),
  fc.constantFrom(0, 1, 2, 10, 16, 100, 256, 1024, 2048, 10000, 1e6),
);
export const numericString = numberish.map((x) => String(x));
export const listString = fc.array(fc.oneof(numericString, fc.string({ maxLength: 4 })), { maxLength: 6 }).map((l) => l.join(','));
/** 1..12 rows of 0/1, all as long (1..maxLen) */
export const rowsOf = (maxLen: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: maxLen }))
    .chain(([samples, seqLen]) =>
      fc.array(fc.array(fc.constantFrom('0', '1'), { minLength: seqLen, maxLength: seqLen }).map((r) => r.join('')), {
        minLength: samples,
        maxLength: samples,
      }),
    );
/** some longer than MAX_SEQ_LEN */
export const binaryRows = rowsOf(MAX_SEQ_LEN + 10);
/** data: good rows with separators and spaces, ragged rows, non-binary characters. */
export const dataString = fc.oneof(
  binaryRows.map((rows) => rows.join(',')),
  fc.tuple(binaryRows, fc.constantFrom(',', ';', '\n', ' ,\r\n', ' ; ')).map(([rows, sep]) => rows.map((r) => r.split('').join(' ')).join(sep)),
  fc.tuple(binaryRows, fc.integer({ min: 0, max: 11 })).map(([rows, i]) => rows.map((r, k) => (k === i % rows.length ? `${r}0` : r)).join(',')), // ragged
  fc.tuple(binaryRows, fc.string({ minLength: 1, maxLength: 2, unit: 'binary' })).map(([rows, c]) => [...rows, `0${c}1`].join(',')), // non-binary
  fc.string({ unit: fc.constantFrom('0', '1', ',', ';', ' ', '\n', '2', 'x') }),
);
export const compareName = fc.oneof(fc.constantFrom(...OPTIMISERS), fc.constantFrom('rprop ', 'irprop ', 'SGD', 'foo', ''), fc.string({ maxLength: 6 }));
export const compareString = fc
  .array(
    fc.tuple(compareName, fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HYPER_NAMES), fc.string({ maxLength: 5 })), fc.oneof(numericString, fc.string({ maxLength: 4 }))), { maxLength: 4 })),
    { maxLength: 8 },
  )
  .map((runs) => runs.map(([o, hs]) => [o, ...hs.map(([h, x]) => `${h}=${x}`)].join(',')).join(';'));

export function valueFor(key: keyof Params): fc.Arbitrary<unknown> {
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
export const keyAndValue = fc.constantFrom(...PARAM_KEYS).chain((key) => valueFor(key).map((v) => [key, v] as const));

/** Valid params: what normalizeParams can hand out. */
export function validFor(key: keyof Params): fc.Arbitrary<unknown> {
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

export const validParams: fc.Arbitrary<Params> = fc.record(Object.fromEntries(PARAM_KEYS.map((k) => [k, validFor(k)]))) as unknown as fc.Arbitrary<Params>;

// --- the properties --------------------------------------------------------------------------
