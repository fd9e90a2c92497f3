/**
 * The trainability atlas in the app: rnnlab.atlas() against the float64 fixture and the float64
 * model, small multiples for compared runs, hover and click, lr mode, and ready() waiting for it.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { atlasCellOfRun, computeAtlasRows, createAtlasOutput, defaultAtlasLrRange } from '../../src/model/atlas';
import { withDefaults } from '../../src/model/optimisers';
import type { OptimiserName } from '../../src/model/optimiserSpec';
import { tutorialDataset } from '../../src/model/dataset';
import { HYPER_DEFAULTS } from '../../src/model/optimiserSpec';
import { openApp } from './helpers';
import { atlasAgreement } from '../atlasStats';

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
  // every map by its numbers against the fixture: the compared clip run's too (SPEC section 8's
  // statistics; float32 on WebGPU)
  const runs = await runAtlases(page);
  expect(runs.map((r) => r.opt)).toEqual(['sgd', 'clip']);
  for (const r of runs) {
    const c = CASES.find((k) => k.opt === r.opt)!;
    r.x.forEach((v, i) => expect(v).toBeCloseTo(c.axis[i], 12));
    const ref = { finalCost: c.finalCost.flat(), convergedAt: c.convergedAt.flat(), divergedAt: c.divergedAt.flat() };
    expectAgreement(r, ref);
    const stats = atlasAgreement(r, ref, 1e-6);
    expect(stats.divergedAt, `${r.opt} divergedAt`).toBeGreaterThanOrEqual(0.99);
    expect(stats.finalCost, `${r.opt} final costs within 0.1 decades`).toBeGreaterThanOrEqual(0.9);
  }
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
  const [a, b, c, d] = (await page.evaluate(() => window.rnnlab.params())).atlasRange!;
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
  const before = (await page.evaluate(() => window.rnnlab.params())).atlasRange!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.55, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await page.evaluate(() => window.rnnlab.params())).atlasRange).not.toEqual(before);
  const after = (await page.evaluate(() => window.rnnlab.params())).atlasRange!;
  expect(after[1] - after[0]).toBeLessThan(before[1] - before[0]);
  expect(after[0]).toBeGreaterThan(before[0]);
  got = (await page.evaluate(async () => {
    const r = await window.rnnlab.atlas();
    return r && [Math.log10(r.wx[0]), Math.log10(r.wx[r.wx.length - 1])];
  }))!;
  expect(got[0]).toBeCloseTo(after[0], 6);
});

/** Every run's atlas as plain arrays (rnnlab.atlas().runs). */
async function runAtlases(page: Page) {
  return page.evaluate(async () => {
    const a = await window.rnnlab.atlas();
    return (a?.runs ?? []).map((r) => ({
      opt: r.opt, hyper: r.hyper, xLabel: r.xLabel, yLabel: r.yLabel, x: Array.from(r.x), y: Array.from(r.y),
      finalCost: Array.from(r.finalCost), convergedAt: Array.from(r.convergedAt), divergedAt: Array.from(r.divergedAt),
    }));
  });
}

