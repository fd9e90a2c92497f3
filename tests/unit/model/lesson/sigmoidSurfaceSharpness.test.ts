/**
 * The CPU backend's sharpness over a surface of the sigmoid unit (SPEC sections 10 and 12): the
 * float64 Hessian per grid point, against sigmoid-pascanu.json's points (both parameter sets) and
 * the model's own Hessian at every cell of a grid (rows = b); and when the app asks for it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelConfig, modelOf, modelSharpness } from '../../../../src/model/models';
import { modelSurfaceSharpness } from '../../../../src/model/lesson/surfaceSharpness';
import { linspace } from '../../../../src/model/surface';
import { tutorialDataset } from '../../../../src/model/dataset';
import { surfaceShowsSharpness } from '../../../../src/state/derived';
import { DEFAULT_PARAMS } from '../../../../src/state/schema';

interface Pt { w: number; b: number; sharpness: number }
interface Set { model: { x0: number; target: number; steps: number }; points: Pt[] }
const here = dirname(fileURLToPath(import.meta.url));
const fx: Set & { other: Set } = JSON.parse(readFileSync(join(here, '..', '..', '..', 'fixtures', 'sigmoid-pascanu.json'), 'utf8'));
const sigmoid = modelOf('sigmoid');
const d = tutorialDataset();

describe('the sigmoid surface sharpness (float64, stored as float32)', () => {
  for (const [name, set] of [['the default parameters', fx], ['the other parameter set', fx.other]] as const) {
    it(`is the fixture's sharpness at its points (${name})`, () => {
      const { params } = modelConfig('sigmoid', set.model);
      for (const p of set.points) {
        // the grid's first cell is (range[0], range[2]) exactly
        const [got] = modelSurfaceSharpness(sigmoid, params, d, { wxMin: p.w, wxMax: p.w + 1, wRecMin: p.b, wRecMax: p.b + 1 }, 2);
        expect(Math.abs(got - p.sharpness), `(${p.w}, ${p.b})`).toBeLessThanOrEqual(2 ** -23 * Math.abs(p.sharpness));
      }
    });
  }

  it("is the model's Hessian's largest eigenvalue at every cell, rows = b", () => {
    const params = modelConfig('sigmoid', { steps: 30 }).params;
    const range = { wxMin: -2, wxMax: 12, wRecMin: -8, wRecMax: 2 };
    const res = 9;
    const grid = modelSurfaceSharpness(sigmoid, params, d, range, res);
    const w = linspace(-2, 12, res);
    const b = linspace(-8, 2, res);
    for (let row = 0; row < res; row++)
      for (let col = 0; col < res; col++) expect(grid[row * res + col]).toBe(Math.fround(modelSharpness(sigmoid, params, d, w[col], b[row])));
    // the cliff's band is far sharper than the plateau (the picture colorBy=sharpness shows)
    expect(Math.max(...grid)).toBeGreaterThan(1e3 * Math.abs(grid[0]));
  });
});

describe('when the app asks for the surface sharpness', () => {
  const p = { ...DEFAULT_PARAMS };
  it('asks while colorBy=sharpness, or while the lesson shows a run with a stability limit', () => {
    expect(surfaceShowsSharpness(p)).toBe(false);
    expect(surfaceShowsSharpness({ ...p, colorBy: 'sharpness' })).toBe(true);
    // the default run is Rprop: no limit, no stability contour
    expect(surfaceShowsSharpness({ ...p, plots: 'sharpness' })).toBe(false);
    expect(surfaceShowsSharpness({ ...p, plots: 'sharpness', opt: 'sgd' })).toBe(true);
    expect(surfaceShowsSharpness({ ...p, sweep: 'lr', compare: [{ opt: 'clip', overrides: { lr: 0.5, clip: 1 } }] })).toBe(true);
  });
});
