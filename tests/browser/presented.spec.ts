/**
 * ready() and setParams() resolve only once the frame for the new state is presented: a
 * screenshot taken right after holds the new state, pixel for pixel the same as a fresh load of
 * that state's URL.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a screenshot right after setParams() already shows the new state', async ({ page }) => {
  await openApp(page, '?still=1&gui=0&frame=200');
  await page.evaluate(() => window.rnnlab.setParams({ start: [1, 2], frame: 60, cam: [10, 40, 5.6] }));
  const afterSetParams = await page.screenshot();
  await openApp(page, '?still=1&gui=0&start=1,2&frame=60&cam=10,40,5.6');
  const freshLoad = await page.screenshot();
  expect(afterSetParams.equals(freshLoad)).toBe(true);
});

/** The 3D canvas's backing store width over its CSS width: the render scale. */
const renderScale = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const c = document.querySelector('#view3d canvas') as HTMLCanvasElement;
    return c.width / c.getBoundingClientRect().width;
  });

test('while the camera orbits the frame is cheaper; once it stops, the full frame, the same pixels as a still of that view', async ({ page }) => {
  await openApp(page, '?still=1&gui=0&frame=100');
  expect(await renderScale(page)).toBe(1);
  const box = (await page.locator('#view3d canvas').boundingBox())!;
  // an orbit drag that starts away from the start marker
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.85);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.85, { steps: 3 });
  // software rasteriser (SwiftShader here): half the render scale while moving
  expect(await renderScale(page)).toBeCloseTo(0.5, 2);
  await page.mouse.up();
  // off the canvas: the hover readout goes, as it would for the fresh load below
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.rnnlab.ready());
  expect(await renderScale(page)).toBe(1);
  const cam = (await page.evaluate(() => window.rnnlab.params())).cam;
  expect(cam).not.toEqual([35, 52, 5.4]);
  const afterOrbit = await page.screenshot();
  await openApp(page, `?still=1&gui=0&frame=100&cam=${cam.join(',')}`);
  const fresh = await page.screenshot();
  if (!afterOrbit.equals(fresh)) {
    await test.info().attach('after-orbit', { body: afterOrbit, contentType: 'image/png' });
    await test.info().attach('fresh-load', { body: fresh, contentType: 'image/png' });
  }
  expect(afterOrbit.equals(fresh)).toBe(true);
});

test('dragging the start draws the cheaper frame, and the release the full one', async ({ page }) => {
  await openApp(page, '?still=1&gui=0&frame=0');
  const a = await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2));
  const b = await page.evaluate(() => window.rnnlab.toScreen(1, 0.5));
  await page.mouse.move(a!.x, a!.y);
  await page.mouse.down();
  await page.mouse.move((a!.x + b!.x) / 2, (a!.y + b!.y) / 2, { steps: 2 });
  expect(await renderScale(page)).toBeCloseTo(0.5, 2);
  await page.mouse.move(b!.x, b!.y, { steps: 2 });
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
  expect(await renderScale(page)).toBe(1);
  const start = (await page.evaluate(() => window.rnnlab.params())).start;
  expect(Math.abs(start[0] - 1)).toBeLessThan(0.05);
});
