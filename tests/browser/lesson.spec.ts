/**
 * The lesson's numbers through the automation API (SPEC sections 10, 11, 8): runs() with
 * gradients, sharpness and limits, sweep() of both kinds, and atlas()'s boundary dimension,
 * against lesson-tutorial.json, on WebGPU and on the CPU backend.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';

const fx = JSON.parse(readFileSync(new URL('../fixtures/lesson-tutorial.json', import.meta.url), 'utf8'));
const near = (a: number, e: number) => Math.abs(a - e) <= 1e-9 * Math.max(Math.abs(e), 1e-300);

/** The sweep as plain arrays (typed arrays do not cross page.evaluate as such). */
async function plainSweep(page: Page) {
  return page.evaluate(async () => {
    const s = await window.rnnlab.sweep();
    if (!s) return null;
    const plain = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
    return { kind: s.kind, x: Array.from(s.x), runs: (s.runs as object[]).map(plain) } as { kind: string; x: number[]; runs: Record<string, unknown>[] };
  });
}

for (const backend of ['webgpu', 'cpu'] as const) {
  test(`runs() on ${backend}: gradients, sharpness and limits per iterate as the fixture, to 1e-9`, async ({ page }) => {
    const errors = await openApp(page, `?still=1&backend=${backend}&compare=sgd,lr=0.0001;clip,lr=0.001`);
    const runs = await page.evaluate(() => window.rnnlab.runs());
    const want = [fx.runs[0], fx.runs[1], fx.runs[4]];
    expect(runs.map((r) => r.opt)).toEqual(want.map((r) => r.opt));
    runs.forEach((r, i) => {
      expect(r.sharpness.length).toBe(want[i].sharpness.length);
      expect(r.stabilityLimit === null ? null : near(r.stabilityLimit, want[i].stabilityLimit)).toBe(want[i].stabilityLimit === null ? null : true);
      r.sharpness.forEach((s, k) => {
        if (Math.abs(want[i].sharpness[k]) >= 1e308) return expect(Number.isFinite(s)).toBe(false);
        expect(near(s, want[i].sharpness[k]), `${r.opt} sharpness[${k}]`).toBe(true);
        expect(near(r.grads[k][0], want[i].grads[k][0]) || Math.abs(r.grads[k][0] - want[i].grads[k][0]) < 1e-9 * Math.abs(want[i].grads[k][1])).toBe(true);
      });
      expect(r.preconditionedSharpness).toBeUndefined();
    });
    await page.evaluate(() => window.rnnlab.setParams({ opt: 'adam', lr: 0.001, start: [0.5, 0.5], iterations: 200, compare: [] }));
    const [adam] = await page.evaluate(() => window.rnnlab.runs());
    adam.preconditionedSharpness!.forEach((s, k) => expect(near(s, fx.runs[5].preconditionedSharpness[k]), `adam [${k}]`).toBe(true));
    expect(near(adam.stabilityLimit!, fx.runs[5].stabilityLimit)).toBe(true);
    expect(errors).toEqual([]);
  });

  test(`sweep=lr on ${backend}: float64 outcomes as the fixture, main run first; null when off`, async ({ page }) => {
    const errors = await openApp(page, `?still=1&backend=${backend}`);
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe(backend);
    expect(await page.evaluate(() => window.rnnlab.sweep())).toBeNull();
    await page.evaluate(() => window.rnnlab.setParams({ sweep: 'lr', sweepRes: 17, opt: 'sgd', compare: [{ opt: 'clip', overrides: {} }, { opt: 'adam', overrides: {} }, { opt: 'rprop', overrides: {} }, { opt: 'momentum', overrides: {} }] }));
    const s = (await plainSweep(page))!;
    expect(s.kind).toBe('lr');
    const cases = fx.sweeps.filter((c: { kind: string }) => c.kind === 'lr');
    expect(s.runs.map((r) => r.opt)).toEqual(cases.map((c: { opt: string }) => c.opt));
    s.x.forEach((v, i) => expect(Math.abs(v - cases[0].x[i])).toBeLessThanOrEqual(2.3e-16 * cases[0].x[i]));
    s.runs.forEach((r, i) => {
      expect(r.param).toBe(cases[i].param);
      expect(r.divergedAt).toEqual(cases[i].divergedAt);
      expect(r.convergedAt).toEqual(cases[i].convergedAt);
      expect(r.limit === null ? null : near(r.limit as number, cases[i].limit)).toBe(cases[i].limit === null ? null : true);
    });
    expect(errors).toEqual([]);
  });

  test(`sweep=seqLen on ${backend}: shares per length ${backend === 'cpu' ? 'exactly' : 'within 0.03'} of the fixture`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = await openApp(page, `?still=1&backend=${backend}`);
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe(backend);
    await page.evaluate(() => window.rnnlab.setParams({ sweep: 'seqLen', sweepRange: [2, 12], sweepStarts: 16, iterations: 300, opt: 'sgd', lr: 0.0001, compare: [{ opt: 'rprop', overrides: { lr: 0.001 } }] }));
    const s = (await plainSweep(page))!;
    expect(s.kind).toBe('seqLen');
    const cases = fx.sweeps.filter((c: { kind: string }) => c.kind === 'seqLen');
    expect(s.x).toEqual(cases[0].x);
    s.runs.forEach((r, i) => {
      expect(r.opt).toBe(cases[i].opt);
      for (const k of ['converged', 'diverged'] as const) {
        const got = r[k] as number[];
        if (backend === 'cpu') expect(got).toEqual(cases[i][k]);
        else got.forEach((v, j) => expect(Math.abs(v - cases[i][k][j]), `${r.opt} ${k} at length ${s.x[j]}`).toBeLessThanOrEqual(0.03));
      }
    });
    expect(errors).toEqual([]);
  });

  test(`atlas() on ${backend}: the boundary dimension of the 128 x 128 sgd lr-mode atlas, about 1.25`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = await openApp(page, `?still=1&backend=${backend}`);
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe(backend);
    await page.evaluate(() => window.rnnlab.setParams({ atlas: 'lr', atlasRes: 128, opt: 'sgd', start: [0.5, 0.5], atlasRange: [-5, -1, -5, -1], iterations: 300, tol: 0.01 }));
    const a = (await page.evaluate(async () => {
      const a = await window.rnnlab.atlas();
      return a && { main: a.boundaryDimension, runs: a.runs.map((r) => r.boundaryDimension) };
    }))!;
    const want = fx.boundaryDimension.find((b: { name: string }) => b.name.startsWith('atlas lr mode')).dimension;
    expect(a.runs[0]).toBe(a.main);
    // lr mode is chaotic near its boundary (SPEC section 8): float64 agrees on all but a few flags, float32 on 99.8%+
    expect(Math.abs(a.main! - want)).toBeLessThanOrEqual(backend === 'cpu' ? 0.005 : 0.05);
    await page.evaluate(() => window.rnnlab.setParams({ atlasRes: 32 }));
    expect(await page.evaluate(async () => (await window.rnnlab.atlas())!.boundaryDimension)).toBeNull();
    expect(errors).toEqual([]);
  });
}
