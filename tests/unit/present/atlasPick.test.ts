import { describe, expect, it } from 'vitest';
import { atlasPickChange, atlasRunMarker, atlasZoomChange } from '../../../src/present/atlasPick';
import { withDefaults } from '../../../src/model/optimisers';
import type { CompareRun } from '../../../src/state/schema';

const compare: CompareRun[] = [
  { opt: 'sgd', overrides: { lr: 1e-4 } },
  { opt: 'clip', overrides: { lr: 0.05, clip: 0.5 } },
  { opt: 'irprop-', overrides: {} },
];

describe("the atlas's maps act on their own run", () => {
  it('markers: the start; the etas of an Rprop run; log10 of lr and lrWRec (null: lr) of the others', () => {
    expect(atlasRunMarker('starts', { opt: 'sgd', hyper: { ...withDefaults(), lrWRec: null } }, [-1.5, 2])).toEqual([-1.5, 2]);
    expect(atlasRunMarker('lr', { opt: 'rprop', hyper: { ...withDefaults(), lrWRec: null } }, [0, 0])).toEqual([1.2, 0.5]);
    expect(atlasRunMarker('lr', { opt: 'adam', hyper: { ...withDefaults({ lr: 1e-3 }), lrWRec: 1e-5 } }, [0, 0])).toEqual([-3, -5]);
    expect(atlasRunMarker('lr', { opt: 'sgd', hyper: { ...withDefaults({ lr: 1e-4 }), lrWRec: null } }, [0, 0])).toEqual([-4, -4]);
  });

  it("a click sets the run's own hyperparameters to the cell's, exactly; the others keep theirs", () => {
    const p = { opt: 'rprop' as const, compare };
    expect(atlasPickChange('lr', p, 0, 1.3, 0.4)).toEqual({ etaPlus: 1.3, etaMinus: 0.4 });
    const sgd = atlasPickChange('lr', p, 1, -4.2, -5.1)!;
    expect(sgd.compare).toEqual([
      { opt: 'sgd', overrides: { lr: 10 ** -4.2, lrWRec: 10 ** -5.1 } },
      compare[1],
      compare[2],
    ]);
    expect(sgd).not.toHaveProperty('etaPlus');
    expect(atlasPickChange('lr', p, 3, 1.5, 0.2)!.compare![2]).toEqual({ opt: 'irprop-', overrides: { etaPlus: 1.5, etaMinus: 0.2 } });
    expect(atlasPickChange('lr', { opt: 'momentum', compare: [] }, 0, -3, -6)).toEqual({ lr: 1e-3, lrWRec: 10 ** -6 });
    expect(atlasPickChange('lr', p, 9, 0, 0)).toBeNull();
    expect(atlasPickChange('starts', p, 2, 0.123456, -1.5)).toEqual({ start: [0.1235, -1.5] });
    // the compare list given is not changed in place
    expect(compare[0]).toEqual({ opt: 'sgd', overrides: { lr: 1e-4 } });
  });

  it("a zoom sets the window of the run's family", () => {
    expect(atlasZoomChange('sgd', [-6, -4, -7, -5])).toEqual({ atlasRange: [-6, -4, -7, -5] });
    expect(atlasZoomChange('rprop+', [1.1, 1.5, 0.2, 0.6])).toEqual({ atlasEtaRange: [1.1, 1.5, 0.2, 0.6] });
  });
});