for (const backend of ['webgpu', 'cpu'] as const) {
  test(`lr mode with compared runs on ${backend}: each map over its own run's hyperparameters, by its numbers`, async ({ page }) => {
    const errors = await openApp(page, `?still=1&backend=${backend}&atlas=lr&atlasRes=16&iterations=150&layout=2d&gui=0&compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5`);
    // nothing was set, so nothing is said about the windows
    expect((await page.evaluate(() => window.rnnlab.messages())).filter((m) => /atlas/i.test(m))).toEqual([]);
    const runs = await runAtlases(page);
    expect(runs.map((r) => r.opt)).toEqual(['rprop', 'sgd', 'clip']);
    expect([runs[0].xLabel, runs[0].yLabel]).toEqual(['etaPlus', 'etaMinus']);
    expect([runs[0].x[0], runs[0].x[15], runs[0].y[0], runs[0].y[15]]).toEqual([1, 2, 0, 1]);
    // the learning-rate maps: two decades each way around 2 / sharpness at the start (5.1e-8)
    const [lo, hi] = defaultAtlasLrRange(tutorialDataset(), [-1.5, 2]);
    for (const r of runs.slice(1)) {
      expect([r.xLabel, r.yLabel]).toEqual(['lr of wx', 'lr of wRec']);
      expect(Math.log10(r.x[0])).toBeCloseTo(lo, 9);
      expect(Math.log10(r.x[15])).toBeCloseTo(hi, 9);
      expect(Math.log10(r.y[0])).toBeCloseTo(lo, 9);
    }
    // the numbers of every map against float64 (exact on the CPU backend)
    for (const r of runs) {
      const axis = (v: number[], log: boolean) => Float64Array.from(v, (t) => (log ? Math.log10(t) : t));
      const log = r.xLabel !== 'etaPlus';
      const xAxis = log ? Float64Array.from({ length: 16 }, (_, i) => (i === 15 ? hi : lo + ((hi - lo) * i) / 15)) : axis(r.x, false);
      const yAxis = log ? xAxis : axis(r.y, false);
      const out = createAtlasOutput(16, 16, 'float64');
      computeAtlasRows(tutorialDataset(), { mode: 'lr', opt: r.opt as OptimiserName, hyper: withDefaults({ ...r.hyper, lrWRec: undefined } as never), iterations: 150, tol: 1e-3, xAxis, yAxis, start: [-1.5, 2] }, 0, 16, out);
      expectAgreement(r, { convergedAt: Array.from(out.convergedAt), divergedAt: Array.from(out.divergedAt) });
      if (backend === 'cpu') {
        expect(r.divergedAt).toEqual(Array.from(out.divergedAt));
        expect(r.convergedAt).toEqual(Array.from(out.convergedAt));
        expect(r.finalCost).toEqual(Array.from(out.finalCost, (v) => Math.fround(v)));
      }
    }
    // the boundary is in view on sgd's map: some cells diverge, some do not (its flat red square
    // was the bug); clip's steps are clipped, it never diverges: its map is not flat either
    expect(new Set(runs[1].divergedAt.map((v) => v >= 0)).size, 'sgd').toBe(2);
    expect(new Set(runs[2].finalCost).size, 'clip').toBeGreaterThan(16);
    await expect(page.locator('#atlas-panel h3')).toContainText("each run's hyperparameters");
    expect(errors).toEqual([]);
  });
}

