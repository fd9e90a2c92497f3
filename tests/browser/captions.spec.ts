/**
 * Issue 16, items 3 to 5, as a user sees them: captions whose words match their numbers, runs
 * named by what tells them apart everywhere they are named, a loss curve and a gradient plot
 * that one diverged run does not flatten, and compared-run edits that never lose a run.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp } from './helpers';

const GD_SCENE = 'compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5';

/** The rows [first, last] of an element's screenshot holding pixels near `rgb`, within the left `xShare` of it. */
async function rowsOf(el: Locator, rgb: [number, number, number], xShare = 1, tol = 40): Promise<[number, number] | null> {
  const png = PNG.sync.read(await el.screenshot());
  let first = -1;
  let last = -1;
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < Math.floor(png.width * xShare); x++) {
      const i = 4 * (y * png.width + x);
      if (Math.abs(png.data[i] - rgb[0]) + Math.abs(png.data[i + 1] - rgb[1]) + Math.abs(png.data[i + 2] - rgb[2]) <= tol) {
        if (first < 0) first = y;
        last = y;
        break;
      }
    }
  return first < 0 ? null : [first, last];
}

async function compareUrl(page: Page): Promise<string | null> {
  return new URL(page.url()).searchParams.get('compare');
}

test.describe('captions say what their numbers say', () => {
  test('at (0.5, 1.2), cost 2.3: no wall; the gradient grows 6.192×, it does not keep its size', async ({ page }) => {
    expect(await openApp(page, '?still=1&frame=0&start=0.5,1.2&range=-10,10,-10,10')).toEqual([]);
    const runs = page.locator('#runs-caption');
    await expect(runs).toContainText('the cost is 2.276');
    await expect(runs).not.toContainText('wall');
    await expect(page.locator('#caption')).toContainText('it grows 6.192× over 10 steps');
    await expect(page.locator('#caption')).not.toContainText('keeps its size');
  });

  test('at the tutorial start the wall is named, and an sgd thrown off it', async ({ page }) => {
    await openApp(page, `?still=1&frame=0&${GD_SCENE}`);
    await expect(page.locator('#runs-caption')).toContainText('a wall');
    await expect(page.locator('#runs-caption')).toContainText('thrown off the wall');
  });
});

test('three sgd runs are named apart in the legend, the caption, the status line, the readout and the atlas titles', async ({ page }) => {
  expect(await openApp(page, '?still=1&frame=30&iterations=40&atlas=starts&atlasRes=16&compare=sgd,lr=0.0001;sgd,lr=0.001;sgd,lr=0.001')).toEqual([]);
  const names = ['sgd (lr 1e-4)', 'sgd (lr 0.001)', 'sgd (lr 0.001) #2'];
  const legend = page.locator('#runs-legend .legend-row .run-name');
  await expect(legend).toHaveText(['rprop (Δ0 0.001, η+ 1.2, η− 0.5)', ...names]);
  for (const [i, name] of names.entries()) {
    await expect(page.locator(`#readout tr[data-run="${i + 1}"] td`).first()).toHaveText(name);
    await expect(page.locator('#runs-caption')).toContainText(`${name} diverged at iteration 2`);
  }
  await expect(page.locator('#status')).toContainText(`${names.join(', ')}.`);
  // each map's title: the run's name as in the legend, then its shares
  await expect(page.locator('#atlas-panel .atlas-title')).toHaveText(['rprop (Δ0 0.001, η+ 1.2, η− 0.5)', ...names].map((n) => new RegExp(`^${n.replace(/[()+]/g, '\\$&')}: `)));
});

