/**
 * Property-based tests (fast-check) of parameter parsing: every URL key (PARAM_KEYS, so new
 * keys are covered without touching this file) against random strings, empty values, NaN,
 * +/-Infinity, 1e308, negative and non-integer numbers, unicode, very long values, duplicated
 * keys, typed values from scripts, and data with ragged rows, non-binary characters, 10^5 rows
 * or a row of 10^5 digits. Every case must end in usable parameters (isUsable), with a message
 * for whatever was refused or changed, messages of bounded length, and nothing thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HYPER_DEFAULTS, HYPER_LIMITS, HYPER_NAMES, OPTIMISERS } from '../../../src/model/optimiserSpec';
import { DEFAULT_PARAMS, ECHO_MAX, ENGINE_KEYS, PARAM_KEYS, PARAM_SPEC, type Params } from '../../../src/state/schema';
import { normalizeParams, unusedRandomPresetNotes } from '../../../src/state/normalize';
import { paramsToQuery } from '../../../src/state/url';
import { type NumberSpec, show, MAX_MESSAGE_LENGTH, RUNS, opts, PROPERTY_TIMEOUT, rawFromQuery, usabilityProblems, isUsable, expectUsable, verdict, LONG, nastyConstants, numericString, listString, keyAndValue, validParams } from './paramCases';

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

  // how long these take (no quadratic regular expression) is measured by `npm run bench` (bench/params.timing.ts)
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
