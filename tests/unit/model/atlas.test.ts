import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  atlasCell,
  atlasCellOfRun,
  atlasClass,
  atlasSummary,
  computeAtlasRows,
  createAtlasOutput,
  float32Shortfall,
  float32Ulp,
  type AtlasOutput,
  type AtlasRequest,
} from '../../../src/model/atlas';
import { float32Text } from '../../../src/present/notes';
import { datasetFromRows, tutorialDataset, type Dataset } from '../../../src/model/dataset';
import { HYPER_DEFAULTS, OPTIMISERS, type Hyper, type OptimiserName } from '../../../src/model/optimiserSpec';
import { runOptimiser, withDefaults } from '../../../src/model/optimisers';
import { linspace } from '../../../src/model/surface';
import { atlasGrid } from '../../../src/state/derived';
import { DEFAULT_PARAMS } from '../../../src/state/schema';

type Quad = [number, number, number, number];
/** The engine's grid (state/derived atlasGrid) of a 'starts' atlas over range, res cells per side. */
const startsGrid = (opt: OptimiserName, res: number, range: Quad) => atlasGrid({ ...DEFAULT_PARAMS, atlas: 'starts', atlasRes: res, range }, opt, tutorialDataset());
/** The engine's grid of an 'lr' atlas; atlasRange null: derived from the start. */
const lrGrid = (opt: OptimiserName, res: number, atlasRange: Quad | null, start: [number, number] = [0.5, 0.5]) =>
  atlasGrid({ ...DEFAULT_PARAMS, atlas: 'lr', atlasRes: res, atlasRange, start }, opt, tutorialDataset());

interface AtlasCase {
  opt: OptimiserName;
  hyper: Partial<Hyper>;
  iterations: number;
  tol: number;
  axis: number[];
  finalCost: number[][];
  convergedAt: number[][];
  divergedAt: number[][];
}
interface AtlasFixture {
  dataset: { X: number[][]; t: number[] };
  cases: AtlasCase[];
}

const here = dirname(fileURLToPath(import.meta.url));
const fx: AtlasFixture = JSON.parse(readFileSync(join(here, '..', '..', 'fixtures', 'atlas-tutorial.json'), 'utf8'));
/** The fixtures write +Infinity as 1e308. */
const inf = (v: number): number => (v >= 1e308 ? Infinity : v);

