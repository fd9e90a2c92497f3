/**
 * The sigmoid model's atlas (SPEC sections 8 and 12) on WebGPU: float32 cannot follow Rprop down
 * the cliff, so the kernel flags the cells it cannot resolve (a step that leaves the float32
 * weights unchanged while the cost is above tol) and the CPU workers finish them in float64; the
 * classes then agree with float64 (this model's code, and fixtures/sigmoid-pascanu.json as well as that
 * code does) on at least 99% of the cells. For gradient methods the kernel also flags runs that meet
 * the cliff (src/gpu/sigmoid/atlas_eval.wgsl), where sgd bounces chaotically.
 * The CPU backend computes the same atlas in float64 and agrees with the model code exactly.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { cellClass, computeAtlasRows, createAtlasOutput } from '../../src/model/atlas';
import { modelConfig, modelEvaluator } from '../../src/model/models';
import { tutorialDataset } from '../../src/model/dataset';
import { withDefaults } from '../../src/model/optimisers';
import type { Hyper, OptimiserName } from '../../src/model/optimiserSpec';

interface Case { opt: OptimiserName; hyper: Partial<Hyper>; iterations: number; tol: number; w: number[]; b: number[]; convergedAt: number[][]; divergedAt: number[][] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/sigmoid-pascanu.json', import.meta.url), 'utf8'));
const cases: [string, { x0: number; target: number; steps: number }, Case][] = [
  ...(fx.atlas as Case[]).map((c) => ['default', fx.model, c] as [string, typeof fx.model, Case]),
  ...(fx.other.atlas as Case[]).map((c) => ['other', fx.other.model, c] as [string, typeof fx.model, Case]),
];

function float64Atlas(model: { x0: number; target: number; steps: number }, c: Case) {
  const out = createAtlasOutput(c.w.length, c.b.length);
  const ev = modelEvaluator(modelConfig('sigmoid', model), tutorialDataset());
  computeAtlasRows(ev, { mode: 'starts', opt: c.opt, hyper: withDefaults(c.hyper), iterations: c.iterations, tol: c.tol, xAxis: Float64Array.from(c.w), yAxis: Float64Array.from(c.b), start: [0, 0] }, 0, c.b.length, out);
  return out;
}

test('sigmoid atlas: WebGPU with float64 finishing agrees with float64 on 99% of the classes; the CPU backend exactly', async ({ page }) => {
  test.setTimeout(600_000);
  expect(await openApp(page, '?model=sigmoid&still=1&gui=0&res=16')).toEqual([]);
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const finished: Record<string, number> = {};
  const agreement: Record<string, [number, number]> = {};
  for (const [name, model, c] of cases) {
    const req = { params: { model: 'sigmoid' as const, ...model }, mode: 'starts' as const, opt: c.opt, hyper: c.hyper, iterations: c.iterations, tol: c.tol, xAxis: c.w, yAxis: c.b };
    const gpu = await page.evaluate((r) => window.rnnlabDebug.atlas(r), req);
    const label = `${name} ${c.opt} ${JSON.stringify(c.hyper)}`;
    finished[label] = gpu.finishedInFloat64;
    // this model's float64 code (the CPU backend's, and the finishing's)
    const f64 = float64Atlas(model, c);
    let same = 0;
    let sameF64 = 0;
    let f64Fixture = 0;
    c.convergedAt.forEach((row, r) => row.forEach((conv, col) => {
      const i = r * c.w.length + col;
      const got = cellClass(gpu.convergedAt[i], gpu.divergedAt[i]);
      const want = cellClass(conv, c.divergedAt[r][col]);
      const mine = cellClass(f64.convergedAt[i], f64.divergedAt[i]);
      if (got === want) same++;
      if (got === mine) sameF64++;
      if (mine === want) f64Fixture++;
    }));
    const cells = c.w.length * c.b.length;
    agreement[label] = [same / cells, sameF64 / cells];
    // 99% with float64. sgd at these rates bounces chaotically along the cliff's edge, where two
    // float64 implementations part too: this code and the fixture's (numpy) differ on 0.7% of the
    // default cells and 2% of the other set's; there the fixture is met as well as float64 meets it.
    expect(sameF64 / cells, `${label}: classes against this float64 code (finished in float64: ${gpu.finishedInFloat64})`).toBeGreaterThanOrEqual(0.99);
    expect(same / cells, `${label}: classes against the fixture (float64 itself: ${f64Fixture / cells})`).toBeGreaterThanOrEqual(Math.min(0.99, f64Fixture / cells - 0.003));
    expect(gpu.divergedAt.every((v) => v >= -1), label).toBe(true);
    expect(gpu.finalCost.some((v) => Number.isNaN(v))).toBe(false);
  }
  // Rprop on the cliff is what float32 cannot resolve: some of its cells were finished in float64
  expect(finished['default rprop {}']).toBeGreaterThan(0);
  console.log('finished in float64:', JSON.stringify(finished), 'classes agree [fixture, this float64]:', JSON.stringify(agreement));

  await page.evaluate(() => window.rnnlab.setParams({ backend: 'cpu' }));
  const [name, model, c] = cases[2];
  const cpu = await page.evaluate(
    (r) => window.rnnlabDebug.atlas(r),
    { params: { model: 'sigmoid' as const, ...model }, mode: 'starts' as const, opt: c.opt, hyper: c.hyper, iterations: c.iterations, tol: c.tol, xAxis: c.w, yAxis: c.b },
  );
  expect(cpu.backend).toBe('cpu');
  const out = float64Atlas(model, c);
  expect(cpu.finishedInFloat64).toBe(0);
  expect(cpu.convergedAt, name).toEqual(Array.from(out.convergedAt));
  expect(cpu.divergedAt).toEqual(Array.from(out.divergedAt));
  // the final costs of runs down the cliff (1e-15 and below) depend on the last bits of Math.exp,
  // which this browser's V8 and Node's need not share (93.6% of the cells agree to the bit)
  const close = cpu.finalCost.filter((v, i) => v === out.finalCost[i] || (v < 1e-9 && out.finalCost[i] < 1e-9)).length;
  expect(close / cpu.finalCost.length).toBeGreaterThan(0.9);
});

test('sigmoid atlas: sgd and clip over a 48 x 48 grid of the default range agree with float64 on 99% of the classes', async ({ page }) => {
  test.setTimeout(600_000);
  expect(await openApp(page, '?model=sigmoid&still=1&gui=0&res=16')).toEqual([]);
  const axis = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
  for (const [opt, hyper] of [['sgd', { lr: 0.5 }], ['sgd', { lr: 0.2 }], ['clip', { lr: 0.5, clip: 1 }]] as const) {
    const c = { opt, hyper, iterations: 300, tol: 1e-3, w: axis(-2, 12, 48), b: axis(-8, 2, 48), convergedAt: [], divergedAt: [] } as Case;
    const gpu = await page.evaluate((r) => window.rnnlabDebug.atlas(r), { params: { model: 'sigmoid' as const }, mode: 'starts' as const, opt, hyper, iterations: 300, tol: 1e-3, xAxis: c.w, yAxis: c.b });
    expect(gpu.backend).toBe('webgpu');
    const f64 = float64Atlas(fx.model, c);
    const same = f64.convergedAt.filter((conv, i) => cellClass(conv, f64.divergedAt[i]) === cellClass(gpu.convergedAt[i], gpu.divergedAt[i])).length;
    console.log(`${opt} ${JSON.stringify(hyper)}: classes agree ${same / f64.convergedAt.length}, finished in float64 ${gpu.finishedInFloat64}`);
    expect(same / f64.convergedAt.length, `${opt} ${JSON.stringify(hyper)}`).toBeGreaterThanOrEqual(0.99);
  }
});
