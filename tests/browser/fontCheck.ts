/**
 * Which fonts Chromium used: for every text node (DevTools CSS.getPlatformFontsForNode) and for
 * every string a canvas drew (recorded, then set in a span with the canvas's font). Any font
 * the app does not ship is a failure. Used by fonts.spec.ts and i18n.spec.ts.
 */
import { expect, type CDPSession, type Page } from '@playwright/test';

/** Families the app ships (a face's platform name may add its style: "Inter SemiBold"). */
const BUNDLED = /^(Inter|JetBrains Mono|lil-gui|Noto Sans TC|Noto Sans SC)( |$)/;

export interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  children?: DomNode[];
}

/** Elements that directly hold visible text, with that text. */
export function textElements(root: DomNode): { nodeId: number; text: string }[] {
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

export async function notBundled(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const used = await platformFonts(cdp);
  expect(used.length).toBeGreaterThan(20);
  return used
    .filter((u) => u.fonts.some((f) => f.endsWith('(system)') || !BUNDLED.test(f)))
    .map((u) => `"${u.text.slice(0, 50)}" rendered with ${u.fonts.join(', ')}`);
}

/** Records every string drawn into a 2D canvas, with the font it was drawn in (call before the page loads). */
export async function recordCanvasTexts(page: Page): Promise<void> {
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
}

/** Sets every recorded canvas string into a span with the canvas's font, so that Chromium can be asked about it. */
export async function mirrorCanvasTexts(page: Page): Promise<number> {
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

