/**
 * Embed mode (embed=1): inside an iframe, as a slide deck embeds it, the control panel and the
 * status text are hidden, a small link opens the full app, and the keyboard shortcuts work once
 * the iframe has focus.
 */
import { expect, test } from '@playwright/test';

test('embed=1 in an iframe: no panel, no status text, an "open full app" link; keys work in the focused iframe', async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setContent(`<iframe id="deck" src="${baseURL}/?embed=1&play=0&frame=10" style="width:960px;height:540px;border:0"></iframe>`);
  const frame = (await (await page.$('#deck'))!.contentFrame())!;
  await frame.waitForFunction(() => 'rnnlab' in window);
  await frame.evaluate(() => window.rnnlab.ready());
  const f = page.frameLocator('#deck');
  await expect(f.locator('#gui')).toBeHidden();
  await expect(f.locator('#status')).toBeHidden();
  await expect(f.locator('#status')).not.toBeEmpty(); // there is status text, and it is hidden
  const link = f.locator('#embed-link');
  await expect(link).toBeVisible();
  await expect(link).toHaveText(/open full app/);
  await expect(link).toHaveAttribute('target', '_blank');
  // the same view, without embed
  expect(await link.getAttribute('href')).toBe(`${baseURL}/?play=0&frame=10`);

  // focus the iframe with a mouse click on the 3D view's empty corner (a click without a drag
  // changes nothing there), then the keys
  await f.locator('#view3d canvas').click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await frame.evaluate(() => window.rnnlab.ready());
  expect(await frame.evaluate(() => window.rnnlab.params().frame)).toBe(12);
  await page.keyboard.press('Space');
  expect(await frame.evaluate(() => window.rnnlab.params().play)).toBe(true);
  await page.keyboard.press('?');
  await expect(f.locator('#help')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(f.locator('#help')).toBeHidden();
  // the link follows the view
  await page.keyboard.press('Space');
  await expect.poll(async () => link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?play=0&frame=\d+$/);
  expect(errors).toEqual([]);
});

test('without embed the panel and the status text are there and the link is not', async ({ page }) => {
  await page.goto('/?still=1');
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  await expect(page.locator('#gui')).toBeVisible();
  await expect(page.locator('#status')).toBeVisible();
  await expect(page.locator('#embed-link')).toBeHidden();
  // and turning embed on from a script hides them
  await page.evaluate(() => window.rnnlab.setParams({ embed: true }));
  await expect(page.locator('#gui')).toBeHidden();
  await expect(page.locator('#status')).toBeHidden();
  await expect(page.locator('#embed-link')).toBeVisible();
  expect(page.url()).toMatch(/[?&]embed=1/);
});