function close(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

const classOf = (div: number, conv: number): string => (div >= 0 ? 'diverged' : conv >= 0 ? 'converged' : 'notConverged');

function startsRequest(c: AtlasCase): AtlasRequest {
  const axis = Float64Array.from(c.axis);
  return {
    mode: 'starts',
    opt: c.opt,
    hyper: { ...HYPER_DEFAULTS, ...c.hyper },
    iterations: c.iterations,
    tol: c.tol,
    xAxis: axis,
    yAxis: axis,
    start: [0, 0],
  };
}

/** Every cell of `out` against runOptimiser with that cell's start and hyperparameters. */
function expectCellsAreRuns(d: Dataset, req: AtlasRequest, out: AtlasOutput): void {
  for (let row = 0; row < req.yAxis.length; row++)
    for (let col = 0; col < req.xAxis.length; col++) {
      const cell = atlasCell(req, row, col);
      const r = runOptimiser(d, req.opt, cell.hyper, cell.start, req.iterations, cell.lr ? { lr: cell.lr } : undefined);
      const i = row * req.xAxis.length + col;
      const where = `${req.opt} ${req.mode} cell (${row}, ${col})`;
      const want = atlasCellOfRun(r, req.tol);
      expect(out.finalCost[i], where).toBe(want.finalCost);
      expect(out.divergedAt[i], where).toBe(want.divergedAt);
      expect(out.convergedAt[i], where).toBe(want.convergedAt);
    }
}

describe('the atlas against atlas-tutorial.json', () => {
  const d = datasetFromRows(fx.dataset.X);

  it('is the tutorial data set', () => {
    expect(Array.from(d.x)).toEqual(Array.from(tutorialDataset().x));
  });

  it.each(fx.cases.map((c) => [`${c.opt} ${JSON.stringify(c.hyper)}, ${c.iterations} iterations, tol ${c.tol}`, c] as const))(
    '%s: classes, convergedAt, divergedAt exactly, finalCost to 1e-9',
    (_name, c) => {
      const req = startsRequest(c);
      const res = c.axis.length;
      expect(res).toBe(24);
      const out = createAtlasOutput(res, res, 'float64');
      computeAtlasRows(d, req, 0, res, out);
      expect(Array.from(req.xAxis)).toEqual(Array.from(linspace(-3, 3, res)));
      let mismatches = 0;
      const illConditioned: string[] = [];
      const counts = { converged: 0, diverged: 0, notConverged: 0 };
      for (let row = 0; row < res; row++)
        for (let col = 0; col < res; col++) {
          const i = row * res + col;
          const want = {
            cls: classOf(c.divergedAt[row][col], c.convergedAt[row][col]),
            conv: c.convergedAt[row][col],
            div: c.divergedAt[row][col],
            cost: inf(c.finalCost[row][col]),
          };
          counts[want.cls as keyof typeof counts]++;
          const got = { cls: atlasClass(out, i), conv: out.convergedAt[i], div: out.divergedAt[i], cost: out.finalCost[i] };
          expect(Number.isNaN(got.cost)).toBe(false);
          if (got.cls !== want.cls || got.conv !== want.conv || got.div !== want.div) {
            mismatches++;
            console.error(`cell (${row}, ${col}): got`, got, 'want', want);
            continue;
          }
          if (close(got.cost, want.cost, 1e-9, 1e-12)) continue;
          // A cell may miss 1e-9 only where float64 cannot pin it down: where moving the start
          // by an ulp or two moves its final cost by more than 1e-9 (a chaotic path; the
          // fixture's numpy sums round differently). Then the difference must be of that order.
          const start: [number, number] = [c.axis[col], c.axis[row]];
          let sensitivity = 0;
          for (const e of [1, -1, 2, -2]) {
            const r = runOptimiser(d, c.opt, req.hyper, [start[0] * (1 + e * Number.EPSILON), start[1] * (1 + e * Number.EPSILON)], c.iterations);
            const f = atlasCellOfRun(r, c.tol).finalCost;
            sensitivity = Math.max(sensitivity, Math.abs(f - got.cost) / Math.abs(got.cost));
          }
          const diff = Math.abs(got.cost - want.cost) / Math.abs(want.cost);
          if (sensitivity >= 1e-9 && diff <= 10 * sensitivity && diff <= 1e-3) illConditioned.push(`(${row}, ${col}) ${diff.toExponential(1)}`);
          else {
            mismatches++;
            console.error(`cell (${row}, ${col}): final cost ${got.cost}, want ${want.cost} (relative ${diff}, 1-ulp sensitivity ${sensitivity})`);
          }
        }
      expect(mismatches).toBe(0);
      // clip (lr 0.05) has 9 such cells (of 576) near wx = 0, wRec = -3; the others none.
      expect(illConditioned.length).toBeLessThanOrEqual(Math.ceil(0.02 * res * res));
      const s = atlasSummary(out);
      expect(s.cells).toBe(res * res);
      expect(s.converged).toBeCloseTo(counts.converged / (res * res), 12);
      expect(s.diverged).toBeCloseTo(counts.diverged / (res * res), 12);
      expect(s.notConverged).toBeCloseTo(counts.notConverged / (res * res), 12);
    },
  );

  it('float32 output: the float64 costs rounded to float32', () => {
    const c = fx.cases[0];
    const req = startsRequest(c);
    const res = c.axis.length;
    const a = createAtlasOutput(res);
    const b = createAtlasOutput(res, res, 'float64');
    expect(a.finalCost).toBeInstanceOf(Float32Array);
    computeAtlasRows(d, req, 0, res, a);
    computeAtlasRows(d, req, 0, res, b);
    b.finalCost.forEach((v, i) => expect(a.finalCost[i]).toBe(Math.fround(v)));
    expect(a.convergedAt).toEqual(b.convergedAt);
    expect(a.divergedAt).toEqual(b.divergedAt);
  });

  it('bands of rows fill the same grid as one call', () => {
    const c = fx.cases[1];
    const req = startsRequest(c);
    const res = c.axis.length;
    const whole = createAtlasOutput(res, res, 'float64');
    computeAtlasRows(d, req, 0, res, whole);
    const bands = createAtlasOutput(res, res, 'float64');
    for (const [a, b] of [
      [0, 5],
      [5, 6],
      [6, 17],
      [17, 24],
    ])
      computeAtlasRows(d, req, a, b, bands);
    expect(bands).toEqual(whole);
  });
});

describe('the atlas, cell by cell against runOptimiser', () => {
  const d = tutorialDataset();

  it.each(OPTIMISERS)("'starts' mode, %s", (opt) => {
    const { xAxis, yAxis } = startsGrid(opt, 6, [-3, 3, -2, 2.5]);
    expect(Array.from(xAxis)).toEqual(Array.from(linspace(-3, 3, 6)));
    expect(Array.from(yAxis)).toEqual(Array.from(linspace(-2, 2.5, 6)));
    const req: AtlasRequest = { mode: 'starts', opt, hyper: withDefaults(), iterations: 120, tol: 1e-3, xAxis, yAxis, start: [0, 0] };
    const out = createAtlasOutput(6, 6, 'float64');
    computeAtlasRows(d, req, 0, 6, out);
    expectCellsAreRuns(d, req, out);
  });

  it("'lr' mode, sgd: the axes are log10 of the learning rates of wx and wRec", () => {
    const { xAxis, yAxis, xLabel, yLabel, xLog, yLog } = lrGrid('sgd', 8, [-5, -1, -6, -2]);
    expect([xLabel, yLabel, xLog, yLog]).toEqual(['lr of wx', 'lr of wRec', true, true]);
    expect([xAxis[0], xAxis[7], yAxis[0], yAxis[7]]).toEqual([-5, -1, -6, -2]);
    const req: AtlasRequest = { mode: 'lr', opt: 'sgd', hyper: withDefaults(), iterations: 200, tol: 1e-2, xAxis, yAxis, start: [0.5, 0.5] };
    const out = createAtlasOutput(8, 8, 'float64');
    computeAtlasRows(d, req, 0, 8, out);
    expectCellsAreRuns(d, req, out);
    // One cell written out: row 2 (lr of wRec 10^yAxis[2]), column 5 (lr of wx 10^xAxis[5]).
    const r = runOptimiser(d, 'sgd', withDefaults(), [0.5, 0.5], 200, { lr: [10 ** xAxis[5], 10 ** yAxis[2]] });
    expect(out.finalCost[2 * 8 + 5]).toBe(r.costs[r.costs.length - 1]);
    expect(out.divergedAt[2 * 8 + 5]).toBe(r.diverged ?? -1);
    // The grid is not one class: small rates crawl, large ones diverge.
    const s = atlasSummary(out);
    expect(s.diverged).toBeGreaterThan(0);
    expect(s.diverged).toBeLessThan(1);
    // A learning rate of wRec of 0 would freeze wRec: the axes really are per weight.
    expect(new Set(Array.from(out.finalCost)).size).toBeGreaterThan(32);
  });

  it("'lr' mode, momentum and adam and clip", () => {
    for (const opt of ['momentum', 'adam', 'clip'] as const) {
      const { xAxis, yAxis } = lrGrid(opt, 5, [-4, 0, -4, 0]);
      const req: AtlasRequest = { mode: 'lr', opt, hyper: withDefaults(), iterations: 80, tol: 1e-3, xAxis, yAxis, start: [0.5, 0.5] };
      const out = createAtlasOutput(5);
      computeAtlasRows(d, req, 0, 5, out);
      const f64 = createAtlasOutput(5, 5, 'float64');
      computeAtlasRows(d, req, 0, 5, f64);
      expectCellsAreRuns(d, req, f64);
      // the float32 output holds the same runs: their final costs rounded to float32 (overflow to
      // Infinity past 3.4e38), the same iterations
      expect(out.finalCost).toBeInstanceOf(Float32Array);
      f64.finalCost.forEach((v, i) => expect(out.finalCost[i], `${opt} cell ${i}`).toBe(Math.fround(v)));
      expect(Array.from(out.convergedAt)).toEqual(Array.from(f64.convergedAt));
      expect(Array.from(out.divergedAt)).toEqual(Array.from(f64.divergedAt));
      // not one outcome everywhere (the float32 check would be empty on a flat grid)
      expect(new Set(Array.from(f64.finalCost)).size, `${opt}: distinct final costs`).toBeGreaterThan(10);
    }
  });

  it("'lr' mode, the Rprop family: the axes are etaPlus and etaMinus", () => {
    for (const opt of ['irprop+', 'rprop'] as const) {
      const { xAxis, yAxis, xLabel, yLabel, xLog } = lrGrid(opt, 8, [-5, -1, -6, -2]);
      expect([xLabel, yLabel, xLog]).toEqual(['etaPlus', 'etaMinus', false]);
      expect([xAxis[0], xAxis[7], yAxis[0], yAxis[7]]).toEqual([1, 2, 0, 1]);
      const req: AtlasRequest = { mode: 'lr', opt, hyper: withDefaults(), iterations: 200, tol: 1e-3, xAxis, yAxis, start: [-1.5, 2] };
      const out = createAtlasOutput(8, 8, 'float64');
      computeAtlasRows(d, req, 0, 8, out);
      expectCellsAreRuns(d, req, out);
      const cell = atlasCell(req, 3, 6);
      expect(cell.hyper.etaPlus).toBe(xAxis[6]);
      expect(cell.hyper.etaMinus).toBe(yAxis[3]);
      const r = runOptimiser(d, opt, withDefaults({ etaPlus: xAxis[6], etaMinus: yAxis[3] }), [-1.5, 2], 200);
      expect(out.finalCost[3 * 8 + 6]).toBe(r.costs[r.costs.length - 1]);
      expect(out.convergedAt[3 * 8 + 6]).toBe(r.costs.findIndex((c) => c < 1e-3));
    }
  });
});

describe('lrWRec, the learning rate of wRec', () => {
  const d = tutorialDataset();
  it("'starts' mode: every cell is the run with lr for wx and lrWRec for wRec", () => {
    for (const opt of ['sgd', 'momentum', 'clip', 'adam'] as const) {
      const { xAxis, yAxis } = startsGrid(opt, 4, [0, 1.5, 0.2, 1.2]);
      const hyper = { ...withDefaults({ lr: 1e-3 }), lrWRec: 1e-5 };
      const req: AtlasRequest = { mode: 'starts', opt, hyper, iterations: 60, tol: 1e-3, xAxis, yAxis, start: [0, 0] };
      const out = createAtlasOutput(4, 4, 'float64');
      computeAtlasRows(d, req, 0, 4, out);
      expectCellsAreRuns(d, req, out);
      // and not the run with one learning rate for both
      const same = createAtlasOutput(4, 4, 'float64');
      computeAtlasRows(d, { ...req, hyper: withDefaults({ lr: 1e-3 }) }, 0, 4, same);
      expect(Array.from(out.finalCost)).not.toEqual(Array.from(same.finalCost));
    }
  });
  it("an 'lr' cell is the run whose lr and lrWRec are the cell's rates", () => {
    const { xAxis, yAxis } = lrGrid('adam', 5, [-4, 0, -5, -1]);
    const req: AtlasRequest = { mode: 'lr', opt: 'adam', hyper: withDefaults(), iterations: 80, tol: 1e-3, xAxis, yAxis, start: [0.5, 0.5] };
    const out = createAtlasOutput(5, 5, 'float64');
    computeAtlasRows(d, req, 0, 5, out);
    const r = runOptimiser(d, 'adam', { ...withDefaults({ lr: 10 ** xAxis[3] }), lrWRec: 10 ** yAxis[1] }, [0.5, 0.5], 80);
    expect(atlasCellOfRun(r, 1e-3)).toEqual({ finalCost: out.finalCost[1 * 5 + 3], convergedAt: out.convergedAt[1 * 5 + 3], divergedAt: out.divergedAt[1 * 5 + 3] });
  });
});

describe('the ends of a run, in the atlas', () => {
  const d = tutorialDataset();
  const cellAt = (opt: OptimiserName, wx: number, wRec: number, hyper = withDefaults()) => {
    const req: AtlasRequest = {
      mode: 'starts',
      opt,
      hyper,
      iterations: 50,
      tol: 1e-3,
      xAxis: Float64Array.of(wx),
      yAxis: Float64Array.of(wRec),
      start: [0, 0],
    };
    const out = createAtlasOutput(1, 1, 'float64');
    computeAtlasRows(d, req, 0, 1, out);
    return { finalCost: out.finalCost[0], convergedAt: out.convergedAt[0], divergedAt: out.divergedAt[0] };
  };

  it('a start where the cost overflows: diverged at 0, final cost Infinity', () => {
    const cell = cellAt('adam', 1e300, 1e300);
    expect(cell).toEqual({ finalCost: Infinity, convergedAt: -1, divergedAt: 0 });
    expect(atlasCellOfRun(runOptimiser(d, 'adam', withDefaults(), [1e300, 1e300], 50), 1e-3)).toEqual(cell);
  });

  it('a step past 1e6: diverged at k + 1, the final cost is that of w_k, the last point inside', () => {
    const hyper = withDefaults({ lr: 0.01 });
    const r = runOptimiser(d, 'sgd', hyper, [-1.5, 2], 50);
    expect(r.diverged).toBe(2);
    const cell = cellAt('sgd', -1.5, 2, hyper);
    expect(cell).toEqual({ finalCost: r.costs[1], convergedAt: -1, divergedAt: 2 });
    expect(atlasCellOfRun(r, 1e-3)).toEqual(cell);
  });

  it('the optimum itself: converged at 0', () => {
    for (const opt of OPTIMISERS) expect(cellAt(opt, 1, 1)).toEqual({ finalCost: 0, convergedAt: 0, divergedAt: -1 });
  });
});

describe('atlasSummary and atlasClass', () => {
  it('counts the three classes', () => {
    const out = createAtlasOutput(2, 2);
    out.divergedAt.set([3, -1, -1, 0]);
    out.convergedAt.set([1, 5, -1, -1]);
    expect([0, 1, 2, 3].map((i) => atlasClass(out, i))).toEqual(['diverged', 'converged', 'notConverged', 'diverged']);
    expect(atlasSummary(out)).toEqual({ cells: 4, converged: 0.25, diverged: 0.5, notConverged: 0.25 });
  });
});

describe('float32 resolution of a zoomed atlas axis', () => {
  it('is silent while neighbouring cells differ in float32, and says so once they do not', () => {
    const axis = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
    expect(float32Shortfall('wx', axis(-3, 3, 128), false)).toBeNull();
    expect(float32Shortfall('wx', axis(0.9999, 1.0001, 128), false)).toBeNull(); // step 1.6e-6 > 2 ulp (2.4e-7)
    expect(float32Text(float32Shortfall('wx', axis(1, 1 + 1e-5, 128), false)!)).toMatch(/wx: the cells are 7\.9e-8 apart, below what float32 resolves near 1\.0 \(2\.4e-7\)/);
    expect(float32Shortfall('log10 lr', axis(-3, -2.9999, 128), true)).toBeNull(); // factor 1 + 1.8e-6
    expect(float32Text(float32Shortfall('log10 lr', axis(-3, -2.999999, 128), true)!)).toMatch(/factor 1 \+ 1\.8e-8, below what float32 resolves/);
    expect(float32Ulp(1)).toBe(2 ** -23);
    expect(float32Ulp(3)).toBe(2 ** -22);
  });
});
