/**
 * An example of a visual check a user of RNN Lab can copy into their own Playwright project.
 * It is part of this project's suite, so it is known to run. Outside this project, give the
 * browser the WebGPU flags from playwright.config.ts and point baseURL at the running app.
 */
import { expect, test } from '@playwright/test';

test('my lecture slide: gradient explosion from (1, 2), iteration 40', async ({ page }) => {
  // A still view from the URL: no animation, fixed camera, no control panel.
  await page.goto('/?still=1&gui=0&start=1,2&frame=40&cam=20,45,5.5');
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready()); // computed and drawn
  // The numbers behind the picture, through the automation API.
  const path = await page.evaluate(() => window.rnnlab.trajectory());
  expect(path[0]).toEqual([1, 2]);
  // The picture itself, against a committed baseline (refresh with --update-snapshots). Tight:
  // a pixel differs beyond a YIQ distance of 0.03, and at most 40 may (this project's VISUAL in
  // tests/browser/helpers.ts, where the numbers are measured; loosen them if your renderer is
  // less deterministic than SwiftShader).
  await expect(page).toHaveScreenshot('explosion-slide.png', { threshold: 0.03, maxDiffPixels: 40 });
});
