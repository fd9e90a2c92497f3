/**
 * Chromium without --enable-unsafe-webgpu has no WebGPU adapter: the app must compute on the CPU
 * backend, render with three.js's WebGL2 fallback, say so, and still reproduce the tutorial.
 */
import { expect, test } from '@playwright/test';
import { dragBetween, openApp } from './helpers';
import { colourAt, distinctColours, isHighColour, isLowColour } from './pixels';

test('falls back to the CPU backend and WebGL2, says why, and reproduces the tutorial', async ({ page }) => {
  // the panel folded away: the 3D view as wide as the page leaves it (this test is about the fallback)
  const errors = await openApp(page, '?play=0&frame=500&gui=0');
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
  await expect(page.locator('#status')).toContainText('CPU fallback');
  await expect(page.locator('#status')).toContainText('no adapter');
  await expect(page.locator('#status')).toContainText('render: WebGL2');
  const traj = await page.evaluate(() => window.rnnlab.trajectory());
  expect(Math.abs(traj[500][0] - 1.00135554721)).toBeLessThan(1e-9);
  expect(Math.abs(traj[500][1] - 0.999674473785)).toBeLessThan(1e-9);
  await expect(page.locator('#gradcheck')).toContainText('pass');
  await expect(page.locator('#test-output')).toContainText('output 4.99');

  expect(await distinctColours(page, '#view3d canvas')).toBeGreaterThan(200);
  const low = (await page.evaluate(() => window.rnnlab.toScreen(2.6, 0.3)))!;
  const high = (await page.evaluate(() => window.rnnlab.toScreen(2.6, 2.9)))!;
  expect(isLowColour(await colourAt(page, low.x, low.y))).toBe(true);
  expect(isHighColour(await colourAt(page, high.x, high.y))).toBe(true);

  // the CPU backend evaluates points too (float64 rounded to float32)
  const ev = await page.evaluate(() => window.rnnlab.evaluate([[2, 1]]));
  expect(ev[0].cost).toBeCloseTo(28.35, 4);
  expect(ev[0].gradOverTime).toHaveLength(11);
  expect(errors).toEqual([]);
});

test('dragging the start marker works on the fallback too', async ({ page }) => {
  await openApp(page, '?play=0&frame=0&gui=0');
  await dragBetween(page, [-1.5, 2], [1.5, 0.5], 3);
  const traj = await page.evaluate(() => window.rnnlab.trajectory());
  expect(Math.abs(traj[0][0] - 1.5)).toBeLessThanOrEqual(6 / 255);
  expect(Math.abs(traj[0][1] - 0.5)).toBeLessThanOrEqual(6 / 255);
});
