import { expect, type Page } from '@playwright/test';
import type { SurfaceMethod } from '../../src/gpu/backend';
import type { Params } from '../../src/state/schema';

export interface PlainGrid {
  wx: number[];
  wRec: number[];
  cost: number[];
  wxGrad: number[];
  wRecGrad: number[];
}

/** Opens the app and waits until it is ready; collects console errors into the returned list. */
export async function openApp(page: Page, query = ''): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  return errors;
}

/**
 * Opens these control-panel folders (by title) and waits until they are fully open: lil-gui
 * opens a folder over two animation frames, then a height transition; a screenshot taken before
 * its end catches the rows below at a height in between (a shift of a pixel or more).
 */
export async function openGuiFolders(page: Page, titles: readonly string[]): Promise<void> {
  for (const title of titles) {
    await page.locator('#gui .lil-title', { hasText: title }).click();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForFunction(() => !document.querySelector('#gui .lil-transition'));
  }
}

/** A surface by a chosen method on the active backend, as plain arrays (Infinity survives). */
export async function debugSurface(page: Page, method: SurfaceMethod, params: Partial<Params>): Promise<PlainGrid> {
  return page.evaluate(
    async ([m, p]) => {
      const s = await window.rnnlabDebug.surface(m, p);
      return {
        wx: Array.from(s.wx),
        wRec: Array.from(s.wRec),
        cost: Array.from(s.cost),
        wxGrad: Array.from(s.wxGrad),
        wRecGrad: Array.from(s.wRecGrad),
      };
    },
    [method, params] as const,
  );
}

/**
 * Visual regression: committed baselines of what people see, compared with toHaveScreenshot
 * (Playwright's pixelmatch comparator). Refresh them on purpose with `npm run
 * test:update-snapshots` (scripts/update-snapshots.mjs: it prints what changed per baseline).
 *
 * Set between the noise and the smallest wrong picture, both measured (SwiftShader, 1280x800;
 * tests/browser/visual-can-fail.spec.ts makes each wrong picture and expects the failure):
 * - noise: 0 pixels. Every baseline (visual, example-visual-check, optimisers, i18n on webgpu,
 *   visual on webgpu-dejavu-only, visual-nowebgpu on nowebgpu), run twice, matched its baseline
 *   with threshold 0 and maxDiffPixels 0: SwiftShader and the bundled fonts render the same
 *   bytes every time, whatever the system's fonts.
 * - threshold VISUAL_THRESHOLD (YIQ colour distance, 0..1, under which two pixels count as
 *   equal): the colour map shifted by 5% of its scale (rnnlabDebugFlags.colourMapShift) moves
 *   each surface pixel by about 0.03..0.05. On the zoom view it differs in 161,858 pixels at
 *   0.03, 10,479 at 0.05 and none at 0.1 (the old 0.15 let a 10% shift pass).
 * - maxDiffPixels VISUAL_MAX_DIFF_PIXELS (an absolute count: a ratio of 1280x800 allowed 2048,
 *   more than a whole run's path): at threshold 0.03 one tick label ("-3") moved 3 px differs in
 *   84 pixels (an axis label 196, a point label 444), the Rprop path removed from the tutorial's
 *   3D view 1,183. 40 is half the smallest of these and far above the measured noise.
 */
export const VISUAL_THRESHOLD = 0.03;
export const VISUAL_MAX_DIFF_PIXELS = 40;
export const VISUAL = { threshold: VISUAL_THRESHOLD, maxDiffPixels: VISUAL_MAX_DIFF_PIXELS, animations: 'disabled', caret: 'hide', timeout: 60_000 } as const;

/** Page coordinates of a surface point, asserting that it is visible. */
export async function screenOf(page: Page, wx: number, wRec: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([a, b]) => window.rnnlab.toScreen(a, b), [wx, wRec]);
  expect(p, `(${wx}, ${wRec}) visible`).not.toBeNull();
  return p!;
}

/** Presses the mouse at one surface point, moves in steps to another and releases. */
export async function dragBetween(page: Page, from: [number, number], to: [number, number], steps: number): Promise<void> {
  const a = await screenOf(page, ...from);
  const b = await screenOf(page, ...to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
  await page.mouse.up();
  await page.evaluate(() => window.rnnlab.ready());
}
