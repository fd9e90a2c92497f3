import { expect, test } from '@playwright/test';

test('default URL reproduces the tutorial through window.rnnlab', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const traj = await page.evaluate(() => window.rnnlab.trajectory());
  expect(traj.length).toBe(501);
  const [wx, wRec] = traj[500];
  expect(Math.abs(wx - 1.00135554721)).toBeLessThan(1e-9);
  expect(Math.abs(wRec - 0.999674473785)).toBeLessThan(1e-9);
  await expect(page.locator('body')).toContainText('pass');
  expect(errors).toEqual([]);
});
