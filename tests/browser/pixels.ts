import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';

export type RGB = [number, number, number];

/** The median colour of a small square around a page point, from a real screenshot. */
export async function colourAt(page: Page, x: number, y: number, radius = 2): Promise<RGB> {
  const png = PNG.sync.read(await page.screenshot({ clip: { x: x - radius, y: y - radius, width: 2 * radius + 1, height: 2 * radius + 1 } }));
  const chans: number[][] = [[], [], []];
  for (let i = 0; i < png.width * png.height; i++) for (let c = 0; c < 3; c++) chans[c].push(png.data[4 * i + c]);
  return chans.map((v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]) as RGB;
}

/** pixels of the stability line's red (#ff5a7a) in the 2D map */
export async function stabilityPixels(page: Page): Promise<number> {
  const png = PNG.sync.read(await page.locator('canvas.heatmap').screenshot());
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (Math.abs(png.data[i] - 255) < 12 && Math.abs(png.data[i + 1] - 90) < 16 && Math.abs(png.data[i + 2] - 122) < 16) n++;
  return n;
}

/** Number of distinct colours in an element's screenshot: a blank canvas has one or two. */
export async function distinctColours(page: Page, selector: string): Promise<number> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  return seen.size;
}

/** viridis' low end is dark purple-blue; its high end is yellow. */
export const isLowColour = ([r, g, b]: RGB) => r < 110 && b > g * 0.9 && r + g + b < 330;
export const isHighColour = ([r, g, b]: RGB) => r > 150 && g > 170 && b < 120;

type Comparator = (actual: Buffer, expected: Buffer, o: { threshold?: number; maxDiffPixels?: number }) => { errorMessage: string; diff?: Buffer } | null;
/**
 * Playwright's own image comparator (pixelmatch with its threshold, as toHaveScreenshot and
 * toMatchSnapshot use it), from the installed @playwright/test: in-test comparisons count
 * differing pixels exactly as the baselines' comparisons do.
 */
const playwrightComparator: Comparator = createRequire(import.meta.url)('playwright-core/lib/coreBundle').utils.getComparator('image/png');

const asBuffer = (img: Buffer | PNG) => (Buffer.isBuffer(img) ? img : PNG.sync.write(img));

/** How many pixels differ by more than `threshold` (YIQ, 0..1) by Playwright's comparator, and its diff image. */
export function differingPixels(actual: Buffer | PNG, expected: Buffer | PNG, threshold: number): { count: number; diff: Buffer | undefined } {
  const r = playwrightComparator(asBuffer(actual), asBuffer(expected), { threshold, maxDiffPixels: -1 });
  const m = r?.errorMessage.match(/(\d+) pixels \(ratio/);
  if (!r || !m || /Expected an image/.test(r.errorMessage)) throw new Error(`compare: ${r?.errorMessage ?? 'no result'}`);
  return { count: Number(m[1]), diff: r.diff };
}

/** A rectangle of an image, as a new image. */
export function crop(png: PNG, x: number, y: number, width: number, height: number): PNG {
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, x, y, width, height, 0, 0);
  return out;
}

/** Paints a rectangle of an image one colour (to leave a region out of a comparison). */
export function fillRect(png: PNG, x: number, y: number, width: number, height: number, rgb: RGB): void {
  for (let j = Math.max(0, y); j < Math.min(png.height, y + height); j++)
    for (let i = Math.max(0, x); i < Math.min(png.width, x + width); i++) {
      const k = (j * png.width + i) * 4;
      png.data[k] = rgb[0];
      png.data[k + 1] = rgb[1];
      png.data[k + 2] = rgb[2];
      png.data[k + 3] = 255;
    }
}

/** rnnlab.snapshot() as a PNG buffer (the image the Save menu writes). */
export async function snapshotPng(page: Page, opts: { panel?: string; width?: number; height?: number }): Promise<Buffer> {
  const b64 = await page.evaluate(async (o) => {
    const blob = await window.rnnlab.snapshot(o as never);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { type: blob.type, data: btoa(s) };
  }, opts);
  if (b64.type !== 'image/png') throw new Error(`snapshot: ${b64.type}, not a PNG`);
  return Buffer.from(b64.data, 'base64');
}
