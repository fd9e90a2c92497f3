/**
 * The visual thresholds (VISUAL in helpers.ts) see a wrong picture: each test makes one, compares
 * it with the committed baseline by Playwright's own comparator at VISUAL's threshold and pixel
 * count, and expects the comparison to fail; the right picture, taken the same way, passes it.
 * Not a font check: only the webgpu project runs it.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { openApp, VISUAL_MAX_DIFF_PIXELS, VISUAL_THRESHOLD } from './helpers';
import { differingPixels } from './pixels';

test.beforeEach(() => {
  const update = test.info().config.updateSnapshots;
  test.skip(update === 'all' || update === 'changed', 'baselines are being rewritten');
});

const baseline = (name: string) => readFileSync(fileURLToPath(new URL(`./visual.spec.ts-snapshots/${name}-webgpu-linux.png`, import.meta.url)));

/** Pixels that differ from the baseline as toHaveScreenshot(name, VISUAL) counts them. */
function visualDiff(actual: Buffer | PNG, name: string): number {
  return differingPixels(actual, baseline(name), VISUAL_THRESHOLD).count;
}

function expectRightAndWrong(what: string, right: number, wrong: number): void {
  console.log(`${what}: the right picture differs in ${right} pixels, the wrong one in ${wrong} (fails above ${VISUAL_MAX_DIFF_PIXELS})`);
  expect(right, 'the right picture passes').toBeLessThanOrEqual(VISUAL_MAX_DIFF_PIXELS);
  expect(wrong, 'the wrong picture fails').toBeGreaterThan(VISUAL_MAX_DIFF_PIXELS);
}

async function still(page: Page, query: string): Promise<Buffer> {
  expect(await openApp(page, `?still=1&${query}`)).toEqual([]);
  return page.screenshot({ animations: 'disabled', caret: 'hide' });
}

test('the suite can fail: the Rprop path removed from the tutorial 3D view', async ({ page }) => {
  const right = await still(page, 'gui=0&layout=3d');
  // the same view at iteration 0 (the path not yet drawn): its pixels replace the path's, except
  // in the readout, caption, status and colour bar (text that says the iteration, not the path)
  const first = PNG.sync.read(await still(page, 'gui=0&layout=3d&frame=0'));
  const text = await page.evaluate(() => ['#bottombar', '#status', '#colorbar'].map((s) => document.querySelector(s)!.getBoundingClientRect().toJSON() as DOMRect));
  const wrong = PNG.sync.read(right);
  let replaced = 0;
  for (let y = 0; y < wrong.height; y++)
    for (let x = 0; x < wrong.width; x++) {
      if (text.some((r) => x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2)) continue;
      const k = (y * wrong.width + x) * 4;
      if (wrong.data.readUInt32BE(k) === first.data.readUInt32BE(k)) continue;
      first.data.copy(wrong.data, k, k, k + 4);
      replaced++;
    }
  expect(replaced, 'the path covers pixels').toBeGreaterThan(500);
  expectRightAndWrong('path removed', visualDiff(right, 'tutorial-3d'), visualDiff(wrong, 'tutorial-3d'));
});

test('the suite can fail: the colour map shifted by 5%', async ({ page }) => {
  const right = await still(page, 'gui=0&layout=2d&zoom=zoom');
  await page.addInitScript(() => ((window as unknown as { rnnlabDebugFlags: object }).rnnlabDebugFlags = { colourMapShift: 0.05 }));
  const wrong = await still(page, 'gui=0&layout=2d&zoom=zoom');
  expectRightAndWrong('colour map shifted by 5%', visualDiff(right, 'zoom-2d'), visualDiff(wrong, 'zoom-2d'));
});

test('the suite can fail: one label moved by 3 px', async ({ page }) => {
  const right = await still(page, 'gui=0&layout=3d');
  // the smallest label: a tick (margin moves it; neither the label renderer nor the layout sets margins)
  const tick = page.locator('.labels3d .label.tick', { hasText: /^-3$/ }).first();
  const before = (await tick.boundingBox())!;
  await tick.evaluate((e) => ((e as HTMLElement).style.marginLeft = '3px'));
  expect((await tick.boundingBox())!.x - before.x).toBeCloseTo(3, 1);
  const wrong = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  expectRightAndWrong('tick label moved 3 px', visualDiff(right, 'tutorial-3d'), visualDiff(wrong, 'tutorial-3d'));
});
