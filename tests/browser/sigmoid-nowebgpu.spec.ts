/** Pascanu's sigmoid unit on the CPU fallback (no WebGPU): the same runs, captions and names as on WebGPU. */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test("Pascanu's cliff without WebGPU: sgd thrown by 3.7e4, Rprop converges, the views in w, b and E", async ({ page }) => {
  expect(await openApp(page, '?still=1&gui=0&model=sigmoid&compare=sgd,lr=0.5;clip,lr=0.5,clip=1')).toEqual([]);
  const [rprop, sgd] = await page.evaluate(() => window.rnnlab.runs());
  expect(rprop.costs[rprop.costs.length - 1]).toBeLessThan(1e-9);
  expect(Math.max(...sgd.weights.map((w) => Math.abs(w[0]) + Math.abs(w[1])))).toBeGreaterThan(1e4);
  await expect(page.locator('#runs-caption')).toContainText(/sgd was thrown by a step of 3\.7e4 at iteration \d+: the cliff/);
  await expect(page.locator('#gradcheck')).toContainText('∂E/∂b');
  await expect(page.locator('#colorbar .title')).toHaveText('E');
  await expect(page.locator('#titlebar')).toContainText("Pascanu's cliff");
});
