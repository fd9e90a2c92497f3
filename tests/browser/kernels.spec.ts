/**
 * The WGSL kernels (fast row method and plain BPTT) against the float64 model, in headless
 * Chromium on SwiftShader's WebGPU adapter. Tolerance: tests/reference.ts.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { datasetFromRows, datasetToText, parseRows, randomDataset } from '../../src/model/dataset';
import { evaluatePoint } from '../../src/model/rnn';
import { FIXTURE_NAMES, loadFixture } from '../fixtures';
import { compareGrid, mismatch, termScales } from '../reference';
import { debugSurface, openApp } from './helpers';

/**
 * sum_i |dC/dy_i| bounded by its absolute terms: (2 / N) (|t_i| + |wx| sum_k |x_k| |wRec|^(n-k)),
 * the size of the numbers a float32 kernel adds up for gradOverTime[n].
 */
function outputGradientScale(d: ReturnType<typeof datasetFromRows>, wx: number, wRec: number): number {
  const { samples: N, seqLen: n } = d;
  let sum = 0;
  for (let i = 0; i < N; i++) {
    let pAbs = 0;
    for (let k = 1; k <= n; k++) pAbs += Math.abs(d.x[i * n + k - 1]) * Math.abs(wRec) ** (n - k);
    sum += (2 / N) * (Math.abs(d.targets[i]) + Math.abs(wx) * pAbs);
  }
  return sum;
}

/**
 * One page for the whole file (a load costs seconds on SwiftShader; these tests are about numbers,
 * each sets the data it needs). Still mode: no animation loop, so the software compositor stays
 * idle while kernels run. A failed test gets a fresh worker, so a fresh page.
 */
const test = base.extend<{ page: Page }, { shared: Page }>({
  shared: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const page = await context.newPage();
      await openApp(page, '?still=1&gui=0');
      await use(page);
      await context.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ shared }, use) => {
    // every test starts as a fresh load would: the WebGPU backend (the CPU comparison switches
    // away), no typed rows (they would win over a test's preset), whole grids
    await shared.evaluate(() => window.rnnlab.setParams({ backend: 'webgpu', data: '', preset: 'tutorial', range: [-3, 3, -3, 3], res: 256 }));
    await shared.evaluate(() => window.rnnlabDebug.setMaxRowsPerDispatch(0));
    expect(await shared.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
    await use(shared);
  },
});

for (const name of FIXTURE_NAMES) {
  test(`fixture ${name}: surface grid and points`, async ({ page }) => {
    const fx = loadFixture(name);
    const d = datasetFromRows(fx.dataset.X);
    const data = datasetToText(d);
    const axis = fx.surface.axis;
    await page.evaluate((p) => window.rnnlab.setParams(p), { data, range: [-3, 3, -3, 3] as [number, number, number, number], res: axis.length });
    const s = await page.evaluate(async () => {
      const g = await window.rnnlab.surface();
      return { wx: Array.from(g.wx), wRec: Array.from(g.wRec), cost: Array.from(g.cost), wxGrad: Array.from(g.wxGrad), wRecGrad: Array.from(g.wRecGrad) };
    });
    expect(s.wx).toEqual(axis);
    expect(s.wRec).toEqual(axis);
    // The fixture's grid directly (cost only), then every output against the model.
    for (let row = 0; row < axis.length; row++)
      for (let col = 0; col < axis.length; col++) {
        const ref = fx.surface.cost[row][col];
        const sc = termScales(d, axis[col], axis[row]).cost;
        expect(mismatch(s.cost[row * axis.length + col], ref, sc, d, `cost[${row}][${col}]`)).toBeNull();
      }
    expect(compareGrid(d, s, true)).toEqual([]);
    for (const method of ['rows', 'bptt'] as const)
      expect(compareGrid(d, await debugSurface(page, method, { data, res: axis.length }), true), method).toEqual([]);

    const pts = fx.points.map((p) => [p.wx, p.wRec] as [number, number]);
    const ev = await page.evaluate((p) => window.rnnlab.evaluate(p), pts);
    fx.points.forEach((p, i) => {
      const sc = termScales(d, p.wx, p.wRec);
      expect(mismatch(ev[i].cost, p.cost, sc.cost, d, `cost at ${pts[i]}`)).toBeNull();
      expect(mismatch(ev[i].wxGrad, p.wxGrad, sc.wxGrad, d, `wxGrad at ${pts[i]}`)).toBeNull();
      expect(mismatch(ev[i].wRecGrad, p.wRecGrad, sc.wRecGrad, d, `wRecGrad at ${pts[i]}`)).toBeNull();
      expect(ev[i].gradOverTime.length).toBe(p.gradOverTime.length);
      p.gradOverTime.forEach((g, k) => {
        // gradOverTime[k] is a sum of N terms dC/dy_i wRec^(n-k): scale from their absolute values
        const scale = outputGradientScale(d, p.wx, p.wRec) * Math.abs(p.wRec) ** (d.seqLen - k);
        expect(mismatch(ev[i].gradOverTime[k], g, scale, d, `gradOverTime[${k}] at ${pts[i]}`)).toBeNull();
      });
    });
  });
}

