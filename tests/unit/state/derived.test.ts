/** What the parameters imply: the atlas axes and each run's hyperparameters. */
import { describe, expect, it } from 'vitest';
import { tutorialDataset } from '../../../src/model/dataset';
import { DEFAULT_PARAMS, ENGINE_KEYS } from '../../../src/state/schema';
import { atlasAxes, atlasGrid, engineParams, hyperFor } from '../../../src/state/derived';
import { normalizeParams } from '../../../src/state/normalize';
import { paramsToQuery } from '../../../src/state/url';
import { rawFromQuery } from './paramCases';

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

describe('what the engine is handed', () => {
  it('engineParams: exactly the keys that change the numbers, with their values', () => {
    const p = { ...DEFAULT_PARAMS, opt: 'adam' as const, cam: [1, 2, 3] as [number, number, number], play: false };
    const e = engineParams(p);
    expect(Object.keys(e).sort()).toEqual([...ENGINE_KEYS].sort());
    expect(e.opt).toBe('adam');
    expect(e).not.toHaveProperty('cam');
  });
  it("atlasGrid: 'starts' over the surface's range for every optimiser; 'lr' over atlasAxes, per optimiser family", () => {
    const d = tutorialDataset();
    const p = { ...DEFAULT_PARAMS, atlasRes: 3, range: [-2, 2, -1, 3] as [number, number, number, number], atlasRange: [-5, -1, -6, -2] as [number, number, number, number] };
    const starts = atlasGrid({ ...p, atlas: 'starts' }, 'rprop', d);
    expect([Array.from(starts.xAxis), Array.from(starts.yAxis), starts.xLabel, starts.xLog]).toEqual([[-2, 0, 2], [-1, 1, 3], 'wx', false]);
    expect(Array.from(atlasGrid({ ...p, atlas: 'starts' }, 'sgd', d).yAxis)).toEqual([-1, 1, 3]);
    const sgd = atlasGrid({ ...p, atlas: 'lr' }, 'sgd', d);
    expect([Array.from(sgd.xAxis), Array.from(sgd.yAxis), sgd.xLog, sgd.yLog]).toEqual([[-5, -3, -1], [-6, -4, -2], true, true]);
    const rprop = atlasGrid({ ...p, atlas: 'lr' }, 'rprop', d);
    expect([Array.from(rprop.xAxis), Array.from(rprop.yAxis), rprop.xLabel, rprop.yLabel]).toEqual([[1, 1.5, 2], [0, 0.5, 1], 'etaPlus', 'etaMinus']);
  });
});

describe('sceneOf: the scene whose settings these are', () => {
  it("names each scene from its own URL, and none for other settings", async () => {
    const { SCENES, sceneOf, sceneParams } = await import('../../../src/scenes');
    const { withModelDefaults } = await import('../../../src/state/normalize');
    // as the store reads a URL: a scene of another model opens at that model's range and start
    for (const scene of SCENES) expect(sceneOf(withModelDefaults(sceneParams(scene), normalizeParams(sceneParams(scene)).params, DEFAULT_PARAMS))).toBe(scene.id);
    expect(sceneOf(DEFAULT_PARAMS)).toBe('tutorial');
    expect(sceneOf(normalizeParams({ opt: 'sgd' }).params)).toBe('');
    expect(sceneOf(normalizeParams({ compare: 'sgd,lr=0.001;clip,lr=0.05,clip=0.5' }).params)).toBe('');
    // the data and the view are not a scene's: the same scene on other data or another layout
    expect(sceneOf(normalizeParams({ compare: 'sgd,lr=0.0001;clip,lr=0.05,clip=0.5', preset: 'random', layout: '2d' }).params)).toBe('gd-explodes');
  });
});
