/** snapshot() on the fallback: three.js's WebGL2 backend renders the 3D view at the asked size too. */
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { openApp } from './helpers';

test('snapshot of the 3D view at 1920 x 1080 on WebGL2 + CPU', async ({ page }) => {
  const errors = await openApp(page, '?still=1&gui=0');
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
  const b64 = await page.evaluate(async () => {
    const blob = await window.rnnlab.snapshot({ panel: '3d', width: 1920, height: 1080 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  });
  const png = PNG.sync.read(Buffer.from(b64, 'base64'));
  expect([png.width, png.height]).toEqual([1920, 1080]);
  // the surface is in the middle of the image, not the background (a blank WebGL2 copy would be)
  const mid = (Math.floor(png.height * 0.55) * png.width + Math.floor(png.width * 0.5)) * 4;
  expect([png.data[mid], png.data[mid + 1], png.data[mid + 2]]).not.toEqual([16, 20, 27]);
  expect([png.data[mid], png.data[mid + 1], png.data[mid + 2]]).not.toEqual([0, 0, 0]);
  expect(errors).toEqual([]);
});
