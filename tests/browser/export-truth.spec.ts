/**
 * Saved images show what the screen shows: the 3D region of a saved page is the screen's 3D
 * view (same camera, same labels on their plates, nothing laid over the surface), the start's
 * "drag me" hint stays on the screen, and no text of any image runs past its canvas, in every
 * language.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { openApp } from './helpers';
import { crop, differingPixels, fillRect, snapshotPng } from './pixels';

/** The screen's overlays on the 3D view (status, colour bar, readout, caption): an image draws its own colour bar. */
const HIDE_OVERLAYS = '#status, #colorbar, #bottombar, #readout, #caption, #hover, #notice, #messages { visibility: hidden !important; }';

/**
 * The 3D region of an exported page against the screen's 3D view: a pixel counts as different
 * beyond this YIQ distance, and at most this share of the region may. The surface, lines and
 * markers are rendered by the same renderer at the same size (identical pixels); the labels are
 * canvas text on canvas plates instead of HTML text on HTML plates, which antialiases their
 * glyph edges a little differently: 2010 and 2519 pixels of 676,000 (0.30%, 0.37%) in the two
 * views below. A label without its plate changes ~400 pixels, the old translucent box over the
 * legend ~40,000. Outside the labels the two must be exactly equal.
 */
const EXPORT_MATCH = { threshold: 0.1, maxShare: 0.0045 };

async function threeDView(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('#view3d canvas').first().boundingBox();
  expect(box).not.toBeNull();
  return { x: Math.round(box!.x), y: Math.round(box!.y), width: Math.round(box!.width), height: Math.round(box!.height) };
}

/** An exported page whose 3D region is exactly `width` x `height` at scale 1 (the page image's split is 60%). */
function pageSizeFor(width: number, height: number): { width: number; height: number } {
  for (let w = Math.max(1280, Math.floor(width / 0.6) - 3); w < width / 0.6 + 4; w++) if (Math.round(w * 0.6) === width) return { width: w, height };
  throw new Error(`no page width gives a 3D region of ${width}`);
}

// the window's height leaves the 3D view 800 px under the title bar: the saved page is then at scale 1
test.use({ viewport: { width: 1280, height: 832 } });

for (const [name, query] of [
  ['the tutorial', '?still=1&gui=0&frame=60'],
  ['three runs in Chinese', '?still=1&gui=0&lang=zh-Hant&frame=60&compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5&cam=-25,35,5.5'],
] as const)
  test(`the 3D region of a saved page is the screen's 3D view: ${name}`, async ({ page }) => {
    expect(await openApp(page, query)).toEqual([]);
    const view = await threeDView(page);
    expect(view.height).toBe(800);
    const size = pageSizeFor(view.width, view.height);
    const saved = PNG.sync.read(await snapshotPng(page, { panel: 'page', ...size }));
    await page.addStyleTag({ content: HIDE_OVERLAYS });
    const screen = PNG.sync.read(await page.screenshot({ clip: view }));
    const region = crop(saved, 0, 0, view.width, view.height);
    // the start's label says "start" in an image, "start: drag me" on the screen: left out of both
    const start = (await page.locator('.labels3d .label.start').boundingBox())!;
    for (const png of [region, screen]) fillRect(png, Math.floor(start.x - view.x) - 2, Math.floor(start.y - view.y) - 2, Math.ceil(start.width) + 4, Math.ceil(start.height) + 4, [16, 20, 27]);
    // the image's colour bar (at the region's right edge, where the screen has its own): left out of both
    for (const png of [region, screen]) fillRect(png, view.width - 100, 30, 100, 420, [16, 20, 27]);
    const { count, diff } = differingPixels(region, screen, EXPORT_MATCH.threshold);
    const out = test.info().outputPath('3d-region');
    writeFileSync(`${out}-saved.png`, PNG.sync.write(region));
    writeFileSync(`${out}-screen.png`, PNG.sync.write(screen));
    if (diff) writeFileSync(`${out}-diff.png`, diff);
    // everything but the labels (the surface, lines, markers) is the same render: exactly equal
    const labels = await page.locator('.labels3d .label').evaluateAll((els) =>
      els.filter((e) => getComputedStyle(e).visibility !== 'hidden' && (e as HTMLElement).offsetWidth > 0).map((e) => e.getBoundingClientRect().toJSON() as DOMRect),
    );
    expect(labels.length).toBeGreaterThan(15);
    for (const png of [region, screen]) for (const r of labels) fillRect(png, Math.floor(r.x - view.x) - 3, Math.floor(r.y - view.y) - 3, Math.ceil(r.width) + 6, Math.ceil(r.height) + 6, [16, 20, 27]);
    const unlabelled = differingPixels(region, screen, 0).count;
    console.log(`${name}: ${count} of ${view.width * view.height} pixels differ beyond ${EXPORT_MATCH.threshold}; ${unlabelled} at all outside the labels`);
    expect(unlabelled).toBe(0);
    expect(count).toBeLessThanOrEqual(EXPORT_MATCH.maxShare * view.width * view.height);
  });

