import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

/**
 * The note beside a start outside the plotted window is drawn whole inside the map, in as many
 * lines as the map's width needs: the zoomed map ([0, 2]^2) can be narrower than the sentence,
 * which was then cut at the canvas's edge ("art (-1.5, 2)…").
 */
const NOTE = { en: 'start (-1.5, 2) is outside the range: marked at its edge', 'zh-Hant': '起點 (-1.5, 2) 在範圍之外：標在邊緣處' };
for (const [name, query, lang] of [
  ['zoomed map, both layouts', '?still=1&zoom=zoom', 'en'],
  ['zoomed map, 2D only, presentation mode', '?still=1&zoom=zoom&layout=2d&present=1', 'en'],
  ['zoomed map, presentation mode', '?still=1&zoom=zoom&present=1', 'en'],
  ['zoomed map, zh-Hant', '?still=1&zoom=zoom&lang=zh-Hant', 'zh-Hant'],
] as const)
  test(`a start outside the window: its note lies whole inside the map (${name})`, async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { mapTexts: { text: string; left: number; right: number; canvasWidth: number }[] };
      w.mapTexts = [];
      const original = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
        const t = this.getTransform();
        if (this.canvas.classList.contains('heatmap') && t.b === 0 && t.c === 0) {
          const m = this.measureText(text);
          w.mapTexts.push({ text: String(text), left: t.a * (x - m.actualBoundingBoxLeft) + t.e, right: t.a * (x + m.actualBoundingBoxRight) + t.e, canvasWidth: this.canvas.width });
        }
        return original.call(this, text, x, y, maxWidth as number);
      };
    });
    expect(await openApp(page, `${query}&lang=${lang}`)).toEqual([]);
    const texts = await page.evaluate(() => (window as unknown as { mapTexts: { text: string; left: number; right: number; canvasWidth: number }[] }).mapTexts);
    const squash = (s: string) => s.replace(/\s+/g, '');
    // the note's lines, in order, make the whole sentence
    expect(squash(texts.map((t) => t.text).join(''))).toContain(squash(NOTE[lang]));
    for (const t of texts) {
      expect(t.left, t.text).toBeGreaterThanOrEqual(0);
      expect(t.right, t.text).toBeLessThanOrEqual(t.canvasWidth);
    }
  });
