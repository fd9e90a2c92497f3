/**
 * Losing the GPU: when the compute device is lost, the app gets a new device (the second time,
 * the CPU backend), says so on the page, keeps its parameters and picture, and logs no error.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a lost WebGPU device is replaced, then the CPU takes over; parameters and picture stay', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=120&start=1,-1.5');
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const before = await page.evaluate(() => window.rnnlab.params());
  const costBefore = await page.evaluate(async () => Array.from((await window.rnnlab.surface()).cost.slice(0, 2000)));

  expect(await page.evaluate(() => window.rnnlabDebug.loseDevice())).toBe(true);
  await expect(page.locator('#status')).toContainText('the GPU device was lost');
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  await expect(page.locator('#status')).toContainText('a new device');
  expect(await page.evaluate(() => window.rnnlab.params())).toEqual(before);
  const costAfter = await page.evaluate(async () => Array.from((await window.rnnlab.surface()).cost.slice(0, 2000)));
  expect(costAfter).toEqual(costBefore);

  // Lost again: the CPU backend, same numbers to float32 rounding.
  expect(await page.evaluate(() => window.rnnlabDebug.loseDevice())).toBe(true);
  await expect(page.locator('#status')).toContainText('CPU fallback');
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
  expect(await page.evaluate(() => window.rnnlab.params())).toEqual(before);
  const costCpu = await page.evaluate(async () => Array.from((await window.rnnlab.surface()).cost.slice(0, 2000)));
  costCpu.forEach((c, i) => expect(Math.abs(c - costBefore[i])).toBeLessThanOrEqual(1e-4 * Math.abs(costBefore[i]) + 1e-6));
  await expect(page.locator('#readout .big')).toContainText('iteration 120');
  expect(errors).toEqual([]);
});

test('the largest grid with the largest data set ends in a picture or a message, never a blank page', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await openApp(page, '?still=1&res=2048&preset=random&samples=256&seqLen=100&gui=0');
  expect(errors).toEqual([]);
  const info = await page.evaluate(async () => {
    const s = await window.rnnlab.surface().catch(() => null);
    return { res: s?.wx.length ?? 0, nan: s ? s.cost.some((c) => Number.isNaN(c)) : false, messages: window.rnnlab.messages() };
  });
  expect(info.nan).toBe(false);
  expect(info.res === 2048 || info.messages.length > 0).toBe(true);
  await expect(page.locator('#readout .big')).toBeVisible();
});
