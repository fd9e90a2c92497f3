/** The sigmoid model's scenes: choosing one switches the model with its range and start, and back. */
import { describe, expect, it } from 'vitest';
import { SCENES, sceneChange, sceneOf } from '../../../src/scenes';
import { normalizeParams, withModelDefaults } from '../../../src/state/normalize';
import { DEFAULT_PARAMS, type Params } from '../../../src/state/schema';

/** what the store does with a change: normalize over base, then the model's own range and start */
function apply(id: string, base: Params): Params {
  const raw = sceneChange(id)!;
  return withModelDefaults(raw, normalizeParams(raw, base).params, base);
}

describe("the scenes of Pascanu's sigmoid unit", () => {
  it("Pascanu's cliff opens the sigmoid model at its own range and start, with sgd and clip compared", () => {
    const p = apply('pascanu-cliff', DEFAULT_PARAMS);
    expect(p.model).toBe('sigmoid');
    expect(p.start).toEqual([6.5, -3.2]);
    expect(p.range).toEqual([-2, 12, -8, 2]);
    expect(p.compare.map((r) => r.opt)).toEqual(['sgd', 'clip']);
    expect(sceneOf(p)).toBe('pascanu-cliff');
  });

  it('the plateau starts at (2, -6), and the tutorial scene brings the linear model back with its range and start', () => {
    const cliff = apply('pascanu-cliff', DEFAULT_PARAMS);
    const plateau = apply('plateau', cliff);
    expect(plateau.start).toEqual([2, -6]);
    expect(sceneOf(plateau)).toBe('plateau');
    const back = apply('tutorial', plateau);
    expect(back.model).toBe('linear');
    expect(back.start).toEqual(DEFAULT_PARAMS.start);
    expect(back.range).toEqual(DEFAULT_PARAMS.range);
    expect(sceneOf(back)).toBe('tutorial');
  });

  it('a scene resets the model parameters another scene or the user changed', () => {
    const base = { ...apply('pascanu-cliff', DEFAULT_PARAMS), steps: 20, target: 0.6 };
    expect(sceneOf(base)).toBe('');
    const p = apply('plateau', base);
    expect([p.steps, p.target]).toEqual([DEFAULT_PARAMS.steps, DEFAULT_PARAMS.target]);
    expect(SCENES.map((s) => s.id)).toContain('plateau');
  });
});

describe("the atlas of starts in the model's names", () => {
  it('labels its axes w and b on the sigmoid unit, wx and wRec on the linear RNN', async () => {
    const { atlasGrid } = await import('../../../src/state/derived');
    const { tutorialDataset } = await import('../../../src/model/dataset');
    const d = tutorialDataset();
    const sig = atlasGrid({ ...DEFAULT_PARAMS, model: 'sigmoid', atlas: 'starts' }, 'rprop', d);
    expect([sig.xLabel, sig.yLabel]).toEqual(['w', 'b']);
    const lin = atlasGrid({ ...DEFAULT_PARAMS, atlas: 'starts' }, 'rprop', d);
    expect([lin.xLabel, lin.yLabel]).toEqual(['wx', 'wRec']);
  });
});