/** Data sets of many shapes, ranges and resolutions. */
const SHAPES: { samples: number; seqLen: number; seed: number; range: [number, number, number, number]; res: number }[] = [
  { samples: 1, seqLen: 1, seed: 1, range: [-3, 3, -3, 3], res: 9 },
  { samples: 1, seqLen: 64, seed: 2, range: [-1.2, 1.2, -1.1, 1.1], res: 17 },
  { samples: 2, seqLen: 5, seed: 3, range: [0.9, 1.1, 0.95, 1.05], res: 33 },
  { samples: 7, seqLen: 13, seed: 4, range: [1.5, 2.7, -2.9, -1.3], res: 21 },
  { samples: 20, seqLen: 10, seed: 5, range: [-3, 3, -3, 3], res: 65 },
  { samples: 33, seqLen: 25, seed: 6, range: [-0.5, 2.5, 0.5, 1.25], res: 31 },
  { samples: 64, seqLen: 3, seed: 7, range: [-10, 10, -10, 10], res: 15 },
  { samples: 64, seqLen: 64, seed: 8, range: [0, 2, 0, 2], res: 11 },
  { samples: 5, seqLen: 40, seed: 9, range: [-2, -1, -1.5, -0.5], res: 19 },
  // around the exact minimum (1, 1), where float32 cancellation would make a naive cost negative
  { samples: 20, seqLen: 10, seed: 10, range: [0.9999, 1.0001, 0.9999, 1.0001], res: 33 },
];

for (const shape of SHAPES) {
  test(`random data ${shape.samples}x${shape.seqLen}, range ${shape.range}, res ${shape.res}: both methods`, async ({ page }) => {
    const d = randomDataset(shape.seed, shape.samples, shape.seqLen);
    const params = { preset: 'random' as const, seed: shape.seed, samples: shape.samples, seqLen: shape.seqLen, range: shape.range, res: shape.res };
    for (const method of ['rows', 'bptt'] as const) {
      const g = await debugSurface(page, method, params);
      expect(compareGrid(d, g, true), method).toEqual([]);
      expect(g.cost.every((c) => c >= 0), `${method}: cost never negative`).toBe(true);
    }
  });
}

test('seqLen 60 over [-3, 3]^2 overflows float32 to +/-Infinity, never NaN', async ({ page }) => {
  const d = randomDataset(11, 20, 60);
  const params = { preset: 'random' as const, seed: 11, samples: 20, seqLen: 60, range: [-3, 3, -3, 3] as [number, number, number, number], res: 31 };
  for (const method of ['rows', 'bptt'] as const) {
    const g = await debugSurface(page, method, params);
    const all = [...g.cost, ...g.wxGrad, ...g.wRecGrad];
    expect(all.some((v) => Number.isNaN(v)), method).toBe(false);
    expect(g.cost.filter((v) => v === Infinity).length, method).toBeGreaterThan(100);
    expect(g.wxGrad.some((v) => v === -Infinity) && g.wxGrad.some((v) => v === Infinity), method).toBe(true);
    expect(compareGrid(d, g, true), method).toEqual([]);
  }
  // evaluate() on a far corner and near the valley
  const pts: [number, number][] = [[3, 3], [-3, -3], [1, 1], [0.001, 3], [0, -3]];
  await page.evaluate((p) => window.rnnlab.setParams(p), params);
  const ev = await page.evaluate((p) => window.rnnlab.evaluate(p), pts);
  pts.forEach(([wx, wRec], i) => {
    const ref = evaluatePoint(d, Math.fround(wx), Math.fround(wRec));
    const sc = termScales(d, wx, wRec);
    expect(mismatch(ev[i].cost, ref.cost, sc.cost, d, `cost at ${pts[i]}`)).toBeNull();
    expect(mismatch(ev[i].wxGrad, ref.wxGrad, sc.wxGrad, d, `wxGrad at ${pts[i]}`)).toBeNull();
    expect(mismatch(ev[i].wRecGrad, ref.wRecGrad, sc.wRecGrad, d, `wRecGrad at ${pts[i]}`)).toBeNull();
    expect(ev[i].gradOverTime.some((v) => Number.isNaN(v))).toBe(false);
  });
  expect(ev[0].cost).toBe(Infinity);
  expect(ev[2].cost).toBeLessThan(1e30);
});

