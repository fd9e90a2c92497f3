/**
 * No markup injection: hostile text in every string parameter (URL and setParams) is shown, if at
 * all, as text; nothing it carries runs, and the Content Security Policy allows only the app's
 * own scripts.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

const PAYLOADS = [`<img src=x onerror="window.__pwned=1">`, `"><script>window.__pwned=1</script>`, `'><svg onload=window.__pwned=1>`];
/** every parameter whose value is free text, or text chosen from a list */
const STRING_KEYS = ['data', 'preset', 'test', 'range', 'start', 'backend', 'layout', 'zoom', 'cam', 'opt', 'compare', 'atlas', 'atlasRange', 'seed', 'res'];

async function pwned(page: Page): Promise<boolean> {
  return page.evaluate(() => 'pwned' in window || '__pwned' in window || document.querySelector('img[src="x"], svg[onload], script:not([src])') !== null);
}

test('hostile URL values are never run or parsed as markup', async ({ page }) => {
  for (const payload of PAYLOADS) {
    const query = STRING_KEYS.map((k) => `${k}=${encodeURIComponent(payload)}`).join('&') + `&${encodeURIComponent(payload)}=1`;
    const errors = await openApp(page, `?still=1&${query}`);
    expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
    expect(await pwned(page)).toBe(false);
    // The refused values are reported, as text.
    const shown = await page.locator('#messages').textContent();
    expect(shown).toContain(payload.slice(0, 12));
    expect(await page.locator('#messages img, #messages script, #messages svg').count()).toBe(0);
  }
});

test('hostile values through setParams, the rows editor and the test input are never run', async ({ page }) => {
  await openApp(page, '?still=1');
  for (const payload of PAYLOADS) {
    await page.evaluate(
      async ([keys, p]) => {
        const partial: Record<string, string> = {};
        for (const k of keys) partial[k] = p;
        await window.rnnlab.setParams(partial as never);
      },
      [STRING_KEYS, payload] as const,
    );
    await page.locator('#test-input').fill(payload);
    expect(await pwned(page)).toBe(false);
  }
  // A refused value opens its folder; open Data only if it is still closed.
  const data = page.locator('#gui .lil-title', { hasText: 'Data' });
  if ((await data.getAttribute('aria-expanded')) === 'false') await data.click();
  await page.locator('.rows-editor textarea').fill(PAYLOADS[0]);
  await page.locator('.rows-editor button', { hasText: 'Use these rows' }).click();
  expect(await pwned(page)).toBe(false);
  expect((await page.evaluate(() => window.rnnlab.messages())).join(' ')).toContain('data');
});

test('the Content Security Policy blocks an inline script', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  await openApp(page, '?still=1');
  expect(violations).toEqual([]);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 1';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return '__pwned' in window;
  });
  expect(ran).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
});
