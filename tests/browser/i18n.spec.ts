/**
 * The Chinese UI (lang=zh Simplified, lang=zh-Hant Traditional): no English UI string is left
 * (every text node, tooltip, aria-label, option and every string a canvas draws, the exported
 * image's included), every glyph comes from a bundled font, the page says its language, a
 * language change keeps the view, and pictures against baselines.
 */
import { expect, test, type Page } from '@playwright/test';
import { OPTIMISERS } from '../../src/model/optimiserSpec';
import { PARAM_KEYS } from '../../src/state/schema';
import { mirrorCanvasTexts, notBundled, recordCanvasTexts } from './fontCheck';
import { openApp, openGuiFolders, VISUAL } from './helpers';

test.beforeEach(async ({ page }) => recordCanvasTexts(page));

/** A view with something in every panel: compared runs, the atlas, a clamp message. */
const RICH = 'frame=40&play=0&compare=sgd,lr=0.0001;adam&atlas=starts&atlasRes=16&speed=5000';

/**
 * What stays Latin in every language: names the user types or reads in code and in the URL
 * (weights, parameters, optimisers), file formats, APIs, the adapter's name, units and people.
 */
const KEPT = new Set([
  ...PARAM_KEYS,
  ...OPTIMISERS.flatMap((o) => [o, o.replace(/[+-]$/, '')]),
  ...['Pascanu', 'sigmoid', 'x_steps', 'dE', 'dx_k'],
  ...['wx', 'wRec', 'Rprop', 'iRprop', 'RNN', 'BPTT', 'Adam', 'Lab', 'lr', 'Δmin', 'Δmax', 'etaPlus', 'etaMinus', 'log', 'log10', 'symlog', 'dC', 'dS_k', 'rtol', 'e-5', 'max', 'min'],
  ...['WebGPU', 'WebGL', 'WebGL2', 'GPU', 'CPU', 'Web', 'Worker', 'float32', 'float64', 'PNG', 'CSV', 'JSON', 'NumPy', 'npy', 'Esc', 'Shift', 'PageDown', 'PageUp', 'English', 'Peter', 'Roelants'],
  // the software adapter's own name, as the browser reports it
  ...['SwiftShader', 'swiftshader', 'Device', 'Subzero', 'Google', 'google', 'Vulkan', 'ANGLE', 'Inc', 'LLVM', 'software'],
]);

/** Every piece of text the page shows or tells (text nodes, tooltips, labels) and every canvas string. */
async function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (parent && ['SCRIPT', 'STYLE'].includes(parent.tagName)) continue;
      if (parent?.closest('#canvas-text-mirror')) continue;
      if (n.nodeValue?.trim()) out.push(n.nodeValue.trim());
    }
    for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]'))
      for (const a of ['title', 'aria-label', 'placeholder']) if (e.getAttribute(a)?.trim()) out.push(e.getAttribute(a)!.trim());
    out.push(document.title);
    for (const [, text] of (window as unknown as { canvasTexts: [string, string][] }).canvasTexts) if (text.trim()) out.push(text.trim());
    return [...new Set(out)];
  });
}

/** The Latin words of a text that are not in KEPT (a URL in a message is fine). */
function englishWords(text: string): string[] {
  const stripped = text.replace(/https?:\/\/\S+/g, '').replace(/\?\S+=\S*/g, '');
  return (stripped.match(/[A-Za-z][A-Za-z0-9_+\-Δ]*/g) ?? []).filter((w) => !KEPT.has(w) && !/^[a-zA-Z]$/.test(w) && !/^\d*e[+-]?\d+$/.test(w));
}

async function openEverything(page: Page): Promise<void> {
  for (const title of await page.locator('#gui .lil-title').all()) if ((await title.getAttribute('aria-expanded')) === 'false') await title.click();
  await page.keyboard.press('?');
  await page.setViewportSize({ width: 1280, height: 3000 });
  await page.evaluate(() => window.rnnlab.ready());
  await page.evaluate(() => window.rnnlab.snapshot({ panel: 'page', width: 1280, height: 720 }));
  await page.evaluate(() => window.rnnlab.snapshot({ panel: 'atlas', width: 1280, height: 720 }));
}