/** Every fillText into a 2D canvas while `window.recordTexts` is on: the text, where it lands (canvas pixels) and its canvas. */
async function recordTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { recordTexts: boolean; texts: unknown[] };
    w.recordTexts = false;
    w.texts = [];
    const original = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
      if (w.recordTexts && String(text).trim()) {
        const m = this.measureText(text);
        const t = this.getTransform();
        w.texts.push({
          text: String(text),
          font: this.font,
          // the ink's extent around x (alignment included), then through the transform
          left: t.a * (x - m.actualBoundingBoxLeft) + t.e,
          right: t.a * (x + m.actualBoundingBoxRight) + t.e,
          top: t.d * (y - m.actualBoundingBoxAscent) + t.f,
          bottom: t.d * (y + m.actualBoundingBoxDescent) + t.f,
          rotated: t.b !== 0 || t.c !== 0,
          squeezed: maxWidth !== undefined && m.width > maxWidth,
          canvas: [this.canvas.width, this.canvas.height],
        });
      }
      return original.call(this, text, x, y, maxWidth as number);
    };
  });
}

interface DrawnText {
  text: string;
  font: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  rotated: boolean;
  squeezed: boolean;
  canvas: [number, number];
}

async function textsOf(page: Page, opts: { panel: string; width: number; height: number }): Promise<DrawnText[]> {
  return page.evaluate(async (o) => {
    const w = window as unknown as { recordTexts: boolean; texts: DrawnText[] };
    w.texts = [];
    w.recordTexts = true;
    try {
      await window.rnnlab.snapshot(o as never);
    } finally {
      w.recordTexts = false;
    }
    return w.texts;
  }, opts);
}

