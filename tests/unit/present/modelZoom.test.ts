/** The 2D map's zoom window is the model's: the tutorial's [0, 2]² for the linear RNN, the cliff's for the sigmoid unit. */
import { describe, expect, it } from 'vitest';
import { presentModel, windowText } from '../../../src/present/modelView';
import { DEFAULT_PARAMS } from '../../../src/state/schema';
import { zoomOptions } from '../../../src/ui/zoomOption';
import { valley } from '../../../src/model/models/sigmoid/unit';

const inside = ([a, b, c, d]: readonly number[], [x, y]: readonly number[]) => x > a && x < b && y > c && y < d;

describe("the model's zoom window", () => {
  it("is [0, 2]² for the linear RNN, named as before in the panel's option", () => {
    const v = presentModel(DEFAULT_PARAMS);
    expect(v.zoom).toEqual([0, 2, 0, 2]);
    expect(v.zoomText).toBe('[0, 2]²');
    expect(Object.keys(zoomOptions(DEFAULT_PARAMS))).toEqual(['full range', 'zoom [0, 2]²']);
    expect(Object.values(zoomOptions(DEFAULT_PARAMS))).toEqual(['full', 'zoom']);
  });

  it("holds the sigmoid unit's default start on the cliff and where the valley ends, inside its default range, and names itself", () => {
    const p = { ...DEFAULT_PARAMS, model: 'sigmoid' as const };
    const v = presentModel(p);
    const [a, b, c, d] = v.zoom;
    expect(inside(v.zoom, [6.5, -3.2])).toBe(true);
    expect(inside(v.zoom, valley(0.7).end)).toBe(true);
    // a zoom: smaller than the default range [-2, 12] x [-8, 2], inside it
    expect(a >= -2 && b <= 12 && c >= -8 && d <= 2).toBe(true);
    expect((b - a) * (d - c)).toBeLessThan(0.5 * 14 * 10);
    expect(v.zoomText).toBe(`[${a}, ${b}] × [${c}, ${d}]`);
    expect(Object.keys(zoomOptions(p))[1]).toBe(`zoom ${v.zoomText}`);
  });

  it('writes a square window with ², any other as a product', () => {
    expect(windowText([0, 2, 0, 2])).toBe('[0, 2]²');
    expect(windowText([3, 8, -5, 0])).toBe('[3, 8] × [-5, 0]');
  });
});
