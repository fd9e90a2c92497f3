/**
 * `data-figure`: each figure's element is named for Playwright users' own checks
 * (`page.locator('[data-figure=map]').screenshot()`, see README "Using it in your own visual
 * checks"). Each name is on exactly one element, shown, holding its figure's drawing, and an
 * element screenshot of it is that figure (drawn: many colours, the element's size).
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp } from './helpers';

/** the figure's name and the drawing its element must hold */
const FIGURES: [string, string][] = [
  ['surface3d', 'canvas'],
  ['map', 'canvas.heatmap'],
  ['gradients', 'canvas.gradplot'],
  ['loss', '.uplot canvas'],
];

async function checkFigure(page: Page, name: string, drawing: string): Promise<void> {
  const fig = page.locator(`[data-figure=${name}]`);
  await expect(fig, name).toHaveCount(1);
  await expect(fig, name).toBeVisible();
  const box = (await fig.boundingBox())!;
  await expect(fig.locator(drawing).first(), `${name} holds ${drawing}`).toBeAttached({ timeout: 2000 });
  const inner = (await fig.locator(drawing).first().boundingBox())!;
  // the drawing lies inside the element (1 px for rounding), so the element's picture holds it
  expect(inner.x).toBeGreaterThanOrEqual(box.x - 1);
  expect(inner.y).toBeGreaterThanOrEqual(box.y - 1);
  expect(inner.x + inner.width).toBeLessThanOrEqual(box.x + box.width + 1.5);
  expect(inner.y + inner.height).toBeLessThanOrEqual(box.y + box.height + 1.5);
  expect(inner.width * inner.height, `${name}: most of the element is the drawing`).toBeGreaterThan(0.5 * box.width * box.height);
  const png = PNG.sync.read(await fig.screenshot());
  expect(Math.abs(png.width - box.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(png.height - box.height)).toBeLessThanOrEqual(1);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  expect(colours.size, `${name}: a drawn figure, not a blank box`).toBeGreaterThan(50);
}

test('data-figure: surface3d, map, gradients and loss each name one shown element holding that figure (layout both)', async ({ page }) => {
  const errors = await openApp(page, '?play=0&frame=40');
  for (const [name, drawing] of FIGURES) await checkFigure(page, name, drawing);
  // no atlas without atlas=…: its element is there but not shown
  await expect(page.locator('[data-figure=atlas]')).toHaveCount(1);
  await expect(page.locator('[data-figure=atlas]')).toBeHidden();
  // the lesson's figures are there but not shown without plots=… or sweep=…
  for (const lesson of ['sharpness', 'steps', 'sweep']) await expect(page.locator(`[data-figure=${lesson}]`)).toBeHidden();
  expect(await page.locator('[data-figure]').evaluateAll((es) => es.map((e) => e.getAttribute('data-figure')).sort())).toEqual(
    ['atlas', 'gradients', 'loss', 'map', 'sharpness', 'steps', 'surface3d', 'sweep'],
  );
  expect(errors).toEqual([]);
});

test('data-figure: atlas names the shown atlas (atlas=starts), the other four stay', async ({ page }) => {
  await openApp(page, '?play=0&frame=40&atlas=starts&atlasRes=16');
  await checkFigure(page, 'atlas', 'canvas.atlas-map');
  for (const [name, drawing] of FIGURES) await checkFigure(page, name, drawing);
});

test('data-figure: layouts 3d and 2d show only their figures', async ({ page }) => {
  await openApp(page, '?play=0&frame=40&layout=3d');
  await checkFigure(page, 'surface3d', 'canvas');
  for (const name of ['map', 'gradients', 'loss']) await expect(page.locator(`[data-figure=${name}]`)).toBeHidden();
  await page.evaluate(() => window.rnnlab.setParams({ layout: '2d' }));
  await expect(page.locator('[data-figure=surface3d]')).toBeHidden();
  for (const [name, drawing] of FIGURES.slice(1)) await checkFigure(page, name, drawing);
});
