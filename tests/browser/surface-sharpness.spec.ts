/**
 * Sharpness on the surface (SPEC section 10): the WGSL row method against lesson-tutorial.json's
 * sharpness grid within float32 rounding, the CPU backend likewise, seqLen 60 (the XF fixup
 * rows) against the float64 model, and evaluate()'s Hessian at the fixture's points.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers';
import { datasetFromRows, randomDataset } from '../../src/model/dataset';
import { surfaceSharpness } from '../../src/model/lesson/surfaceSharpness';

const fx = JSON.parse(readFileSync(new URL('../fixtures/lesson-tutorial.json', import.meta.url), 'utf8'));
const data = (fx.dataset.X as number[][]).map((r) => r.join('')).join(',');
/** float32 rounding of the inputs and of a few operations on them: 1e-5 relative */
const F32 = 1e-5;

async function sharpnessGrid(page: Page, params: Record<string, unknown>): Promise<number[]> {
  return page.evaluate(async (p) => Array.from((await window.rnnlabDebug.surface('rows', p)).sharpness!), params);
}

function worst(got: number[], want: ArrayLike<number>): { rel: number; at: number } {
  let rel = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    // equal (infinities too): 0; one of them not finite (or NaN): Infinity
    const e = got[i] === want[i] ? 0 : Number.isFinite(got[i]) && Number.isFinite(want[i]) ? Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])) : Infinity;
    if (e > rel) [rel, at] = [e, i];
  }
  return { rel, at };
}

for (const backend of ['webgpu', 'cpu'] as const) {
  test(`${backend}: the sharpness grid of the fixture within float32 rounding, and evaluate()'s Hessian`, async ({ page }) => {
    const errors = await openApp(page, `?still=1&backend=${backend}`);
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe(backend);
    const got = await sharpnessGrid(page, { data, res: 13, range: [-3, 3, -3, 3] });
    const w = worst(got, fx.sharpnessGrid.sharpness.flat());
    expect(w.rel, `cell ${w.at}`).toBeLessThanOrEqual(F32);
    const pts = await page.evaluate(
      async ([d, points]) => {
        await window.rnnlab.setParams({ data: d });
        return window.rnnlab.evaluate(points);
      },
      [data, fx.points.map((p: { wx: number; wRec: number }) => [p.wx, p.wRec])] as const,
    );
    pts.forEach((r, i) => {
      const p = fx.points[i];
      expect(Math.abs(r.sharpness - p.sharpness)).toBeLessThanOrEqual(2 ** -23 * Math.abs(p.sharpness));
      r.hessian.forEach((h, j) => expect(Math.abs(h - p.hessian[j])).toBeLessThanOrEqual(2 ** -23 * Math.max(...p.hessian.map(Math.abs))));
    });
    const s = await page.evaluate(async () => (await window.rnnlab.surface()).sharpness?.length);
    expect(s).toBe(256 * 256);
    expect(errors).toEqual([]);
  });
}

test('webgpu: seqLen 40 over [-3, 3]^2 (rows past float32 go through the XF fixup) as the float64 model, never NaN', async ({ page }) => {
  const errors = await openApp(page, '?still=1&backend=webgpu');
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const params = { preset: 'random', seed: 2, samples: 8, seqLen: 40, res: 33, range: [-3, 3, -3, 3], data: '' };
  const got = await sharpnessGrid(page, params);
  const want = surfaceSharpness(randomDataset(2, 8, 40), { wxMin: -3, wxMax: 3, wRecMin: -3, wRecMax: 3 }, 33);
  expect(got.some((v) => Number.isNaN(v))).toBe(false);
  // rows whose Hessian terms leave float32's exponent range (beyond 2^100) are redone in XF
  expect(Array.from(want).some((v) => v > 2 ** 100)).toBe(true);
  const w = worst(got, want);
  expect(w.rel, `cell ${w.at}: ${got[w.at]} vs ${want[w.at]}`).toBeLessThanOrEqual(F32);
  expect(datasetFromRows([[1]]).seqLen).toBe(1);
  expect(errors).toEqual([]);
});

for (const backend of ['webgpu', 'cpu'] as const) {
  test(`${backend}: a surface asked without the sharpness has none, and the same cost and gradients as with it`, async ({ page }) => {
    const errors = await openApp(page, `?still=1&backend=${backend}`);
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe(backend);
    const params = { preset: 'random' as const, seed: 3, samples: 20, seqLen: 10, res: 65, range: [-3, 3, -3, 3] as [number, number, number, number], data: '' };
    const [a, b] = await page.evaluate(async (p) => {
      const pick = (s: { cost: Float32Array; wxGrad: Float32Array; wRecGrad: Float32Array; sharpness?: Float32Array }) => ({
        cost: Array.from(s.cost), wxGrad: Array.from(s.wxGrad), wRecGrad: Array.from(s.wRecGrad), sharpness: s.sharpness ? s.sharpness.length : null,
      });
      // without first: the GPU's pooled buffers hold an earlier surface, not this one's numbers
      const without = pick(await window.rnnlabDebug.surface('rows', p, { sharpness: false }));
      return [pick(await window.rnnlabDebug.surface('rows', p)), without];
    }, params);
    expect(a.sharpness).toBe(65 * 65);
    expect(b.sharpness).toBe(null);
    expect(b.cost).toEqual(a.cost);
    expect(b.wxGrad).toEqual(a.wxGrad);
    expect(b.wRecGrad).toEqual(a.wRecGrad);
    expect(a.cost.some((c) => c > 0)).toBe(true);
    expect(errors).toEqual([]);
  });
}
