/**
 * The 3D view's axis labels: an axis whose title has to give way (it would cover the readout, the
 * caption or the panel) hides its tick numbers too, so that no lone number (a stray "3") floats
 * beside the readout without the axis it belongs to.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

for (const [w, h] of [[1920, 1080], [1280, 800]] as const) {
  test(`presentation mode at ${w}x${h}: no tick number of an axis whose title is hidden`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: w, height: h });
    expect(await openApp(page, '?still=1&frame=45&present=1')).toEqual([]);
    const axes = await page.evaluate(() => {
      const shown = (e: Element) => getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).display !== 'none';
      return [...document.querySelectorAll<HTMLElement>('.label.axis[data-axis]')].map((title) => {
        const ticks = [...document.querySelectorAll<HTMLElement>(`.label.tick[data-axis="${title.dataset.axis}"]`)];
        return { axis: title.dataset.axis, title: shown(title), ticks: ticks.length, shownTicks: ticks.filter(shown).map((e) => e.textContent) };
      });
    });
    expect(axes.map((a) => a.axis).sort()).toEqual(['cost', 'wRec', 'wx']);
    for (const a of axes) {
      expect(a.ticks, a.axis).toBeGreaterThan(1);
      if (!a.title) expect(a.shownTicks, `${a.axis}: its title is hidden`).toEqual([]);
    }
  });
}