test('one diverged run does not squeeze the loss curve: clip keeps its height, sgd is marked at the top', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, `?still=1&frame=0&${GD_SCENE}`);
  const plot = page.locator('#lossplot');
  const height = (await plot.boundingBox())!.height;
  // clip (orange) falls from 6.2e5 to 0.157: 7 of the axis' 12 decades (it had 7 of 58 before)
  const clip = (await rowsOf(plot, [0xe6, 0x9f, 0x00]))!;
  expect(clip[1] - clip[0]).toBeGreaterThan(0.25 * height); // 80 of 229 px (17 before)
  // sgd (sky blue) diverged at 2: on the top edge, its × and what it reached written there
  const sgd = (await rowsOf(plot, [0x56, 0xb4, 0xe9]))!;
  expect(sgd[1]).toBeLessThan(0.25 * height);
});

test('a diverged main run does not flatten the gradient plot: the marked points keep their decades', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?still=1&opt=sgd&frame=2');
  expect((await page.evaluate(() => window.rnnlab.runs()))[0].diverged).toBe(2);
  const plot = page.locator('#gradplot-host canvas');
  const height = (await plot.boundingBox())!.height;
  // (1, 0.5) in magenta: 0.5^10 = 1e-3 over the sequence, 3 decades of the axis (not a flat line at 0)
  const magenta = (await rowsOf(plot, [0xff, 0x4d, 0xff], 0.55))!;
  expect(magenta[1] - magenta[0]).toBeGreaterThan(0.05 * height); // 23 of 240 px (a few before)
});

test.describe('compared-run editing never loses a run', () => {
  const START = 'sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam';

  test('a bad name or value typed into run 2 keeps run 2, said under its line and in the banner', async ({ page }) => {
    await openApp(page, `?play=0&compare=${START}`);
    await page.locator('#gui .lil-title', { hasText: 'Compared runs' }).scrollIntoViewIfNeeded();
    const line = page.locator('#gui .lil-controller', { has: page.locator('.lil-name', { hasText: /^run 2$/ }) });
    const before = await page.evaluate(async () => (await window.rnnlab.runs()).map((r) => [r.opt, r.hyper.lr]));
    expect(before).toEqual([['rprop', 0.01], ['sgd', 0.0001], ['clip', 0.05], ['adam', 0.01]]);
    for (const [typed, said] of [
      ['foo', '"foo" is not an optimiser'],
      ['sgd,lr=abc', '"abc" is not a number'],
    ]) {
      const input = line.locator('input');
      await input.fill(typed);
      await input.press('Enter');
      await page.evaluate(() => window.rnnlab.ready());
      expect(await page.evaluate(async () => (await window.rnnlab.runs()).map((r) => [r.opt, r.hyper.lr]))).toEqual(before);
      expect(await compareUrl(page)).toBe(START);
      const message = page.locator('#gui .compare-message[data-run="2"]');
      await expect(message).toBeVisible();
      await expect(message).toContainText(said);
      await expect(message).toContainText('kept the run as it was: "clip,lr=0.05,clip=0.5"');
      await expect(page.locator('#messages')).toContainText(said);
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(input).toHaveValue('clip,lr=0.05,clip=0.5');
      await expect(page.locator('#gui .compare-message[data-run="1"]')).toBeHidden();
    }
    // a good edit applies and clears the message
    const input = line.locator('input');
    await input.fill('momentum,momentum=0.5');
    await input.press('Enter');
    await page.evaluate(() => window.rnnlab.ready());
    expect(await compareUrl(page)).toBe('sgd,lr=0.0001;momentum,momentum=0.5;adam');
    await expect(page.locator('#gui .compare-message')).toHaveCount(3);
    await expect(page.locator('#gui .compare-message:visible')).toHaveCount(0);
    await expect(page.locator('#messages')).toBeHidden();
  });

  test('in the URL a bad override is dropped with a message naming it; the run stays', async ({ page }) => {
    await openApp(page, '?still=1&compare=sgd,lr=abc;adam');
    expect(await page.evaluate(async () => (await window.rnnlab.runs()).map((r) => r.opt))).toEqual(['rprop', 'sgd', 'adam']);
    await expect(page.locator('#messages')).toContainText('compare: run 1 (sgd) lr: "abc" is not a number; kept the shared value lr = 0.01');
    await expect(page.locator('#gui .compare-message[data-run="1"]')).toContainText('"abc"');
  });
});
