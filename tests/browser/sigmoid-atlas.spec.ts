/**
 * The sigmoid model's atlas (SPEC sections 8 and 12) on WebGPU: float32 cannot follow Rprop down
 * the cliff, so the kernel flags the cells it cannot resolve (a step that leaves the float32
 * weights unchanged while the cost is above tol) and the CPU workers finish them in float64; the
 * classes then agree with float64 (fixtures/sigmoid-pascanu.json) on at least 99% of the cells.
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

test('sigmoid atlas: WebGPU with float64 finishing agrees with float64 on 99% of the classes; the CPU backend exactly', async ({ page }) => {
  test.setTimeout(600_000);
  expect(await openApp(page, '?model=sigmoid&still=1&gui=0&res=16')).toEqual([]);
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const finished: Record<string, number> = {};
  const agreement: Record<string, number> = {};
  for (const [name, model, c] of cases) {
    const req = { params: { model: 'sigmoid' as const, ...model }, mode: 'starts' as const, opt: c.opt, hyper: c.hyper, iterations: c.iterations, tol: c.tol, xAxis: c.w, yAxis: c.b };
    const gpu = await page.evaluate((r) => window.rnnlabDebug.atlas(r), req);
    const label = `${name} ${c.opt} ${JSON.stringify(c.hyper)}`;
    finished[label] = gpu.finishedInFloat64;
    let same = 0;
    c.convergedAt.forEach((row, r) => row.forEach((conv, col) => {
      const i = r * c.w.length + col;
      if (cellClass(gpu.convergedAt[i], gpu.divergedAt[i]) === cellClass(conv, c.divergedAt[r][col])) same++;
    }));
    // sgd at these rates oscillates chaotically along the cliff's edge for hundreds of iterations
    // (edge of stability, gradients small): no per-step test flags those cells, and even two float64
    // implementations part on 0.7% of them; SPEC section 12 gives float32 sgd 97%
    const want = c.opt === 'sgd' ? 0.975 : 0.99;
    agreement[label] = same / (c.w.length * c.b.length);
    expect(agreement[label], `${label}: classes (finished in float64: ${gpu.finishedInFloat64})`).toBeGreaterThanOrEqual(want);
    expect(gpu.divergedAt.every((v) => v >= -1), label).toBe(true);
    expect(gpu.finalCost.some((v) => Number.isNaN(v))).toBe(false);
  }
  // Rprop on the cliff is what float32 cannot resolve: some of its cells were finished in float64
  expect(finished['default rprop {}']).toBeGreaterThan(0);
  console.log('finished in float64:', JSON.stringify(finished), 'classes agree:', JSON.stringify(agreement));

  await page.evaluate(() => window.rnnlab.setParams({ backend: 'cpu' }));
  const [name, model, c] = cases[2];
  const cpu = await page.evaluate(
    (r) => window.rnnlabDebug.atlas(r),
    { params: { model: 'sigmoid' as const, ...model }, mode: 'starts' as const, opt: c.opt, hyper: c.hyper, iterations: c.iterations, tol: c.tol, xAxis: c.w, yAxis: c.b },
  );
  expect(cpu.backend).toBe('cpu');
  const out = createAtlasOutput(c.w.length, c.b.length);
  const ev = modelEvaluator(modelConfig('sigmoid', model), tutorialDataset());
  computeAtlasRows(ev, { mode: 'starts', opt: c.opt, hyper: withDefaults(c.hyper), iterations: c.iterations, tol: c.tol, xAxis: Float64Array.from(c.w), yAxis: Float64Array.from(c.b), start: [0, 0] }, 0, c.b.length, out);
  expect(cpu.finishedInFloat64).toBe(0);
  expect(cpu.convergedAt, name).toEqual(Array.from(out.convergedAt));
  expect(cpu.divergedAt).toEqual(Array.from(out.divergedAt));
  // the final costs of runs down the cliff (1e-15 and below) depend on the last bits of Math.exp,
  // which this browser's V8 and Node's need not share (93.6% of the cells agree to the bit)
  const close = cpu.finalCost.filter((v, i) => v === out.finalCost[i] || (v < 1e-9 && out.finalCost[i] < 1e-9)).length;
  expect(close / cpu.finalCost.length).toBeGreaterThan(0.9);
});
