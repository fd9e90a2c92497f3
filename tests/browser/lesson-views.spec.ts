/**
 * The lesson on the surface (issue 19, item 1): colour by sharpness (the map's pixels are viridis
 * of log10 λmax on the colour bar's decades, grey where λmax is not positive), and the stability
 * contour with its label, for gradient descent and not for Rprop.
 */
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp, VISUAL } from './helpers';
import { colourAt, snapshotPng, stabilityPixels, type RGB } from './pixels';
import { viridis } from '../../src/views/colormap';

test('colour by sharpness: the map shows viridis of log10 λmax on whole decades, with its own colour bar', async ({ page }) => {
  const errors = await openApp(page, '?still=1&layout=2d&gui=0&contours=0&opt=sgd&lr=0.0001&colorBy=sharpness');
  await expect(page.locator('#colorbar .title')).toHaveText('sharpness λmax');
  const s = await page.evaluate(async () => {
    const g = await window.rnnlab.surface();
    return { wx: Array.from(g.wx), wRec: Array.from(g.wRec), sharpness: Array.from(g.sharpness!) };
  });
  const logs = s.sharpness.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
  const bottom = Math.floor(Math.min(...logs) + 1e-6);
  const top = Math.ceil(Math.max(...logs) - 1e-6);
  const res = s.wx.length;
  // (no contour lines over the colours) points on the wall, the valley and the far side: each pixel is the colour of a cell around it
  for (const [wx, wRec] of [[-2.5, 2.6], [1.1, 0.3], [2.6, -2.4]] as const) {
    const p = (await page.evaluate(([a, b]) => window.rnnlab.toScreen(a, b, 'map'), [wx, wRec]))!;
    const got = await colourAt(page, p.x, p.y, 0);
    const col = Math.round(((wx - s.wx[0]) / (s.wx[res - 1] - s.wx[0])) * (res - 1));
    const row = Math.round(((wRec - s.wRec[0]) / (s.wRec[res - 1] - s.wRec[0])) * (res - 1));
    const near: RGB[] = [];
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        const v = s.sharpness[(row + dr) * res + col + dc];
        near.push(v > 0 && Number.isFinite(v) ? (viridis((Math.log10(v) - bottom) / (top - bottom)) as RGB) : [196, 196, 196]);
      }
    const dist = Math.min(...near.map((c) => Math.max(...c.map((x, i) => Math.abs(x - got[i])))));
    expect(dist, `(${wx}, ${wRec}): ${got} against ${JSON.stringify(near.map((c) => c.map(Math.round)))}`).toBeLessThanOrEqual(6);
  }
  const wall = await colourAt(page, ...(Object.values((await page.evaluate(() => window.rnnlab.toScreen(-2.5, 2.6, 'map')))!) as [number, number]), 0);
  await page.evaluate(() => window.rnnlab.setParams({ colorBy: 'cost' }));
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('#colorbar .title')).toHaveText('cost + 1');
  const p = (await page.evaluate(() => window.rnnlab.toScreen(-2.5, 2.6, 'map')))!;
  expect(await colourAt(page, p.x, p.y, 0)).not.toEqual(wall);
  expect(errors).toEqual([]);
});

