/**
 * Each model frames itself: the sigmoid unit's scenes open with a camera that faces the cliff
 * (the start, the cliff and the valley's end seen, not hidden behind the plateau), and the 2D
 * map's zoom is the model's own window, named after it in the panel.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, openGuiFolders } from './helpers';

type Box = { x: number; y: number; width: number; height: number };
const inside = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

/** Each point is seen on the 3D view (toScreen: in the picture and not hidden by the surface) and on its canvas. */
async function seenIn3d(page: Page, points: [number, number][], where: string): Promise<void> {
  const canvas = (await page.locator('#view3d canvas').first().boundingBox())!;
  for (const [w, b] of points) {
    const p = await page.evaluate(([x, y]) => window.rnnlab.toScreen(x, y, '3d'), [w, b] as [number, number]);
    expect(p, `${where}: (${w}, ${b}) seen`).not.toBeNull();
    expect(inside(p!, canvas), `${where}: (${w}, ${b}) at ${JSON.stringify(p)} on the 3D view ${JSON.stringify(canvas)}`).toBe(true);
  }
}

/** the sigmoid unit's default start on the cliff, where the valley ends (w = 1/(0.7 * 0.3)), the plateau's point, and the corners of its range */
const SIGMOID_POINTS: [number, number][] = [[6.5, -3.2], [1 / 0.21, Math.log(0.7 / 0.3) - 0.7 / 0.21], [2, -6]];
const SIGMOID_CORNERS: [number, number][] = [[-2, -8], [-2, 2], [12, -8], [12, 2]];

for (const [scene, query] of [
  ["Pascanu's cliff", 'model=sigmoid&compare=sgd,lr=0.5;clip,lr=0.5,clip=1'],
  ['the plateau', 'model=sigmoid&start=2,-6&compare=sgd,lr=0.5;clip,lr=0.5,clip=1'],
] as const)
  test(`${scene}: the default camera shows the start, the cliff, the valley's end and the plateau, and the whole surface, with the panel folded or open`, async ({ page }) => {
    const errors = await openApp(page, `?play=0&frame=200&${query}`);
    await expect(page.locator('#scene-title')).toHaveText(scene);
    // the panel open: the 3D view starts right of it, narrower
    await expect(page.locator('#gui')).toBeVisible();
    await seenIn3d(page, [...SIGMOID_POINTS, ...SIGMOID_CORNERS], `${scene}, panel open`);
    await page.locator('#panel-button').click();
    await expect(page.locator('#gui')).toBeHidden();
    await page.evaluate(() => window.rnnlab.ready());
    await seenIn3d(page, [...SIGMOID_POINTS, ...SIGMOID_CORNERS], `${scene}, panel folded`);
    expect(errors).toEqual([]);
  });

test("the 2D map's zoom is the model's window: the cliff's for the sigmoid unit, [0, 2]² for the linear RNN, each named in the panel", async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=0&layout=2d&zoom=zoom&model=sigmoid');
  const map = (w: number, b: number) => page.evaluate(([x, y]) => window.rnnlab.toScreen(x, y, 'map'), [w, b] as [number, number]);
  // the default start on the cliff and the valley's end are inside the window, the plateau's point is not
  for (const [w, b] of SIGMOID_POINTS.slice(0, 2)) expect(await map(w, b), `(${w}, ${b}) on the zoomed map`).not.toBeNull();
  expect(await map(2, -6)).toBeNull();
  expect(await map(1, 1)).toBeNull();
  await openGuiFolders(page, ['View']);
  const option = page.locator('#gui .lil-controller', { hasText: '2D panel' });
  await expect(option.locator('.lil-display')).toHaveText('zoom [3, 8] × [-5, 0]');
  // the linear RNN: the tutorial's [0, 2]² again
  await page.evaluate(() => window.rnnlab.setParams({ model: 'linear' }));
  await page.evaluate(() => window.rnnlab.ready());
  await expect(option.locator('.lil-display')).toHaveText('zoom [0, 2]²');
  expect(await map(1, 1)).not.toBeNull();
  expect(await map(6.5 / 5, -0.5)).toBeNull();
  expect(errors).toEqual([]);
});
