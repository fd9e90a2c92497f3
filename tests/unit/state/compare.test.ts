/** The compare mini-language: parsing, formatting, and edits that never lose a run. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HYPER_DEFAULTS, HYPER_NAMES, HYPER_USED, OPTIMISERS, type HyperName } from '../../../src/model/optimiserSpec';
import { DEFAULT_PARAMS, MAX_COMPARE, type CompareRun } from '../../../src/state/schema';
import { hyperFor } from '../../../src/state/derived';
import { formatCompare, parseCompare } from '../../../src/state/compare';
import { normalizeParams } from '../../../src/state/normalize';
import { paramsToQuery } from '../../../src/state/url';
import { MAX_MESSAGE_LENGTH, opts, PROPERTY_TIMEOUT, rawFromQuery, expectUsable, verdict, numericString } from './paramCases';

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

describe('compare edits never lose a run', () => {
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
