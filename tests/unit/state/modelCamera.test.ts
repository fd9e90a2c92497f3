/** Each model's own default camera: the sigmoid unit is seen facing its cliff, the tutorial as before. */
import { describe, expect, it } from 'vitest';
import { sceneChange } from '../../../src/scenes';
import { normalizeParams, withModelDefaults } from '../../../src/state/normalize';
import { DEFAULT_CAMERA, DEFAULT_PARAMS, type Params } from '../../../src/state/schema';
import { paramsToQuery, queryToRaw } from '../../../src/state/url';
import { linearModel } from '../../../src/model/models/linear';
import { sigmoidModel } from '../../../src/model/models/sigmoid';

/** what the store does with a change: normalize over base, then the model's own defaults */
function apply(raw: Record<string, unknown>, base: Params): Params {
  return withModelDefaults(raw, normalizeParams(raw, base).params, base);
}

describe("a model's default camera", () => {
  it("is the tutorial's for the linear RNN (the app's default) and the sigmoid unit's own for it", () => {
    expect(linearModel.defaultCamera).toEqual(DEFAULT_CAMERA);
    expect(DEFAULT_PARAMS.cam).toEqual(DEFAULT_CAMERA);
    expect(sigmoidModel.defaultCamera).not.toEqual(DEFAULT_CAMERA);
  });

  it("comes with the model: a URL with model=sigmoid, its scenes, and the tutorial's scene back", () => {
    const url = apply(queryToRaw('?model=sigmoid'), DEFAULT_PARAMS);
    expect(url.cam).toEqual(sigmoidModel.defaultCamera);
    const cliff = apply(sceneChange('pascanu-cliff')!, DEFAULT_PARAMS);
    expect(cliff.cam).toEqual(sigmoidModel.defaultCamera);
    // the plateau is the same model: a camera the user moved stays
    const moved = { ...cliff, cam: [100, 30, 6] as Params['cam'] };
    expect(apply(sceneChange('plateau')!, moved).cam).toEqual([100, 30, 6]);
    expect(apply(sceneChange('tutorial')!, cliff).cam).toEqual(DEFAULT_CAMERA);
  });

  it('is left out of the URL, and a camera given with the model is kept', () => {
    const given = apply(queryToRaw('?model=sigmoid&cam=35,52,5.4'), DEFAULT_PARAMS);
    expect(given.cam).toEqual([35, 52, 5.4]);
    expect(paramsToQuery(given)).toBe('model=sigmoid&cam=35,52,5.4');
    expect(paramsToQuery(apply(queryToRaw('?model=sigmoid'), DEFAULT_PARAMS))).toBe('model=sigmoid');
  });
});
