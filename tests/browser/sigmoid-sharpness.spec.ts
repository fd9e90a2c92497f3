/**
 * The sigmoid unit's sharpness on the surface (SPEC sections 10 and 12): the WGSL second pass
 * (src/gpu/sigmoid/sigmoid_hessian.wgsl) within float32 rounding of the float64 Hessian at
 * sigmoid-pascanu.json's points and over a grid, the CPU backend's float64 grid, and
 * colorBy=sharpness on Pascanu's cliff: the sharpness colour bar and the stability line of sgd at
 * lr 0.5 (limit 2/lr = 4).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { stabilityPixels } from './pixels';
import { SigmoidUnit } from '../../src/model/models/sigmoid/unit';
import { lambdaMax } from '../../src/model/lesson/surfaceSharpness';

interface Pt { w: number; b: number; sharpness: number }
interface Set { model: { x0: number; target: number; steps: number }; points: Pt[] }
const fx: Set & { other: Set } = JSON.parse(readFileSync(new URL('../fixtures/sigmoid-pascanu.json', import.meta.url), 'utf8'));
const RANGE = [-2, 12, -8, 2] as const;

type Grid = { w: number[]; b: number[]; cost: number[]; wGrad: number[]; bGrad: number[]; sharpness: number[] | null };

async function grid(page: Page, params: Record<string, unknown>, sharpness?: boolean): Promise<Grid> {
  return page.evaluate(
    async ([p, sh]) => {
      const g = await window.rnnlabDebug.surface('rows', p, sh === null ? {} : { sharpness: sh });
      const a = (x: Float32Array | Float64Array) => Array.from(x);
      return { w: a(g.wx), b: a(g.wRec), cost: a(g.cost), wGrad: a(g.wxGrad), bGrad: a(g.wRecGrad), sharpness: g.sharpness ? a(g.sharpness) : null };
    },
    [params, sharpness ?? null] as const,
  );
}

/** float64 at the float32 weights the kernel sees: the sharpness and the Hessian's largest entry */
function reference(unit: SigmoidUnit, w: number, b: number): { lambda: number; norm: number } {
  const h = unit.hessian(Math.fround(w), Math.fround(b));
  return { lambda: lambdaMax(h.hxx, h.hxy, h.hyy), norm: Math.max(Math.abs(h.hxx), Math.abs(h.hxy), Math.abs(h.hyy)) };
}

test('webgpu: the sigmoid sharpness within float32 rounding of the float64 Hessian, at the fixture points and over the default range', async ({ page }) => {
  const errors = await openApp(page, '?still=1&gui=0&backend=webgpu&model=sigmoid&res=16');
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  // each fixture point as the first cell of a 2 x 2 grid: relative to the sharpness itself, even
  // where it is 1e-7 of the Hessian's entries (the plateau: float32 entries alone cannot resolve it)
  for (const set of [fx, fx.other]) {
    const unit = new SigmoidUnit(set.model);
    for (const p of set.points) {
      const g = await grid(page, { ...set.model, model: 'sigmoid', res: 2, range: [p.w, p.w + 1, p.b, p.b + 1] });
      const want = reference(unit, p.w, p.b).lambda;
      expect(Math.abs(g.sharpness![0] - want), `(${p.w}, ${p.b}): ${g.sharpness![0]} against ${want}`).toBeLessThanOrEqual(1e-5 * Math.abs(want));
      expect(Math.abs(g.sharpness![0] - p.sharpness)).toBeLessThanOrEqual(1e-5 * Math.abs(p.sharpness));
    }
  }
  // a 65 x 65 grid: every cell within float32 rounding of the Hessian's entries (an eigenvalue moves
  // by at most the entries' error), and nearly every cell within 1e-3 of its own size
  const unit = new SigmoidUnit({ x0: 0.5, target: 0.7, steps: 50 });
  const g = await grid(page, { model: 'sigmoid', x0: 0.5, target: 0.7, steps: 50, res: 65, range: [...RANGE] });
  let relOff = 0;
  const bad: string[] = [];
  g.b.forEach((b, row) => g.w.forEach((w, col) => {
    const got = g.sharpness![row * 65 + col];
    const { lambda, norm } = reference(unit, w, b);
    const err = Math.abs(got - lambda);
    if (!(err <= 2e-5 * norm) && bad.length < 5) bad.push(`(${w}, ${b}): ${got} against ${lambda}, |H| ${norm}`);
    if (!(err <= 1e-3 * Math.abs(lambda))) relOff++;
  }));
  expect(bad).toEqual([]);
  expect(relOff, 'cells off by over 1e-3 of their sharpness').toBeLessThanOrEqual(0.01 * 65 * 65);
  // asked without it: none, and the same E and gradients
  const plain = await grid(page, { model: 'sigmoid', res: 65, range: [...RANGE] }, false);
  expect(plain.sharpness).toBe(null);
  expect(plain.cost).toEqual(g.cost);
  expect(plain.wGrad).toEqual(g.wGrad);
  expect(plain.bGrad).toEqual(g.bGrad);
  expect(errors).toEqual([]);
});

test('cpu: the sigmoid sharpness is the float64 Hessian per grid point, rounded to float32', async ({ page }) => {
  const errors = await openApp(page, '?still=1&gui=0&backend=cpu&model=sigmoid&res=16');
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
  const m = fx.other.model;
  const g = await grid(page, { model: 'sigmoid', ...m, res: 33, range: [...RANGE] });
  const unit = new SigmoidUnit(m);
  const off: string[] = [];
  g.b.forEach((b, row) => g.w.forEach((w, col) => {
    const h = unit.hessian(w, b);
    const want = Math.fround(lambdaMax(h.hxx, h.hxy, h.hyy));
    if (g.sharpness![row * 33 + col] !== want && off.length < 5) off.push(`(${w}, ${b}): ${g.sharpness![row * 33 + col]} against ${want}`);
  }));
  expect(off).toEqual([]);
  expect((await grid(page, { model: 'sigmoid', res: 9, range: [...RANGE] }, false)).sharpness).toBe(null);
  expect(errors).toEqual([]);
});

test("colour by sharpness on Pascanu's cliff: the sharpness colour bar and the stability line of sgd at lr 0.5", async ({ page }) => {
  const errors = await openApp(page, '?still=1&gui=0&model=sigmoid&compare=sgd,lr=0.5;clip,lr=0.5,clip=1&colorBy=sharpness');
  await expect(page.locator('#colorbar .title')).toHaveText('sharpness λmax');
  // the main run (Rprop) has no limit: the line is the first compared run's, 2/lr = 4
  await expect(page.locator('.label.stability')).toHaveText('sgd at lr 0.5 is unstable beyond this line');
  expect(await stabilityPixels(page)).toBeGreaterThan(100);
  const s = await page.evaluate(async () => Array.from((await window.rnnlab.surface()).sharpness!));
  expect(Math.max(...s)).toBeGreaterThan(4);
  expect(s.filter((v) => v > 0 && v < 4).length).toBeGreaterThan(0);
  // colour by cost: no line, the cost's bar; surface() still gives the sharpness (computed on demand)
  await page.evaluate(() => window.rnnlab.setParams({ colorBy: 'cost' }));
  await expect(page.locator('.label.stability')).toHaveCount(0);
  await expect(page.locator('#colorbar .title')).not.toHaveText('sharpness λmax');
  expect(await page.evaluate(async () => (await window.rnnlab.surface()).sharpness?.length)).toBe(s.length);
  expect(errors).toEqual([]);
});
