/**
 * The stability line's label on the 2D map never hides the start or a run's current point: in
 * "why one learning rate cannot work" at 1920x1080 in presentation mode the map is small and the
 * label's first place (above right of the line's middle) is where the tutorial's start is.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { colourAt } from './pixels';
import { THEME } from '../../src/present/theme';

const SCENE = '?opt=sgd&lr=0.0001&compare=rprop&colorBy=sharpness&plots=sharpness&sweep=lr&present=1&play=0&frame=0';
const hex = (css: string) => [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16));

test.use({ viewport: { width: 1920, height: 1080 } });

test('the start is visible on the sharpness map beside the stability label', async ({ page }) => {
  await openApp(page, SCENE);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const p = await page.evaluate(() => window.rnnlab.toScreen(-1.5, 2, 'map'));
  expect(p, 'the start is inside the map').not.toBeNull();
  const [r, g, b] = await colourAt(page, p!.x - (await page.evaluate(() => window.scrollX)), p!.y - (await page.evaluate(() => window.scrollY)), 1);
  const [mr, mg, mb] = hex(THEME.marker);
  expect(Math.hypot(r - mr, g - mg, b - mb), `start's disc at (${p!.x}, ${p!.y}) is ${r},${g},${b}`).toBeLessThan(60);
});
