/** The same visual checks on the WebGL2 + CPU fallback (Chromium without WebGPU). */
import { expect, test } from '@playwright/test';
import { openApp, VISUAL } from './helpers';

test('tutorial default in the WebGL2 + CPU fallback', async ({ page }) => {
  expect(await openApp(page, '?still=1&gui=0')).toEqual([]);
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
  await expect(page).toHaveScreenshot('fallback-tutorial.png', VISUAL);
});

test('two loads of the same still URL give the same pixels on the fallback', async ({ page }) => {
  await openApp(page, '?still=1&gui=0&frame=200');
  const first = await page.screenshot();
  await openApp(page, '?still=1&gui=0&frame=200');
  expect((await page.screenshot()).equals(first)).toBe(true);
});
