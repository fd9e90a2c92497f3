import { expect, type Page } from '@playwright/test';
import type { SurfaceMethod } from '../../src/gpu/backend';
import type { Params } from '../../src/params';

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
 * Visual regression: committed baselines of what people see, compared with toHaveScreenshot.
 * Refresh them on purpose with `npm run test:update-snapshots`.
 *
 * Thresholds (one setting for the whole suite):
 * - threshold 0.15: per-pixel colour distance (YIQ, 0..1) under which two pixels count as equal.
 *   SwiftShader renders the same pixels run after run (the determinism test below asks for
 *   identical bytes); 0.15 only forgives anti-aliasing shifts of a shade at label and line edges.
 * - maxDiffPixelRatio 0.002: at most 0.2% of the pixels (about 2000 of 1280x800) may differ by
 *   more than that. The smallest change that matters, the start moved by 0.1 (see the last test),
 *   moves the whole trajectory and changes far more than that.
 */
export const VISUAL = { threshold: 0.15, maxDiffPixelRatio: 0.002, animations: 'disabled', caret: 'hide', timeout: 60_000 } as const;

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
