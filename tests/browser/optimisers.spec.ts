/** The optimiser lab in the browser: compared runs from the URL, the GUI, the legend, the loss curve. */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, VISUAL } from './helpers';

interface FixtureRun { opt: string; hyper: Record<string, number>; start: [number, number]; weights: [number, number][]; costs: number[]; diverged: number | null }
const FIXTURE: { runs: FixtureRun[] } = JSON.parse(readFileSync(new URL('../fixtures/optimisers-tutorial.json', import.meta.url), 'utf8'));
const GD_SCENE = 'compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5';

function fixtureRun(opt: string, hyper: Record<string, number>): FixtureRun {
  const r = FIXTURE.runs.find((f) => f.opt === opt && JSON.stringify(f.hyper) === JSON.stringify(hyper) && f.start[0] === -1.5);
  if (!r) throw new Error(`no fixture run ${opt} ${JSON.stringify(hyper)}`);
  return r;
}

async function url(page: Page): Promise<URLSearchParams> {
  return new URL(page.url()).searchParams;
}

test('compare in the URL gives runs(), in float64, and a legend with each outcome', async ({ page }) => {
  // (The fixture's runs with no lr were made with lr 0.001, not the SPEC's default 0.01: say so in the URL.)
  expect(await openApp(page, `?still=1&frame=60&${GD_SCENE};adam,lr=0.001`)).toEqual([]);
  const runs = await page.evaluate(() => window.rnnlab.runs());
  expect(runs.map((r) => r.opt)).toEqual(['rprop', 'sgd', 'clip', 'adam']);
  expect(runs[1].hyper.lr).toBe(0.0001);
  expect(runs[2].hyper.clip).toBe(0.5);
  expect(runs[3].hyper.lr).toBe(0.001);
  for (const [run, ref] of [
    [runs[0], fixtureRun('rprop', {})],
    [runs[1], fixtureRun('sgd', { lr: 0.0001 })],
    [runs[2], fixtureRun('clip', { lr: 0.05, clip: 0.5 })],
    [runs[3], fixtureRun('adam', {})], // lr 0.001, see above
  ] as const) {
    expect(run.diverged).toBe(ref.diverged);
    expect(run.weights.length).toBe(ref.weights.length);
    run.weights.forEach(([a, b], i) => {
      expect(Math.abs(a - ref.weights[i][0])).toBeLessThanOrEqual(1e-9 * Math.abs(ref.weights[i][0]) + 1e-12);
      expect(Math.abs(b - ref.weights[i][1])).toBeLessThanOrEqual(1e-9 * Math.abs(ref.weights[i][1]) + 1e-12);
    });
  }
  expect(await page.evaluate(() => window.rnnlab.trajectory())).toEqual(runs[0].weights);
  const legend = page.locator('#runs-legend .legend-row');
  await expect(legend).toHaveCount(4);
  await expect(legend.nth(1)).toContainText('sgd (lr 1e-4)');
  await expect(legend.nth(1)).toContainText('diverged at iteration 2');
  await expect(legend.nth(0)).toContainText(/converged at \d+/);
  await expect(legend.nth(2)).toContainText('clip (lr 0.05, clip 0.5)');
  // The diverged run is marked where it leaves the plot, in 3D and in the readout, never drawn to infinity.
  await expect(page.locator('.labels3d .label.exit')).toHaveText('× diverged at iteration 2');
  await expect(page.locator('#readout tr[data-run="1"]')).toContainText('diverged at iteration 2');
  await expect(page.locator('#runs-caption')).toContainText('sgd diverged at iteration 2');
});

