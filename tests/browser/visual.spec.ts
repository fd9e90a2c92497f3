/**
 * Visual regression: committed baselines of what people see, compared with toHaveScreenshot.
 * Refresh them on purpose with `npm run test:update-snapshots`. Thresholds: VISUAL in helpers.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openGuiFolders, VISUAL } from './helpers';


async function still(page: Page, query: string): Promise<void> {
  const errors = await openApp(page, `?still=1&${query}`);
  expect(errors).toEqual([]);
}

test('tutorial default in 3D', async ({ page }) => {
  await still(page, 'gui=0&layout=3d');
  await expect(page).toHaveScreenshot('tutorial-3d.png', VISUAL);
});

test('the [0, 2]^2 zoom, 2D panels', async ({ page }) => {
  await still(page, 'gui=0&layout=2d&zoom=zoom');
  await expect(page).toHaveScreenshot('zoom-2d.png', VISUAL);
});

test('the gradient-over-time plot', async ({ page }) => {
  await still(page, 'gui=0&frame=40');
  await expect(page.locator('#gradplot-host canvas')).toHaveScreenshot('gradient-over-time.png', VISUAL);
});

test('an exploding start at (1, 2)', async ({ page }) => {
  await still(page, 'gui=0&start=1,2&frame=60&cam=10,40,5.6');
  await expect(page).toHaveScreenshot('exploding-start.png', VISUAL);
});

test('a long sequence with an overflow region', async ({ page }) => {
  await still(page, 'gui=0&preset=random&seed=3&samples=8&seqLen=60');
  await expect(page.locator('#colorbar')).toContainText('overflow');
  await expect(page).toHaveScreenshot('overflow-seqlen60.png', VISUAL);
});

test('the GUI open', async ({ page }) => {
  await still(page, 'gui=1&layout=3d&frame=100');
  await openGuiFolders(page, ['Data', 'Playback']);
  await page.mouse.move(0, 0);
  await expect(page).toHaveScreenshot('gui-open.png', VISUAL);
});

test('two loads of the same still URL give the same pixels', async ({ page }) => {
  const url = 'gui=0&start=0.5,-1.5&frame=123&cam=-20,45,5';
  await still(page, url);
  const first = await page.screenshot();
  await still(page, url);
  const second = await page.screenshot();
  expect(second.equals(first)).toBe(true);
});

test('the suite can fail: a changed parameter breaks the comparison', async ({ page }) => {
  // In update mode this would overwrite the baseline with the changed picture.
  const update = test.info().config.updateSnapshots;
  test.skip(update === 'all' || update === 'changed', 'baselines are being rewritten');
  await still(page, 'gui=0&layout=3d&start=-1.4,2');
  let failure = '';
  try {
    await expect(page).toHaveScreenshot('tutorial-3d.png', { ...VISUAL, timeout: 20_000 });
  } catch (e) {
    failure = (e as Error).message;
  }
  expect(failure).toMatch(/pixels|different/i);
});

test('"copy still link" gives a still URL that reproduces the view', async ({ page }) => {
  await openApp(page, '?play=0&frame=77&cam=15,30,6');
  await page.locator('#gui .lil-title', { hasText: 'View' }).click();
  await page.locator('#gui button', { hasText: 'copy still link' }).click();
  const msg = (await page.locator('#notice').textContent()) ?? '';
  expect(msg).toContain('still=1');
  expect(msg).toContain('frame=77');
  expect(msg).toContain('cam=15,30,6');
});
