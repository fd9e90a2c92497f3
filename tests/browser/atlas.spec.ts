/**
 * The trainability atlas in the app: rnnlab.atlas() against the float64 fixture and the float64
 * model, small multiples for compared runs, hover and click, lr mode, and ready() waiting for it.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { computeAtlasRows, createAtlasOutput } from '../../src/model/atlas';
import { tutorialDataset } from '../../src/model/dataset';
import { HYPER_DEFAULTS } from '../../src/model/optimiserSpec';
import { openApp } from './helpers';

interface Case { opt: string; hyper: Record<string, number>; iterations: number; tol: number; axis: number[]; finalCost: number[][]; convergedAt: number[][]; divergedAt: number[][] }
const CASES: Case[] = JSON.parse(readFileSync(new URL('../fixtures/atlas-tutorial.json', import.meta.url), 'utf8')).cases;

interface Cells { convergedAt: number[]; divergedAt: number[]; finalCost: number[] }
const cls = (c: number, d: number) => (d >= 0 ? 'd' : c >= 0 ? 'c' : 'n');

/** The accuracy rule: classes agree on >= 99% of cells, convergedAt within max(10, 10%) on >= 95% of cells converging in both, no NaN. */
function expectAgreement(got: Cells, ref: { convergedAt: number[]; divergedAt: number[] }): void {
  const n = ref.convergedAt.length;
  expect(got.convergedAt.length).toBe(n);
  let same = 0;
  let both = 0;
  let close = 0;
  for (let i = 0; i < n; i++) {
    if (cls(got.convergedAt[i], got.divergedAt[i]) === cls(ref.convergedAt[i], ref.divergedAt[i])) same++;
    if (got.divergedAt[i] < 0 && ref.divergedAt[i] < 0 && got.convergedAt[i] >= 0 && ref.convergedAt[i] >= 0) {
      both++;
      if (Math.abs(got.convergedAt[i] - ref.convergedAt[i]) <= Math.max(10, 0.1 * ref.convergedAt[i])) close++;
    }
  }
  expect(same / n).toBeGreaterThanOrEqual(0.99);
  if (both > 0) expect(close / both).toBeGreaterThanOrEqual(0.95);
  expect(got.finalCost.some((c) => Number.isNaN(c))).toBe(false);
}

async function atlasCells(page: Page) {
  return page.evaluate(async () => {
    const a = await window.rnnlab.atlas();
    if (!a) return null;
    return { mode: a.mode, wx: Array.from(a.wx), wRec: Array.from(a.wRec), convergedAt: Array.from(a.convergedAt), divergedAt: Array.from(a.divergedAt), finalCost: Array.from(a.finalCost) };
  });
}

for (const backend of ['webgpu', 'cpu'] as const) {
  test(`starts mode on ${backend}: the fixture's Rprop atlas, and ready() waits for it`, async ({ page }) => {
    const errors = await openApp(page, `?still=1&backend=${backend}`);
    expect(await atlasCells(page)).toBeNull();
    await page.evaluate(() => window.rnnlab.setParams({ atlas: 'starts', atlasRes: 24 }));
    const got = (await atlasCells(page))!;
    expect(got.mode).toBe('starts');
    const ref = CASES.find((c) => c.opt === 'rprop')!;
    got.wx.forEach((v, i) => expect(v).toBeCloseTo(ref.axis[i], 12));
    expectAgreement(got, { convergedAt: ref.convergedAt.flat(), divergedAt: ref.divergedAt.flat() });
    await expect(page.locator('#atlas-progress')).toBeHidden();
    await expect(page.locator('#atlas-summary')).toContainText('converge');
    expect(errors).toEqual([]);
  });
}

test('compared runs get their own atlas beside the main one (sgd and clip as in the fixture)', async ({ page }) => {
  await openApp(page, '?still=1&atlas=starts&atlasRes=24&iterations=300&tol=0.01&opt=sgd&lr=0.0001&compare=clip,lr=0.05');
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('#atlas-panel canvas.atlas-map')).toHaveCount(2);
  const titles = await page.locator('#atlas-panel .atlas-title').allTextContents();
  expect(titles[0]).toMatch(/^sgd \(lr 1e-4\)/);
  expect(titles[1]).toMatch(/^clip/);
  expectAgreement((await atlasCells(page))!, {
    convergedAt: CASES.find((c) => c.opt === 'sgd')!.convergedAt.flat(),
    divergedAt: CASES.find((c) => c.opt === 'sgd')!.divergedAt.flat(),
  });
  // The sgd map's share of diverged starts is visible at a glance.
  const sgd = CASES.find((c) => c.opt === 'sgd')!.divergedAt.flat();
  const share = sgd.filter((d) => d >= 0).length / sgd.length;
  expect(titles[0]).toContain(`${Math.round(share * 100)}% diverge`);
});