const RUNS3 = 'compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5';
for (const lang of ['en', 'zh', 'zh-Hant'])
  test(`every text of a saved image lies whole inside its canvas, never squeezed (${lang})`, async ({ page }) => {
    await recordTexts(page);
    expect(await openApp(page, `?still=1&gui=0&lang=${lang}&frame=160&${RUNS3}&atlas=starts&atlasRes=16&iterations=200`)).toEqual([]);
    const problems: string[] = [];
    let drawn = 0;
    for (const [panel, width, height] of [
      ['page', 1280, 720],
      ['page', 1920, 1080],
      ['3d', 1280, 720],
      ['map', 800, 600],
      ['loss', 1280, 720],
      ['gradients', 640, 360],
      ['gradients', 1920, 1080],
      ['atlas', 1280, 720],
    ] as const) {
      const texts = await textsOf(page, { panel, width, height });
      drawn += texts.length;
      for (const t of texts) {
        const [cw, ch] = t.canvas;
        const inside = t.rotated || (t.left >= -0.5 && t.right <= cw + 0.5 && t.top >= -0.5 && t.bottom <= ch + 0.5);
        if (!inside || t.squeezed)
          problems.push(`${panel} ${width}x${height}: "${t.text}" (${t.font}) ${t.squeezed ? 'squeezed' : `at x ${t.left.toFixed(1)}..${t.right.toFixed(1)}, y ${t.top.toFixed(1)}..${t.bottom.toFixed(1)} of ${cw}x${ch}`}`);
      }
    }
    expect(drawn).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

for (const lang of ['en', 'zh-Hant'])
  test(`a saved image says "start", not the screen's "drag me" hint (${lang})`, async ({ page }) => {
    await recordTexts(page);
    expect(await openApp(page, `?still=1&gui=0&lang=${lang}`)).toEqual([]);
    const [hint, start] = await page.evaluate(() => [document.querySelector('.labels3d .label.start')!.textContent!, document.querySelector('html')!.lang]);
    expect(hint).toBe(lang === 'en' ? 'start: drag me' : '起點：拖動我');
    expect(start).toBeTruthy();
    for (const panel of ['page', '3d']) {
      const texts = (await textsOf(page, { panel, width: 1280, height: 720 })).map((t) => t.text);
      expect(texts, panel).not.toContain(hint);
      expect(texts.join('\n'), panel).not.toMatch(/drag me|拖動/);
      expect(texts, panel).toContain(lang === 'en' ? 'start' : '起點');
    }
  });

test('labels keep their dark plates in a saved image', async ({ page }) => {
  expect(await openApp(page, '?still=1&gui=0&frame=60')).toEqual([]);
  const view = await threeDView(page);
  const saved = PNG.sync.read(await snapshotPng(page, { panel: 'page', ...pageSizeFor(view.width, view.height) }));
  // the point labels sit over the surface: inside each plate's padding (left of the text), the plate's colour
  const plates = await page.locator('.labels3d .label.point').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(plates.length).toBe(6);
  for (const r of plates) {
    const x = Math.round(r.x - view.x + 1.5);
    const y = Math.round(r.y - view.y + r.height / 2);
    const k = (y * saved.width + x) * 4;
    const rgb = [saved.data[k], saved.data[k + 1], saved.data[k + 2]];
    // rgba(11, 13, 18, 0.95) over any surface colour: at most 0.95 * 18 + 0.05 * 255 = 29.85 over white
    expect(Math.max(...rgb), `plate at (${x}, ${y}): ${rgb}`).toBeLessThanOrEqual(30);
  }
});

test("a saved lr atlas gives each map its own run's axes: learning rates for sgd and clip, etas for Rprop", async ({ page }) => {
  await recordTexts(page);
  expect(await openApp(page, `?still=1&gui=0&atlas=lr&atlasRes=8&iterations=50&${RUNS3}`)).toEqual([]);
  await page.evaluate(() => window.rnnlab.atlas());
  const texts = await textsOf(page, { panel: 'atlas', width: 1600, height: 600 });
  const labels = texts.filter((t) => t.font.startsWith('600')).map((t) => t.text);
  // three maps: Rprop's over etaPlus x etaMinus, sgd's and clip's over the two learning rates
  expect(labels.filter((l) => /etaPlus/.test(l))).toHaveLength(1);
  expect(labels.filter((l) => /etaMinus/.test(l))).toHaveLength(1);
  expect(labels.filter((l) => l === 'lr of wx')).toHaveLength(2);
  expect(labels.filter((l) => l === 'lr of wRec')).toHaveLength(2);
  // learning-rate ticks at whole decades, as on screen ("1e-4", never "1e-3.83")
  const ticks = texts.filter((t) => !t.font.startsWith('600')).map((t) => t.text);
  expect(ticks.some((t) => /^1e-\d+$/.test(t))).toBe(true);
  expect(ticks.filter((t) => /^1e-\d+\.\d/.test(t))).toEqual([]);
});