test('the Optimisers folder writes the URL: optimiser, its hyperparameters only, compared runs', async ({ page }) => {
  await openApp(page, '?play=0');
  const gui = page.locator('#gui');
  const row = (name: string) => gui.locator('.lil-controller', { has: page.locator('.lil-name', { hasText: name }) });
  await expect(row('η+ (grow)')).toBeVisible();
  await expect(row('learning rate')).toBeHidden();
  await row('optimiser').locator('select').selectOption('adam');
  await page.evaluate(() => window.rnnlab.ready());
  expect((await url(page)).get('opt')).toBe('adam');
  await expect(row('learning rate')).toBeVisible();
  await expect(row('β1')).toBeVisible();
  await expect(row('η+ (grow)')).toBeHidden();
  await gui.locator('button', { hasText: '+ add a run' }).click();
  await page.evaluate(() => window.rnnlab.ready());
  expect((await url(page)).get('compare')).toBe('rprop');
  const runText = row('run 1').locator('input');
  await runText.fill('sgd,lr=0.001');
  await runText.press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  expect((await url(page)).get('compare')).toBe('sgd,lr=0.001');
  expect((await page.evaluate(() => window.rnnlab.runs())).map((r) => [r.opt, r.hyper.lr])).toEqual([['adam', 0.01], ['sgd', 0.001]]);
  await gui.locator('button', { hasText: '× remove run 1' }).click();
  await page.evaluate(() => window.rnnlab.ready());
  expect((await url(page)).has('compare')).toBe(false);
});

test('a scene is a URL: "gradient descent explodes"', async ({ page }) => {
  await openApp(page, '?play=0');
  await page.locator('#gui .lil-controller', { has: page.locator('.lil-name', { hasText: 'scene' }) }).locator('select').selectOption({ label: 'gradient descent explodes' });
  await page.evaluate(() => window.rnnlab.ready());
  expect((await url(page)).get('compare')).toBe('sgd,lr=0.0001;clip,lr=0.05,clip=0.5');
  expect((await page.evaluate(() => window.rnnlab.runs())).map((r) => r.opt)).toEqual(['rprop', 'sgd', 'clip']);
});

test('pressing and dragging on the loss curve scrubs the animation', async ({ page }) => {
  await openApp(page, `?${GD_SCENE}`);
  const over = page.locator('#lossplot .u-over');
  const box = (await over.boundingBox())!;
  const xOf = (k: number) => box.x + (k / 500) * box.width;
  await page.mouse.move(xOf(100), box.y + box.height / 2);
  await page.mouse.down();
  await page.evaluate(() => window.rnnlab.ready());
  let p = await page.evaluate(() => window.rnnlab.params());
  expect(p.play).toBe(false);
  expect(Math.abs(p.frame - 100)).toBeLessThanOrEqual(2);
  await page.mouse.move(xOf(300), box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  p = await page.evaluate(() => window.rnnlab.params());
  expect(Math.abs(p.frame - 300)).toBeLessThanOrEqual(2);
  await expect(page.locator('#readout .big')).toContainText(`iteration ${p.frame} / 500`);
});

test('bad opt and compare values give messages; the rest of the URL applies; no console error', async ({ page }) => {
  const errors = await openApp(page, '?still=1&opt=newton&compare=sgd;foo;adam,lr=abc;momentum;clip;rprop-;irprop-&start=1,0.5');
  expect(errors).toEqual([]);
  const messages = (await page.evaluate(() => window.rnnlab.messages())).join('\n');
  expect(messages).toMatch(/opt: .*newton/);
  expect(messages).toMatch(/foo/);
  expect(messages).toMatch(/lr/);
  expect(messages).toMatch(/at most 5/);
  await expect(page.locator('#messages')).toContainText('newton');
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.opt).toBe('rprop');
  expect(p.start).toEqual([1, 0.5]);
  expect(p.compare.length).toBeLessThanOrEqual(5);
  expect((await page.evaluate(() => window.rnnlab.runs())).length).toBe(p.compare.length + 1);
});

test('visual: the "gradient descent explodes" scene, and its loss curve', async ({ page }) => {
  expect(await openApp(page, `?still=1&gui=0&frame=60&${GD_SCENE}`)).toEqual([]);
  await expect(page).toHaveScreenshot('gd-explodes.png', VISUAL);
  await expect(page.locator('#lossplot')).toHaveScreenshot('loss-curve.png', VISUAL);
});
