/**
 * The sigmoid model's WGSL kernels (src/gpu/sigmoid/) against float64 (SPEC section 12 and
 * fixtures/sigmoid-pascanu.json), within float32 rounding (tests/sigmoidReference.ts), on
 * SwiftShader's WebGPU adapter; and the same numbers from the CPU backend in float64.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { debugSurface, openApp, type PlainGrid } from './helpers';
import { sigmoidReference, type SigmoidSetup } from '../sigmoidReference';

interface Pt { w: number; b: number; E: number; grad: [number, number]; gradOverTime: number[] }
const fx = JSON.parse(readFileSync(new URL('../fixtures/sigmoid-pascanu.json', import.meta.url), 'utf8'));

function within(got: number, ref: number, tol: number, what: string): string | null {
  return Number.isFinite(got) && Math.abs(got - ref) <= tol ? null : `${what}: ${got} against ${ref} (tolerance ${tol.toExponential(2)})`;
}

/** The grid points whose E or gradient is not within float32 rounding of float64 (at most `limit` listed). */
function offFloat32(m: SigmoidSetup, s: PlainGrid, limit = 10): string[] {
  const bad: string[] = [];
  s.wRec.forEach((b, row) => s.wx.forEach((w, col) => {
    const i = row * s.wx.length + col;
    const { ref, tol } = sigmoidReference(m, Math.fround(w), Math.fround(b));
    for (const [got, r, t, what] of [[s.cost[i], ref[0], tol[0], 'E'], [s.wxGrad[i], ref[1], tol[1], 'dE/dw'], [s.wRecGrad[i], ref[2], tol[2], 'dE/db']] as const) {
      const e = within(got, r, t, `${what} at (${w}, ${b})`);
      if (e && bad.length < limit) bad.push(e);
    }
  }));
  return bad;
}

for (const [name, set] of [['default', fx], ['other', fx.other]] as const) {
  test(`sigmoid model (${name} parameters): WebGPU surface and points within float32 rounding`, async ({ page }) => {
    const m: SigmoidSetup = set.model;
    expect(await openApp(page, `?model=sigmoid&x0=${m.x0}&target=${m.target}&steps=${m.steps}&still=1&gui=0&backend=webgpu&res=33`)).toEqual([]);
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
    expect(await page.evaluate(() => window.rnnlab.params().model)).toBe('sigmoid');
    const s = await page.evaluate(async () => {
      const g = await window.rnnlab.surface();
      return { w: Array.from(g.wx), b: Array.from(g.wRec), cost: Array.from(g.cost), wGrad: Array.from(g.wxGrad), bGrad: Array.from(g.wRecGrad) };
    });
    expect(s.w[0]).toBe(-2);
    expect(s.w[s.w.length - 1]).toBe(12);
    expect(s.b[0]).toBe(-8);
    expect(offFloat32(m, { wx: s.w, wRec: s.b, cost: s.cost, wxGrad: s.wGrad, wRecGrad: s.bGrad })).toEqual([]);
    const pts: Pt[] = set.points;
    const ev = await page.evaluate((p) => window.rnnlab.evaluate(p), pts.map((p) => [p.w, p.b] as [number, number]));
    pts.forEach((p, i) => {
      const { ref, tol, time, timeTol } = sigmoidReference(m, Math.fround(p.w), Math.fround(p.b));
      // the fixture's float64 values agree with the reference (at float32 inputs, so within tol too)
      expect(within(ev[i].cost, p.E, tol[0] + Math.abs(ref[0] - p.E), `E at ${p.w}, ${p.b}`)).toBeNull();
      expect(within(ev[i].wxGrad, p.grad[0], tol[1] + Math.abs(ref[1] - p.grad[0]), `dE/dw at ${p.w}, ${p.b}`)).toBeNull();
      expect(within(ev[i].wRecGrad, p.grad[1], tol[2] + Math.abs(ref[2] - p.grad[1]), `dE/db at ${p.w}, ${p.b}`)).toBeNull();
      expect(ev[i].gradOverTime.length).toBe(m.steps + 1);
      // g_k = dE/dx_k, each within its own float32 rounding
      const off = ev[i].gradOverTime.map((g, k) => within(g, time[k], timeTol[k], `g_${k} at ${p.w}, ${p.b}`)).filter((e) => e);
      expect(off).toEqual([]);
    });
    // the CPU backend: float64 through the model seam, rounded to float32
    await page.evaluate(() => window.rnnlab.setParams({ backend: 'cpu' }));
    expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
    const cpuGrid = await page.evaluate(async () => Array.from((await window.rnnlab.surface()).cost));
    // float64 rounded to float32 (the last bits of this browser's Math.exp need not be Node's)
    const cpuOff = cpuGrid.filter((v, i) => {
      const { ref } = sigmoidReference(m, s.w[i % s.w.length], s.b[Math.floor(i / s.w.length)]);
      return !(Math.abs(v - ref[0]) <= 2 ** -22 * Math.abs(ref[0]) + 1e-30);
    });
    expect(cpuOff.length).toBeLessThanOrEqual(2);
    const cpu = await page.evaluate((p) => window.rnnlab.evaluate(p), pts.map((p) => [p.w, p.b] as [number, number]));
    pts.forEach((p, i) => {
      expect(cpu[i].cost).toBe(Math.fround(p.E));
      expect(Math.abs(cpu[i].wxGrad - p.grad[0])).toBeLessThanOrEqual(1e-7 * Math.abs(p.grad[0]));
      p.gradOverTime.forEach((g, k) => expect(Math.abs(cpu[i].gradOverTime[k] - Math.fround(g))).toBeLessThanOrEqual(1e-7 * Math.abs(g)));
    });
  });
}

// The surface kernel carries dx_t/dw and dx_t/db forward and, once x_t stops changing in float32,
// sums the remaining steps as a geometric series: within float32 rounding where that series is
// long and its ratio w s'(x*) near 1 (the valley's end, 4.76), where it alternates (w < 0), on the
// cliff, and with 200 steps.
test('sigmoid surface within float32 rounding at the valley\'s end, for w < 0, on the cliff and with 200 steps', async ({ page }) => {
  test.setTimeout(300_000);
  expect(await openApp(page, '?model=sigmoid&still=1&gui=0&backend=webgpu&res=16')).toEqual([]);
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const windows: [string, SigmoidSetup, [number, number, number, number]][] = [
    ['valley end', fx.model, [4.2, 5.3, -2.9, -2.1]],
    ['w < 0', fx.model, [-12, -1, -3, 8]],
    ['cliff', fx.model, [5, 8, -5, -2.5]],
    ['200 steps', { ...fx.model, steps: 200 }, [-2, 12, -8, 2]],
  ];
  for (const [label, m, range] of windows) {
    const s = await debugSurface(page, 'rows', { model: 'sigmoid', ...m, range, res: 65 });
    expect(offFloat32(m, s), label).toEqual([]);
  }
});