test('hovering a cell tells its outcome; clicking it moves the start there', async ({ page }) => {
  await openApp(page, '?play=0&atlas=starts&atlasRes=24&layout=2d&gui=0');
  const canvas = page.locator('#atlas-panel canvas.atlas-map[data-run="0"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // A point in the plot: the panel maps [-3, 3]^2; find it through the map's own geometry.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await expect(page.locator('#hover')).toContainText(/start \(.+\): (converged at \d+|diverged at \d+|not converged)/);
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.evaluate(() => window.rnnlab.ready());
  const start = (await page.evaluate(() => window.rnnlab.params())).start;
  expect(start).not.toEqual([-1.5, 2]);
  const hover = (await page.locator('#hover').textContent()) ?? '';
  const m = /start \(([-\d.]+), ([-\d.]+)\)/.exec(hover)!;
  expect(start[0]).toBeCloseTo(Number(m[1]), 1);
  expect(start[1]).toBeCloseTo(Number(m[2]), 1);
});

test('lr mode on a small grid agrees with float64; the axes are the learning rates', async ({ page }) => {
  await openApp(page, '?still=1&atlas=lr&atlasRes=16&opt=sgd&atlasRange=-7,-3,-7,-3&iterations=200');
  const got = (await atlasCells(page))!;
  expect(got.mode).toBe('lr');
  expect(got.wx[0]).toBeCloseTo(1e-7, 15);
  expect(got.wx[15]).toBeCloseTo(1e-3, 10);
  const xAxis = Float64Array.from({ length: 16 }, (_, i) => -7 + (4 * i) / 15);
  const out = createAtlasOutput(16);
  computeAtlasRows(tutorialDataset(), { mode: 'lr', opt: 'sgd', hyper: { ...HYPER_DEFAULTS }, iterations: 200, tol: 1e-3, xAxis, yAxis: xAxis, start: [-1.5, 2] }, 0, 16, out);
  expectAgreement(got, { convergedAt: Array.from(out.convergedAt), divergedAt: Array.from(out.divergedAt) });
});

test('zooming the lr atlas past what float32 resolves says so; a zoom it still resolves does not', async ({ page }) => {
  await openApp(page, '?still=1&atlas=lr&atlasRes=16&opt=sgd&atlasRange=-4.5,-4.49,-4.5,-4.49&iterations=50');
  await page.evaluate(() => window.rnnlab.atlas());
  await expect(page.locator('#atlas-note')).toBeHidden();
  await page.evaluate(() => window.rnnlab.setParams({ atlasRange: [-4.5, -4.499999, -4.5, -4.499999] }));
  await page.evaluate(() => window.rnnlab.atlas());
  await expect(page.locator('#atlas-note')).toContainText('Zoomed past float32');
  await expect(page.locator('#atlas-note')).toContainText('backend=cpu computes in float64');
});

test('lr mode: the wheel and a dragged rectangle zoom the window, and the atlas is recomputed for it', async ({ page }) => {
  await openApp(page, '?still=1&atlas=lr&atlasRes=16&opt=sgd&atlasRange=-7,-3,-7,-3&iterations=50&layout=2d&gui=0');
  const canvas = page.locator('#atlas-panel canvas.atlas-map[data-run="0"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const centre = { x: box.x + box.width * 0.5, y: box.y + box.height * 0.5 };
  // the wheel zooms in about the pointer: a narrower window inside the old one
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await page.evaluate(() => window.rnnlab.params())).atlasRange).not.toEqual([-7, -3, -7, -3]);
  const [a, b, c, d] = (await page.evaluate(() => window.rnnlab.params())).atlasRange;
  expect(b - a).toBeLessThan(4);
  expect(d - c).toBeLessThan(4);
  expect(a).toBeGreaterThanOrEqual(-7);
  expect(b).toBeLessThanOrEqual(-3);
  let got = (await page.evaluate(async () => {
    const r = await window.rnnlab.atlas();
    return r && [Math.log10(r.wx[0]), Math.log10(r.wx[r.wx.length - 1])];
  }))!;
  expect(got[0]).toBeCloseTo(a, 6);
  expect(got[1]).toBeCloseTo(b, 6);
  expect(page.url()).toContain('atlasRange=');
  // a rectangle dragged over part of the map becomes the window
  const before = (await page.evaluate(() => window.rnnlab.params())).atlasRange;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.55, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await page.evaluate(() => window.rnnlab.params())).atlasRange).not.toEqual(before);
  const after = (await page.evaluate(() => window.rnnlab.params())).atlasRange;
  expect(after[1] - after[0]).toBeLessThan(before[1] - before[0]);
  expect(after[0]).toBeGreaterThan(before[0]);
  got = (await page.evaluate(async () => {
    const r = await window.rnnlab.atlas();
    return r && [Math.log10(r.wx[0]), Math.log10(r.wx[r.wx.length - 1])];
  }))!;
  expect(got[0]).toBeCloseTo(after[0], 6);
});
