/**
 * Every glyph from a bundled font: Chromium says (DevTools CSS.getPlatformFontsForNode) which
 * fonts rendered each text node; any font that the app does not ship fails the test. Canvas text
 * cannot be asked directly, so every string a canvas draws is recorded and set in a span with the
 * canvas's font, then asked the same way.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { mirrorCanvasTexts, notBundled, recordCanvasTexts } from './fontCheck';

test.beforeEach(async ({ page }) => recordCanvasTexts(page));

test('every text node and every canvas string is drawn with a bundled font', async ({ page }) => {
  expect(await openApp(page, '?frame=40&play=0')).toEqual([]);
  // Open every folder and the help, so that all their text is laid out.
  for (const title of await page.locator('#gui .lil-title').all()) if ((await title.getAttribute('aria-expanded')) === 'false') await title.click();
  await page.keyboard.press('?');
  await page.setViewportSize({ width: 1280, height: 3000 });
  await page.evaluate(() => window.rnnlab.ready());
  // the exported images draw their own text (legend, colour bar, 3D labels, titles): record it too
  await page.evaluate(() => window.rnnlab.snapshot({ panel: 'page', width: 1280, height: 720 }));
  expect(await mirrorCanvasTexts(page)).toBeGreaterThan(10);
  expect(await notBundled(page)).toEqual([]);
});

/** One div per character in this font, so that Chromium reports the fonts of each character alone. */
async function charDivs(page: Page, font: string, chars: string): Promise<void> {
  await page.evaluate(
    ([f, text]) => {
      for (const ch of text.replace(/ /g, '')) {
        const div = document.createElement('div');
        div.style.font = f;
        div.textContent = `${ch} in ${f}`;
        document.body.append(div);
      }
    },
    [font, chars] as const,
  );
}

/**
 * The monospace font is used only in the inputs (style.css: the panel's fields, the test input,
 * the rows editor), whose text the app writes from ASCII: numbers, data rows, `sgd,lr=1e-4;…`.
 * Every printable ASCII character must come from the bundled JetBrains Mono.
 */
const MONO_CHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

test('the characters the app draws are all in the bundled fonts', async ({ page }) => {
  await openApp(page, '?still=1');
  // Arrows, superscripts, Greek, the partial sign, the minus sign, <=, x, middle dot, ellipsis and the like.
  const chars = '→←↑↓↺↗⁰¹²³⁴⁵⁶⁷⁸⁹⁻ΔδηβεΣ∂≤≥≈×·…−–—±√∞°²½▶◀⏸ wx wRec 0123456789';
  for (const font of ['400 15px Inter', '600 15px Inter']) await charDivs(page, font, chars);
  await charDivs(page, "400 15px 'JetBrains Mono'", MONO_CHARS);
  expect(await notBundled(page)).toEqual([]);
});

test('the check can fail: a character missing from the monospace font is reported', async ({ page }) => {
  await openApp(page, '?still=1');
  // Greek is not in the bundled JetBrains Mono subset: the system fallback draws it
  await charDivs(page, "400 15px 'JetBrains Mono'", `${MONO_CHARS}Δ`);
  const problems = await notBundled(page);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^"Δ in 400 15px 'JetBrains Mono'" rendered with .*\(system\)/);
});

test('the check can fail: a system font is reported', async ({ page }) => {
  await openApp(page, '?still=1');
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.style.fontFamily = 'DejaVu Sans, Liberation Sans, sans-serif';
    div.textContent = 'drawn in a system font';
    document.body.append(div);
  });
  expect((await notBundled(page)).join('\n')).toContain('drawn in a system font');
});