test("hover and click on a compared run's map act on that run: its lr and lrWRec, not Rprop's etas", async ({ page }) => {
  await openApp(page, '?play=0&atlas=lr&atlasRes=16&iterations=100&layout=2d&gui=0&compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5');
  const canvas = page.locator('#atlas-panel canvas.atlas-map[data-run="1"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = { x: box.x + box.width * 0.55, y: box.y + box.height * 0.45 };
  await page.mouse.move(at.x, at.y);
  await expect(page.locator('#hover')).toContainText(/^lr of wx \d(\.\d+)?e-\d+, lr of wRec \d(\.\d+)?e-\d+: /);
  const hover = (await page.locator('#hover').textContent())!;
  const [, hx, hy] = /^lr of wx ([\d.e-]+), lr of wRec ([\d.e-]+)/.exec(hover)!;
  await page.mouse.click(at.x, at.y);
  await page.evaluate(() => window.rnnlab.ready());
  const p = await page.evaluate(() => window.rnnlab.params());
  expect([p.etaPlus, p.etaMinus, p.lr, p.lrWRec]).toEqual([1.2, 0.5, 0.01, null]);
  expect(p.compare[0].opt).toBe('sgd');
  const { lr, lrWRec } = p.compare[0].overrides;
  // the hover's rates, to the digits it shows
  expect(Math.abs(lr! / Number(hx) - 1)).toBeLessThan(0.01);
  expect(Math.abs(lrWRec! / Number(hy) - 1)).toBeLessThan(0.01);
  expect(p.compare[1]).toEqual({ opt: 'clip', overrides: { lr: 0.05, clip: 0.5 } });
  // the marker of the sgd map is now at that cell: a second hover there reads the same rates
  await page.mouse.move(at.x + 1, at.y);
  await expect(page.locator('#hover')).toContainText(`lr of wx ${hx}, lr of wRec ${hy}`);
});

test('on the CPU backend a click on an lr cell sets lr and lrWRec, and the run then ends exactly as the cell says', async ({ page }) => {
  await openApp(page, '?backend=cpu&play=0&opt=sgd&atlas=lr&atlasRes=16&iterations=300&tol=0.01&start=0.5,0.5&atlasRange=-5,-1,-5,-1&layout=2d&gui=0');
  const canvas = page.locator('#atlas-panel canvas.atlas-map[data-run="0"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const cells = (await runAtlases(page))[0];
  const seen = new Set<string>();
  for (const [fx, fy] of [[0.62, 0.42], [0.75, 0.3], [0.4, 0.6]]) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await page.evaluate(() => window.rnnlab.ready());
    const p = await page.evaluate(() => window.rnnlab.params());
    const col = cells.x.indexOf(p.lr);
    const row = cells.y.indexOf(p.lrWRec!);
    // the run's rates are the cell's exactly (not rounded)
    expect(col, `lr ${p.lr} is a column's rate`).toBeGreaterThanOrEqual(0);
    expect(row, `lrWRec ${p.lrWRec} is a row's rate`).toBeGreaterThanOrEqual(0);
    const i = row * cells.x.length + col;
    const run = (await page.evaluate(() => window.rnnlab.runs()))[0];
    const ended = atlasCellOfRun(run, 0.01);
    expect({ finalCost: Math.fround(ended.finalCost), convergedAt: ended.convergedAt, divergedAt: ended.divergedAt }).toEqual({
      finalCost: cells.finalCost[i],
      convergedAt: cells.convergedAt[i],
      divergedAt: cells.divergedAt[i],
    });
    seen.add(ended.divergedAt >= 0 ? 'd' : ended.convergedAt >= 0 ? 'c' : 'n');
  }
  // the atlas after the clicks is the same (its axes replace the run's rates)
  expect((await runAtlases(page))[0].finalCost).toEqual(cells.finalCost);
});

test('the panel: lrWRec (empty = lr), the two atlas windows, and atlasEtaRange clamped with its message in the Atlas folder', async ({ page }) => {
  await openApp(page, '?play=0&opt=sgd&atlasEtaRange=0.5,3,0,1');
  const messages = await page.evaluate(() => window.rnnlab.messages());
  expect(messages).toContain('atlasEtaRange: clamped to [1, 10] × [0, 1]: 1,3,0,1');
  await expect(page.locator('#gui .gui-message').filter({ hasText: 'atlasEtaRange: clamped' })).toBeVisible();
  expect((await page.evaluate(() => window.rnnlab.params())).atlasEtaRange).toEqual([1, 3, 0, 1]);
  // the learning rate of wRec: typed, then emptied
  const lrWRec = page.locator('#gui .lil-controller', { hasText: "lrWRec (wRec's rate" }).locator('input');
  await lrWRec.fill('1e-5');
  await lrWRec.press('Enter');
  await expect.poll(async () => (await page.evaluate(() => window.rnnlab.params())).lrWRec).toBe(1e-5);
  expect(page.url()).toContain('lrWRec=0.00001');
  expect((await page.evaluate(() => window.rnnlab.runs()))[0].hyper).toMatchObject({ lr: 0.01, lrWRec: 1e-5 });
  await lrWRec.fill('');
  await lrWRec.press('Enter');
  await expect.poll(async () => (await page.evaluate(() => window.rnnlab.params())).lrWRec).toBeNull();
  // the learning-rate window's fields show the one derived from the start until one is typed
  const xMin = page.locator('#gui .lil-controller', { hasText: 'log10 lr of wx, min' }).locator('input');
  await expect(xMin).toHaveValue('-9.3');
  await xMin.fill('-8');
  await xMin.press('Enter');
  await expect.poll(async () => (await page.evaluate(() => window.rnnlab.params())).atlasRange).toEqual([-8, -5.3, -9.3, -5.3]);
});
