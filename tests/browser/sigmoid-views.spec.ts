/**
 * Pascanu's sigmoid unit in the views (issue 20): the valley line and the point where it ends
 * are drawn where toScreen says, the views name the weights w and b and the height E, sgd is
 * thrown by the cliff (its path leaves the plot), Rprop converges, and the two scenes' pictures.
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp, openGuiFolders, VISUAL } from './helpers';

const CLIFF = 'model=sigmoid&compare=sgd,lr=0.5;clip,lr=0.5,clip=1';

async function still(page: Page, query: string): Promise<void> {
  expect(await openApp(page, `?still=1&${query}`)).toEqual([]);
}

type RGB = [number, number, number];
function px(png: PNG, x: number, y: number): RGB {
  const i = 4 * (Math.round(y) * png.width + Math.round(x));
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}
/** the pixel of the square of half-size r around (x, y) nearest to colour c, and its distance */
function nearest(png: PNG, x: number, y: number, r: number, c: RGB): number {
  let best = Infinity;
  for (let dy = -r; dy <= r; dy++)
    for (let dx = -r; dx <= r; dx++) {
      const p = px(png, x + dx, y + dy);
      best = Math.min(best, Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]));
    }
  return best;
}

test("the map draws the valley line b = logit(target) - target w and its end (4.76, -2.49) where toScreen says, in the model's names", async ({ page }) => {
  await still(page, `gui=0&layout=2d&${CLIFF}&frame=0`);
  const png = PNG.sync.read(await page.screenshot());
  const logit = Math.log(0.7 / 0.3);
  const end = await page.evaluate(() => window.rnnlab.toScreen(1 / 0.21, Math.log(0.7 / 0.3) - 0.7 / 0.21, 'map'));
  expect(end).not.toBeNull();
  // the cyan marked point at the valley's end
  expect(nearest(png, end!.x, end!.y, 2, [0x00, 0xe5, 0xff])).toBeLessThan(40);
  // white dashes along the line: near-white pixels close to three points on it
  for (const w of [0, 1.5, 3]) {
    const at = await page.evaluate(([w, b]) => window.rnnlab.toScreen(w, b, 'map'), [w, logit - 0.7 * w]);
    expect(nearest(png, at!.x, at!.y, 6, [255, 255, 255]), `valley line at w = ${w}`).toBeLessThan(60);
  }
  // away from the line (b 1.5 below it) no white
  const off = await page.evaluate(([w, b]) => window.rnnlab.toScreen(w, b, 'map'), [1.5, logit - 0.7 * 1.5 - 1.5]);
  expect(nearest(png, off!.x, off!.y, 2, [255, 255, 255])).toBeGreaterThan(60);
  // the gradient check in the model's names, at its point
  await expect(page.locator('#gradcheck')).toContainText('∂E/∂w');
  await expect(page.locator('#gradcheck')).toContainText("the model's check at (6.5, -3.2): pass");
});

test("from Pascanu's start sgd is thrown off the plot by the cliff, clip walks down, Rprop converges, and the caption says so", async ({ page }) => {
  await still(page, `gui=0&${CLIFF}`);
  const runs = await page.evaluate(() => window.rnnlab.runs());
  const [rprop, sgd, clip] = runs;
  expect(rprop.costs[rprop.costs.length - 1]).toBeLessThan(1e-9);
  expect(Math.max(...sgd.weights.map((w) => Math.abs(w[0]) + Math.abs(w[1])))).toBeGreaterThan(1e4);
  expect(clip.costs[clip.costs.length - 1]).toBeLessThan(1e-3);
  const caption = await page.locator('#runs-caption, .runs-caption').first().textContent();
  expect(caption).toMatch(/sgd was thrown by a step of 3\.7e4 at iteration \d+: the cliff/);
  expect(caption).toMatch(/rprop converged/);
  await expect(page.locator('#colorbar')).toContainText('E');
  await expect(page.locator('#colorbar')).not.toContainText('cost + 1');
  // the exported page image is made on this model too
  const size = await page.evaluate(async () => (await window.rnnlab.snapshot({ panel: 'page', width: 640, height: 360 })).size);
  expect(size).toBeGreaterThan(10000);
});

test("the scene Pascanu's cliff", async ({ page }) => {
  await still(page, `gui=0&${CLIFF}&frame=120`);
  await expect(page.locator('#titlebar, .titlebar').first()).toContainText("Pascanu's cliff");
  await expect(page).toHaveScreenshot('scene-pascanu-cliff.png', VISUAL);
});

test('the scene the plateau', async ({ page }) => {
  await still(page, `gui=0&${CLIFF}&start=2,-6&frame=120`);
  await expect(page.locator('#titlebar, .titlebar').first()).toContainText('the plateau');
  await expect(page).toHaveScreenshot('scene-plateau.png', VISUAL);
});

test('the Model folder switches to the sigmoid unit at its own range and start, hides the Data folder and names the start w and b', async ({ page }) => {
  expect(await openApp(page, '?gui=1')).toEqual([]);
  const gui = page.locator('#gui');
  const row = (name: string) => gui.locator('.lil-controller', { has: page.locator('.lil-name', { hasText: new RegExp(`^${name}$`) }) });
  await expect(gui.locator('.lil-title', { hasText: /^Data$/ })).toBeVisible();
  await openGuiFolders(page, ['Model']);
  await row('model').locator('select').selectOption({ label: 'sigmoid unit (Pascanu et al. 2013)' });
  await page.evaluate(() => window.rnnlab.ready());
  const p = await page.evaluate(() => window.rnnlab.params());
  expect([p.model, p.start, p.range]).toEqual(['sigmoid', [6.5, -3.2], [-2, 12, -8, 2]]);
  await expect(gui.locator('.lil-title', { hasText: /^Data$/ })).toBeHidden();
  await expect(row('start w')).toBeVisible();
  await expect(row('start b')).toBeVisible();
  await row('steps').locator('input').first().fill('20');
  await row('steps').locator('input').first().press('Enter');
  await page.evaluate(() => window.rnnlab.ready());
  expect((await page.evaluate(() => window.rnnlab.params())).steps).toBe(20);
  await expect(page.locator('#trymodel')).toBeHidden();
});
