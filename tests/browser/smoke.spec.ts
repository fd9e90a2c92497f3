import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the default URL reproduces the tutorial through window.rnnlab', async ({ page }) => {
  const errors = await openApp(page);
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.preset).toBe('tutorial');
  expect(p.start).toEqual([-1.5, 2]);
  const traj = await page.evaluate(() => window.rnnlab.trajectory());
  expect(traj.length).toBe(501);
  const [wx, wRec] = traj[500];
  expect(Math.abs(wx - 1.00135554721)).toBeLessThan(1e-9);
  expect(Math.abs(wRec - 0.999674473785)).toBeLessThan(1e-9);
  await expect(page.locator('#tutorial-check')).toContainText('(1.2, 1.2): pass');
  await expect(page.locator('#trained-output')).toContainText('output 4.9990');
  await expect(page.locator('#status')).toContainText('compute: WebGPU');
  expect(errors).toEqual([]);
});
