import { describe, expect, it } from 'vitest';
import { normalizeParams } from '../../../src/state/normalize';
import { DEFAULT_PARAMS, ENGINE_KEYS } from '../../../src/state/schema';
import { sweepLength, sweepRangeFor, sweepSpecs } from '../../../src/state/sweep';
import { Store } from '../../../src/state/store';
import { paramsToQuery, queryToRaw } from '../../../src/state/url';

describe('the sweep keys (SPEC section 11): sweep, sweepRange, sweepRes, sweepStarts', () => {
  it('defaults: off, the kind\'s own range, 65 values, 32 x 32 starts; all change the numbers', () => {
    expect(DEFAULT_PARAMS).toMatchObject({ sweep: 'off', sweepRange: null, sweepRes: 65, sweepStarts: 32 });
    for (const k of ['sweep', 'sweepRange', 'sweepRes', 'sweepStarts'] as const) expect(ENGINE_KEYS).toContain(k);
    expect(sweepRangeFor({ sweep: 'lr', sweepRange: null })).toEqual({ range: [-8, 0], note: null });
    expect(sweepRangeFor({ sweep: 'seqLen', sweepRange: null })).toEqual({ range: [2, 40], note: null });
  });

  it.each([
    ['sweep not a kind', { sweep: 'length' }, /sweep: "length" is not one of off, lr, seqLen; kept off/],
    ['sweepRes too large', { sweepRes: '1000' }, /sweepRes: 1000 clamped to 257 \(allowed 2 .. 257, whole numbers\)/],
    ['sweepRes not whole', { sweepRes: '64.6' }, /sweepRes: 64.6 clamped to 65/],
    ['sweepStarts too small', { sweepStarts: '2' }, /sweepStarts: 2 clamped to 4 \(allowed 4 .. 128, whole numbers\)/],
    ['sweepStarts not a number', { sweepStarts: 'many' }, /sweepStarts: "many" is not a number; kept 32/],
    ['sweepRange three numbers', { sweepRange: '1,2,3' }, /sweepRange: "1,2,3" must be two numbers lo,hi; kept null/],
    // either kind's: log10 of a learning rate down to -12, lengths (100) or the sigmoid unit's steps (200) up
    ['sweepRange beyond either kind', { sweepRange: '-20,300' }, /sweepRange: clamped to \[-12, 200\]: -12,200/],
  ])('%s: refused or clamped, with a message', (_name, raw, message) => {
    const { messages } = normalizeParams(raw);
    expect(messages.join('\n')).toMatch(message);
  });

  it('valid values pass silently and survive the URL', () => {
    const { params, messages } = normalizeParams({ sweep: 'seqLen', sweepRange: '5,20', sweepRes: '33', sweepStarts: '16' });
    expect(messages).toEqual([]);
    expect(params).toMatchObject({ sweep: 'seqLen', sweepRange: [5, 20], sweepRes: 33, sweepStarts: 16 });
    const query = paramsToQuery(params);
    expect(query).toBe('sweep=seqLen&sweepRange=5,20&sweepRes=33&sweepStarts=16');
    expect(normalizeParams(queryToRaw(query)).params).toEqual(params);
    expect(normalizeParams({ sweepRange: '' }, params).params.sweepRange).toBe(null);
  });

  it("sweepRangeFor: the kind's own limits, in increasing order, with a note where it changed the range", () => {
    expect(sweepRangeFor({ sweep: 'lr', sweepRange: [-6, -2] })).toEqual({ range: [-6, -2], note: null });
    const lr = sweepRangeFor({ sweep: 'lr', sweepRange: [5, -4] });
    expect(lr.range).toEqual([-4, 1]);
    expect(lr.note).toMatch(/^sweepRange: 5,-4: log10 of the knob within \[-12, 1\], used -4,1/);
    const len = sweepRangeFor({ sweep: 'seqLen', sweepRange: [-3, 12.4] });
    expect(len.range).toEqual([1, 12]);
    expect(len.note).toMatch(/^sweepRange: -3,12.4: whole lengths within \[1, 100\], used 1,12/);
  });

  it("the sigmoid unit's sequence-length sweep varies its steps: their limits 1..200 and a default range of its own", () => {
    expect(sweepLength('linear')).toEqual({ key: 'seqLen', limit: [1, 100], defaults: [2, 40] });
    expect(sweepLength('sigmoid')).toEqual({ key: 'steps', limit: [1, 200], defaults: [2, 60] });
    expect(sweepRangeFor({ sweep: 'seqLen', sweepRange: null, model: 'sigmoid' })).toEqual({ range: [2, 60], note: null });
    // 150 steps are the sigmoid unit's to take, not the data's lengths (at most 100)
    expect(sweepRangeFor({ sweep: 'seqLen', sweepRange: [5, 150], model: 'sigmoid' })).toEqual({ range: [5, 150], note: null });
    expect(sweepRangeFor({ sweep: 'seqLen', sweepRange: [5, 150], model: 'linear' }).range).toEqual([5, 100]);
    const steps = sweepRangeFor({ sweep: 'seqLen', sweepRange: [0, 200.4], model: 'sigmoid' });
    expect(steps.range).toEqual([1, 200]);
    expect(steps.note).toBe('sweepRange: 0,200.4: whole numbers of steps within [1, 200], used 1,200');
    // the lr sweep is the same whatever the model
    expect(sweepRangeFor({ sweep: 'lr', sweepRange: null, model: 'sigmoid' }).range).toEqual([-8, 0]);
  });

  it('a sweepRange the kind or the model does not allow is said, like every clamped key, when it is given', () => {
    const store = new Store(() => {});
    expect(store.set({ model: 'sigmoid', sweep: 'seqLen', sweepRange: '1,200' }).messages).toEqual([]);
    // back to the linear RNN: 200 is beyond its data's lengths
    expect(store.set({ model: 'linear' }).messages).toEqual(['sweepRange: 1,200: whole lengths within [1, 100], used 1,100']);
    // said when a sweep key or the model is given, not on every change after
    expect(store.set({ iterations: 300 }).messages).toEqual([]);
    expect(store.set({ sweep: 'lr' }).messages).toEqual(['sweepRange: 1,200: log10 of the knob within [-12, 1], used 1,1']);
    expect(store.set({ sweep: 'off' }).messages).toEqual([]);
  });

  it('sweeps the main run then the compared runs, each with all its hyperparameters', () => {
    const { params } = normalizeParams({ opt: 'sgd', lr: '0.0001', compare: 'rprop;adam,lr=0.05' });
    const specs = sweepSpecs(params);
    expect(specs.map((s) => s.opt)).toEqual(['sgd', 'rprop', 'adam']);
    expect(specs[0].hyper.lr).toBe(0.0001);
    expect(specs[2].hyper.lr).toBe(0.05);
    expect(specs[1].hyper.delta0).toBe(0.001);
  });
});
