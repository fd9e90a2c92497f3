import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';

export type RGB = [number, number, number];

/** The median colour of a small square around a page point, from a real screenshot. */
export async function colourAt(page: Page, x: number, y: number, radius = 2): Promise<RGB> {
  const png = PNG.sync.read(await page.screenshot({ clip: { x: x - radius, y: y - radius, width: 2 * radius + 1, height: 2 * radius + 1 } }));
  const chans: number[][] = [[], [], []];
  for (let i = 0; i < png.width * png.height; i++) for (let c = 0; c < 3; c++) chans[c].push(png.data[4 * i + c]);
  return chans.map((v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]) as RGB;
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
