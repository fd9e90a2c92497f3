/**
 * Every glyph from a bundled font: Chromium says (DevTools CSS.getPlatformFontsForNode) which
 * fonts rendered each text node; any font that the app does not ship fails the test. Canvas text
 * cannot be asked directly, so every string a canvas draws is recorded and set in a span with the
 * canvas's font, then asked the same way.
 */
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { openApp } from './helpers';

/** Families the app ships (a face's platform name may add its style: "Inter SemiBold"). */
const BUNDLED = /^(Inter|JetBrains Mono|lil-gui)( |$)/;

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: DomNode[];
}

/** Elements that directly hold visible text, with that text. */
function textElements(root: DomNode): { nodeId: number; text: string }[] {
  const out: { nodeId: number; text: string }[] = [];
  const walk = (n: DomNode) => {
    if (n.nodeName === 'SCRIPT' || n.nodeName === 'STYLE' || n.nodeName === 'HEAD') return;
    const text = (n.children ?? []).filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join('').trim();
    if (n.nodeType === 1 && text) out.push({ nodeId: n.nodeId, text });
    (n.children ?? []).forEach(walk);
  };
  walk(root);
  return out;
}

async function platformFonts(cdp: CDPSession): Promise<{ text: string; fonts: string[] }[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const result: { text: string; fonts: string[] }[] = [];
  for (const { nodeId, text } of textElements(root)) {
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: { familyName: string; isCustomFont: boolean }[] };
    result.push({ text, fonts: fonts.map((f) => `${f.familyName}${f.isCustomFont ? '' : ' (system)'}`) });
  }
  return result;
}

async function notBundled(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const used = await platformFonts(cdp);
  expect(used.length).toBeGreaterThan(20);
  return used
    .filter((u) => u.fonts.some((f) => f.endsWith('(system)') || !BUNDLED.test(f)))
    .map((u) => `"${u.text.slice(0, 50)}" rendered with ${u.fonts.join(', ')}`);
}

test.beforeEach(async ({ page }) => {
  // Record every string drawn into a 2D canvas, with the font it was drawn in.
  await page.addInitScript(() => {
    const drawn: [string, string][] = [];
    (window as unknown as { canvasTexts: [string, string][] }).canvasTexts = drawn;
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of ['fillText', 'strokeText'] as const) {
      const original = proto[name];
      proto[name] = function (this: CanvasRenderingContext2D, text: string, ...rest: [number, number, number?]) {
        drawn.push([this.font, String(text)]);
        return original.call(this, text, ...rest);
      };
    }
  });
});

/** Sets every recorded canvas string into a span with the canvas's font, so that Chromium can be asked about it. */
async function mirrorCanvasTexts(page: Page): Promise<number> {
  return page.evaluate(() => {
    const drawn = (window as unknown as { canvasTexts: [string, string][] }).canvasTexts;
    const host = document.createElement('div');
    host.id = 'canvas-text-mirror';
    const seen = new Set<string>();
    for (const [font, text] of drawn) {
      const key = `${font}|${text}`;
      if (seen.has(key) || !text.trim()) continue;
      seen.add(key);
      const span = document.createElement('div');
      span.style.font = font;
      span.textContent = text;
      host.append(span);
    }
    document.body.append(host);
    return seen.size;
  });
}

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

test('the characters the app draws are all in the bundled fonts', async ({ page }) => {
  await openApp(page, '?still=1');
  // Arrows, superscripts, Greek, the partial sign, the minus sign, <=, x, middle dot, ellipsis and the like.
  const chars = '→←↑↓↺↗⁰¹²³⁴⁵⁶⁷⁸⁹⁻ΔδηβεΣ∂≤≥≈×·…−–—±√∞°²½▶◀⏸ wx wRec 0123456789';
  await page.evaluate((text) => {
    for (const font of ['400 15px Inter', '600 15px Inter', "400 15px 'JetBrains Mono'"])
      for (const ch of text.replace(/ /g, '')) {
        const div = document.createElement('div');
        div.style.font = font;
        div.textContent = `${ch} in ${font}`;
        document.body.append(div);
      }
  }, chars);
  const problems = (await notBundled(page)).filter((p) => !p.includes('JetBrains'));
  expect(problems).toEqual([]);
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
