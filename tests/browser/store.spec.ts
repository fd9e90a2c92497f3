/** The store in the page: changes that do not come from setParams still land in the parameters and the URL. */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the end of playback: play off, the last iteration shown, in params() and in the URL', async ({ page }) => {
  const errors = await openApp(page, '?iterations=30&speed=1000&gui=0');
  await expect.poll(() => page.evaluate(() => window.rnnlab.params().play), { timeout: 30_000 }).toBe(false);
  expect(await page.evaluate(() => window.rnnlab.params().frame)).toBe(30);
  await expect.poll(() => page.url()).toContain('iterations=30&speed=1000&play=0&frame=30&gui=0');
  expect(errors).toEqual([]);
});

test('the camera: where an orbit stops is in params() and in the URL, as the URL rounds it', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&layout=3d&gui=0');
  const box = (await page.locator('#view3d canvas').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 80, y + 10, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => window.rnnlab.params().cam[0])).not.toBe(35);
  const cam = await page.evaluate(() => window.rnnlab.params().cam);
  expect(new URL(page.url()).searchParams.get('cam')).toBe(cam.join(','));
  expect(errors).toEqual([]);
});
