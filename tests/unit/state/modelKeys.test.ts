/** The model keys: model, x0, target, steps; the model's default range and start; keys it does not use. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/state/schema';
import { normalizeParams } from '../../../src/state/normalize';
import { paramsToQuery, queryToRaw } from '../../../src/state/url';
import { Store } from '../../../src/state/store';
import { MODELS, modelOf, modelParamValues, modelSharpness } from '../../../src/model/models';
import { effectiveAtlasRange } from '../../../src/state/derived';
import { tutorialDataset } from '../../../src/model/dataset';

const store = () => new Store(() => {});

describe('the model keys', () => {
  it('defaults to the linear model, and the sigmoid parameters to the model description', () => {
    expect(DEFAULT_PARAMS.model).toBe('linear');
    const sig = modelParamValues(modelOf('sigmoid'));
    expect([DEFAULT_PARAMS.x0, DEFAULT_PARAMS.target, DEFAULT_PARAMS.steps]).toEqual([sig.x0, sig.target, sig.steps]);
    const linear = modelOf('linear');
    expect([...linear.defaultRange]).toEqual(DEFAULT_PARAMS.range);
    expect([...linear.defaultStart]).toEqual(DEFAULT_PARAMS.start);
    expect(MODELS.length).toBe(2);
  });

  it('reads model, x0, target and steps, clamping with a message like every key', () => {
    const { params, messages } = normalizeParams({ model: 'sigmoid', x0: '-0.2', target: '0.3', steps: '20' });
    expect(messages).toEqual([]);
    expect([params.model, params.x0, params.target, params.steps]).toEqual(['sigmoid', -0.2, 0.3, 20]);
    const c = normalizeParams({ model: 'tanh', steps: '500', target: '1', x0: '99' });
    expect(c.params.model).toBe('linear');
    expect(c.params.steps).toBe(200);
    expect(c.params.x0).toBe(10);
    expect(c.params.target).toBeLessThan(1);
    expect(c.messages).toHaveLength(4);
    expect(c.messages[0]).toMatch(/^model: "?tanh"? is not one of linear, sigmoid; kept linear/);
    expect(c.messages.some((m) => m.startsWith('steps: 500 clamped to 200'))).toBe(true);
  });

  it("opens a model at its own range and start, and leaves them out of the URL there", () => {
    const s = store();
    const c = s.load(queryToRaw('?model=sigmoid'));
    expect(c.messages).toEqual([]);
    expect(c.params.range).toEqual([-2, 12, -8, 2]);
    expect(c.params.start).toEqual([6.5, -3.2]);
    expect(paramsToQuery(c.params)).toBe('model=sigmoid');
    // a range given with it is kept, and written
    const d = store().load(queryToRaw('?model=sigmoid&range=-3,3,-3,3&start=1,1'));
    expect(d.params.range).toEqual([-3, 3, -3, 3]);
    expect(paramsToQuery(d.params)).toBe('model=sigmoid&range=-3,3,-3,3&start=1,1');
    // back to the linear model: its own defaults again
    const e = s.set({ model: 'linear' });
    expect(e.params.range).toEqual(DEFAULT_PARAMS.range);
    expect(e.params.start).toEqual(DEFAULT_PARAMS.start);
    expect(paramsToQuery(e.params)).toBe('');
    // a start set while on the sigmoid model stays while the model stays
    s.set({ model: 'sigmoid' });
    expect(s.set({ start: [2, -6] }).params.start).toEqual([2, -6]);
    expect(s.set({ steps: 10 }).params.start).toEqual([2, -6]);
  });

  it('says, not refuses, data keys with the sigmoid model and sigmoid keys with the linear one', () => {
    const c = store().load(queryToRaw('?model=sigmoid&seqLen=20&preset=random&test=0101'));
    expect(c.params.seqLen).toBe(20);
    expect(c.params.preset).toBe('random');
    expect(c.messages).toEqual([
      'preset: not used: the sigmoid model has no data set',
      'seqLen: not used: the sigmoid model has no data set',
      'test: not used: the sigmoid model has no "try the model"',
    ]);
    const d = store().load(queryToRaw('?steps=10'));
    expect(d.params.steps).toBe(10);
    expect(d.messages).toEqual(['steps: not used by the linear model']);
  });
});

describe('the learning-rate atlas window of the sigmoid model', () => {
  it("centres on the sigmoid model's own stable learning rate at the start, not the linear RNN's", () => {
    const d = tutorialDataset();
    const p = { ...DEFAULT_PARAMS, model: 'sigmoid' as const, start: [2, -1] as [number, number] };
    const s = modelSharpness(modelOf('sigmoid'), modelParamValues(modelOf('sigmoid')), d, 2, -1);
    expect(s).toBeGreaterThan(0);
    const centre = Math.round(Math.log10(2 / s) * 10) / 10;
    const r = effectiveAtlasRange(p, d);
    expect(r).toEqual([centre - 2, centre + 2, centre - 2, centre + 2].map((v) => Math.round(v * 10) / 10));
    expect(effectiveAtlasRange({ ...p, model: 'linear' }, d)).not.toEqual(r);
  });
});