test('grids split over several dispatches are right at every edge', async ({ page }) => {
  const d = randomDataset(3, 9, 12);
  const params = { preset: 'random' as const, seed: 3, samples: 9, seqLen: 12, range: [-2, 2.5, -1.7, 1.9] as [number, number, number, number], res: 37 };
  const whole = await debugSurface(page, 'rows', params);
  for (const rows of [1, 5, 7, 36]) {
    await page.evaluate((r) => window.rnnlabDebug.setMaxRowsPerDispatch(r), rows);
    for (const method of ['rows', 'bptt'] as const) {
      const g = await debugSurface(page, method, params);
      expect(compareGrid(d, g, true), `${method}, ${rows} rows per dispatch`).toEqual([]);
      if (method === 'rows') expect(g.cost).toEqual(whole.cost);
    }
  }
  await page.evaluate(() => window.rnnlabDebug.setMaxRowsPerDispatch(0));
});

test('the CPU backend gives the same numbers', async ({ page }) => {
  const d = parseRows('0110,1011,1110,0001,1000');
  const params = { data: datasetToText(d), range: [-2.5, 2.5, -2, 2] as [number, number, number, number], res: 25 };
  await page.evaluate((p) => window.rnnlab.setParams(p), params);
  const pts: [number, number][] = [[1, 1], [2, 1], [1, 2], [1, -2], [-1.5, 2], [0.3, -0.7]];
  const grab = () =>
    page.evaluate(async (p) => {
      const g = await window.rnnlab.surface();
      const ev = await window.rnnlab.evaluate(p);
      return { backend: window.rnnlab.backend, grid: { wx: Array.from(g.wx), wRec: Array.from(g.wRec), cost: Array.from(g.cost), wxGrad: Array.from(g.wxGrad), wRecGrad: Array.from(g.wRecGrad) }, ev };
    }, pts);
  const gpu = await grab();
  await page.evaluate(() => window.rnnlab.setParams({ backend: 'cpu' }));
  const cpu = await grab();
  expect(gpu.backend).toBe('webgpu');
  expect(cpu.backend).toBe('cpu');
  expect(compareGrid(d, cpu.grid, false)).toEqual([]);
  // Same numbers: the GPU grid passes the same comparison at the CPU grid's values.
  const n = cpu.grid.cost.length;
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / 25);
    const col = i % 25;
    const sc = termScales(d, cpu.grid.wx[col], cpu.grid.wRec[row]);
    expect(mismatch(gpu.grid.cost[i], cpu.grid.cost[i], sc.cost, d, `cost ${i}`)).toBeNull();
    expect(mismatch(gpu.grid.wxGrad[i], cpu.grid.wxGrad[i], sc.wxGrad, d, `wxGrad ${i}`)).toBeNull();
    expect(mismatch(gpu.grid.wRecGrad[i], cpu.grid.wRecGrad[i], sc.wRecGrad, d, `wRecGrad ${i}`)).toBeNull();
  }
  pts.forEach(([wx, wRec], i) => {
    const sc = termScales(d, wx, wRec);
    expect(mismatch(gpu.ev[i].cost, cpu.ev[i].cost, sc.cost, d, `cost at ${pts[i]}`)).toBeNull();
    expect(mismatch(gpu.ev[i].wxGrad, cpu.ev[i].wxGrad, sc.wxGrad, d, `wxGrad at ${pts[i]}`)).toBeNull();
    expect(mismatch(gpu.ev[i].wRecGrad, cpu.ev[i].wRecGrad, sc.wRecGrad, d, `wRecGrad at ${pts[i]}`)).toBeNull();
    gpu.ev[i].gradOverTime.forEach((g, k) => {
      expect(Math.abs(g - cpu.ev[i].gradOverTime[k])).toBeLessThanOrEqual(1e-4 * Math.abs(cpu.ev[i].gradOverTime[k]) + 1e-5);
    });
  });
});
