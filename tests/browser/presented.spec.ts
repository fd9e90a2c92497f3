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
