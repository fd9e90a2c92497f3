import { describe, expect, it } from 'vitest';
import { boundaryDimension, atlasBoundaryDimension } from '../../../../src/model/lesson/boundary';
import { computeAtlasRows, createAtlasOutput } from '../../../../src/model/atlas';
import { datasetFromRows } from '../../../../src/model/dataset';
import { linspace } from '../../../../src/model/surface';
import { withDefaults } from '../../../../src/model/optimisers';
import { lessonFixture as fx } from '../../../lessonFixture';

const byName = (prefix: string) => fx.boundaryDimension.find((b) => b.name.startsWith(prefix))!;
const near = (a: number | null, e: number) => a !== null && Math.abs(a - e) <= 1e-9;
const maskOf = (rows: string[]) => (i: number) => rows[Math.floor(i / rows[0].length)][i % rows[0].length] === '1';

describe('the boundary dimension (SPEC section 8, box counting) against lesson-tutorial.json', () => {
  it('a random 64 x 64 mask: about 1.88 (noise), to 1e-9', () => {
    const b = byName('random');
    const got = boundaryDimension(b.diverged!.length, b.diverged![0].length, maskOf(b.diverged!));
    expect(near(got, b.dimension), `${got} vs ${b.dimension}`).toBe(true);
  });

  it('a half plane of 256 x 256 (columns < 128 diverged): 1', () => {
    const got = boundaryDimension(256, 256, (i) => i % 256 < 128);
    expect(near(got, byName('half plane').dimension), `${got}`).toBe(true);
  });

  it('a disc of radius 80 in 256 x 256: 0.977', () => {
    const got = boundaryDimension(256, 256, (i) => {
      const x = i % 256;
      const y = Math.floor(i / 256);
      return (x - 128) ** 2 + (y - 128) ** 2 < 80 ** 2;
    });
    expect(near(got, byName('disc').dimension), `${got}`).toBe(true);
  });

  it("the fixture's 128 x 128 sgd lr-mode atlas mask: 1.25, to 1e-9", () => {
    const b = byName('atlas lr mode');
    const got = boundaryDimension(128, 128, maskOf(b.diverged!));
    expect(near(got, b.dimension), `${got} vs ${b.dimension}`).toBe(true);
  });

  it('the same atlas computed in float64 (sgd from (0.5, 0.5), log10 lr in [-5, -1]^2, 300 iterations, tol 0.01)', () => {
    const b = byName('atlas lr mode');
    const d = datasetFromRows(fx.dataset.X);
    const axis = linspace(-5, -1, 128);
    const out = createAtlasOutput(128, 128, 'float64');
    computeAtlasRows(d, { mode: 'lr', opt: 'sgd', hyper: withDefaults(), iterations: 300, tol: 0.01, xAxis: axis, yAxis: axis, start: [0.5, 0.5] }, 0, 128, out);
    // lr mode is chaotic near its boundary (SPEC section 8): the diverged flags, not the costs
    let same = 0;
    const want = maskOf(b.diverged!);
    for (let i = 0; i < 128 * 128; i++) if ((out.divergedAt[i] >= 0) === want(i)) same++;
    expect(same / (128 * 128)).toBeGreaterThan(0.998);
    const got = atlasBoundaryDimension(out.divergedAt, 128)!;
    if (same === 128 * 128) expect(near(got, b.dimension), `${got} vs ${b.dimension}`).toBe(true);
    else expect(Math.abs(got - b.dimension)).toBeLessThan(0.005);
  }, 60_000);

  it('none without a boundary or with fewer than 4 box sizes (an atlas under 64 cells a side)', () => {
    expect(boundaryDimension(64, 64, () => false)).toBe(null);
    expect(boundaryDimension(63, 64, (i) => i % 2 === 0)).toBe(null);
    expect(atlasBoundaryDimension(new Int32Array(32 * 32).fill(-1), 32)).toBe(null);
  });
});