for (const [lang, htmlLang, controls] of [
  ['zh', 'zh-Hans', 'RNN 实验室：控制面板'],
  ['zh-Hant', 'zh-Hant', 'RNN 實驗室：控制面板'],
] as const) {
  test(`lang=${lang}: no English UI string is left, and every glyph is from a bundled font`, async ({ page }) => {
    expect(await openApp(page, `?lang=${lang}&${RICH}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(htmlLang);
    await expect(page.locator('#gui > .lil-title')).toHaveText(controls);
    await openEverything(page);
    const texts = await shownTexts(page);
    expect(texts.length).toBeGreaterThan(150);
    const left = texts.map((t) => [t, englishWords(t)] as const).filter(([, w]) => w.length).map(([t, w]) => `${w.join(' ')}  ←  "${t.slice(0, 90)}"`);
    expect(left).toEqual([]);
    expect(await mirrorCanvasTexts(page)).toBeGreaterThan(10);
    expect(await notBundled(page)).toEqual([]);
  });
}

test('the English check can fail: an English word is found', async ({ page }) => {
  await openApp(page, `?lang=zh&still=1`);
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { textContent: '梯度 explodes' })));
  expect((await shownTexts(page)).flatMap(englishWords)).toContain('explodes');
});

test('the English page is untouched by the Chinese font: no CJK face is loaded', async ({ page }) => {
  await openApp(page, '?still=1');
  const families = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.unicodeRange}`));
  expect(families.some((f) => /U\+(4E|5|6|7|8|9)[0-9A-F]{3}/.test(f))).toBe(false);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});

test('choosing a language in the panel reloads the same view in it; reset all keeps it', async ({ page }) => {
  await openApp(page, '?start=0.5,1.5&frame=20&play=0');
  await page.locator('#gui .lil-title', { hasText: 'View' }).click();
  const select = page.locator('#gui .lil-controller', { hasText: 'language' }).locator('select');
  await Promise.all([page.waitForURL(/lang=zh-Hant/), select.selectOption({ label: 'Chinese (Traditional)' })]);
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  const p = await page.evaluate(() => window.rnnlab.params());
  expect(p.lang).toBe('zh-Hant');
  expect(p.start).toEqual([0.5, 1.5]);
  expect(p.frame).toBe(20);
  await expect(page.locator('#gui > .lil-title')).toHaveText('RNN 實驗室：控制面板');
  await page.locator('#gui .lil-controller', { hasText: '全部重置' }).locator('button').click();
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.params().lang)).toBe('zh-Hant');
  expect(page.url()).toContain('lang=zh-Hant');
});

test('a bad lang is said and English is kept; zh-CN and zh-TW are read as zh and zh-Hant', async ({ page }) => {
  await openApp(page, '?lang=xx&still=1');
  await expect(page.locator('#messages')).toContainText('lang: "xx" is not one of en, zh, zh-Hant; kept en');
  await openApp(page, '?lang=zh-TW&still=1');
  expect(await page.evaluate(() => window.rnnlab.params().lang)).toBe('zh-Hant');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
});

test('messages are said in Chinese, next to their controls', async ({ page }) => {
  await openApp(page, '?lang=zh&still=1&speed=5000&seqLen=abc');
  const banner = page.locator('#messages');
  await expect(banner).toContainText('speed: 5000 已限制为 1000');
  await expect(banner).toContainText('seqLen: "abc" 不是数字；保留 10');
});

test.describe('pictures', () => {
  test('lang=zh-Hant with the panel open', async ({ page }) => {
    expect(await openApp(page, '?lang=zh-Hant&still=1&frame=100')).toEqual([]);
    await openGuiFolders(page, ['數據', '播放']);
    await page.mouse.move(0, 0);
    await expect(page).toHaveScreenshot('zh-Hant-panel.png', VISUAL);
  });

  test('lang=zh, the 2D panels of the "gradient descent explodes" scene', async ({ page }) => {
    expect(await openApp(page, '?lang=zh&still=1&gui=0&layout=2d&frame=60&compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5')).toEqual([]);
    await expect(page).toHaveScreenshot('zh-2d.png', VISUAL);
  });
});