test('the stability contour: labelled for sgd at lr 1e-4 in 3D and drawn on the map, absent for Rprop', async ({ page }) => {
  const errors = await openApp(page, '?still=1&opt=sgd&lr=0.0001&colorBy=sharpness');
  await expect(page.locator('.label.stability')).toHaveText('sgd at lr 1e-4 is unstable beyond this line');
  expect(await stabilityPixels(page)).toBeGreaterThan(100);
  // the tutorial's start lies beyond the line: its sharpness is above the run's limit 2/lr
  const [run] = await page.evaluate(() => window.rnnlab.runs());
  expect(run.stabilityLimit).toBeCloseTo(2e4, 6);
  expect(run.sharpness[0]).toBeGreaterThan(run.stabilityLimit!);
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'rprop' }));
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('.label.stability')).toHaveCount(0);
  expect(await stabilityPixels(page)).toBe(0);
  // the plain views (no lesson shown) draw no line either
  await page.evaluate(() => window.rnnlab.setParams({ opt: 'sgd', colorBy: 'cost' }));
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('.label.stability')).toHaveCount(0);
  await page.evaluate(() => window.rnnlab.setParams({ plots: 'sharpness' }));
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('.label.stability')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('presentation mode: the sweep takes the loss curve\'s place and nothing scrolls; outside it the lesson figures come below the four', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const errors = await openApp(page, '?still=1&present=1&opt=sgd&lr=0.0001&compare=rprop&plots=sharpness&sweep=lr&sweepRes=9');
  await expect(page.locator('#sweep-host')).toBeVisible();
  await expect(page.locator('#lossplot-host')).toBeHidden();
  await expect(page.locator('#sharpness-host')).toBeHidden();
  const fits = () => page.evaluate(() => { const r = document.getElementById('sweep-host')!.getBoundingClientRect(); return { page: document.documentElement.scrollHeight <= window.innerHeight, bottom: r.bottom <= window.innerHeight + 1, height: r.height }; });
  const f = await fits();
  expect(f.page).toBe(true);
  expect(f.bottom).toBe(true);
  expect(f.height).toBeGreaterThan(150);
  await page.evaluate(() => window.rnnlab.setParams({ present: false }));
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('#lossplot-host')).toBeVisible();
  await expect(page.locator('#sharpness-host')).toBeVisible();
  await expect(page.locator('#sweep-host')).toBeVisible();
  expect(errors).toEqual([]);
});

test('images of the lesson figures: sharpness, steps and (while a sweep is shown) the sweep, at the asked size', async ({ page }) => {
  const errors = await openApp(page, '?still=1&opt=sgd&lr=0.0001&plots=both');
  for (const panel of ['sharpness', 'steps']) {
    const png = PNG.sync.read(await snapshotPng(page, { panel, width: 1280, height: 720 }));
    expect([png.width, png.height]).toEqual([1280, 720]);
    const seen = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
    expect(seen.size, `${panel}: drawn, not blank`).toBeGreaterThan(20);
  }
  await expect(page.evaluate(() => window.rnnlab.snapshot({ panel: 'sweep' as never }))).rejects.toThrow(/no sweep/);
  await page.evaluate(() => window.rnnlab.setParams({ sweep: 'lr', sweepRes: 9 }));
  await page.evaluate(() => window.rnnlab.sweep());
  const png = PNG.sync.read(await snapshotPng(page, { panel: 'sweep', width: 960, height: 540 }));
  expect([png.width, png.height]).toEqual([960, 540]);
  expect(errors).toEqual([]);
});

for (const [id, frame] of [['one-lr', 2], ['seqlen-walls', 40]] as const)
  test(`baseline: the scene ${id} in presentation mode at 1920x1080`, async ({ page }) => {
    const { SCENES } = await import('../../src/scenes');
    const scene = SCENES.find((s) => s.id === id)!;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const errors = await openApp(page, `?still=1&frame=${frame}&present=1&${scene.query}`);
    await expect(page.locator('#scene-title')).toHaveText(scene.name);
    await page.evaluate(() => window.rnnlab.sweep());
    await expect(page.locator('.sweep-progress')).toBeHidden();
    await page.evaluate(() => window.rnnlab.ready());
    await expect(page).toHaveScreenshot(`scene-${id}-present-1920.png`, VISUAL);
    expect(errors).toEqual([]);
  });

test('a click in the lr sweep sets the main run\'s learning rate to a swept value under the pointer', async ({ page }) => {
  const errors = await openApp(page, '?still=1&opt=sgd&lr=0.0001&compare=rprop&sweep=lr&sweepRes=9&gui=0');
  const s = (await page.evaluate(async () => { const w = await window.rnnlab.sweep(); return w && Array.from(w.x); }))!;
  const canvas = page.locator('canvas.sweep');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // a quarter of the way along the log axis (1e-8 .. 1): a rate well below 1e-4
  await page.mouse.click(box.x + box.width * 0.28, box.y + box.height * 0.5);
  await page.evaluate(() => window.rnnlab.ready());
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(s).toContain(p.lr);
  expect(p.lr).toBeLessThan(1e-4);
  expect(p.opt).toBe('sgd');
  expect(errors).toEqual([]);
});
