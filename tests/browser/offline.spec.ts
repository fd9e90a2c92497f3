/**
 * Offline: after the first visit the service worker has precached the app (scripts, the CPU
 * worker, fonts, icons, manifest), so with the network gone a reload still computes and draws.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test.use({ serviceWorkers: 'allow' });

test('loaded once, then offline: a reload still computes and draws the tutorial', async ({ page, context }) => {
  const errors = await openApp(page, '?still=1&gui=0');
  // the service worker is installed, has precached everything and controls the page
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const online = await page.evaluate(() => window.rnnlab.trajectory());

  await context.setOffline(true);
  // the network is really gone: something that was never cached cannot be fetched
  const before = errors.length;
  expect(await page.evaluate(() => fetch(`/not-cached-${Date.now()}.txt`).then((r) => r.status, () => 'failed'))).toBe('failed');
  await expect.poll(() => errors.length).toBe(before + 1);
  expect(errors.splice(before)).toEqual(['Failed to load resource: net::ERR_INTERNET_DISCONNECTED']); // that fetch, as it should

  await page.reload();
  await page.waitForFunction(() => 'rnnlab' in window);
  await page.evaluate(() => window.rnnlab.ready());
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('webgpu');
  // computes: the same path as online, and a surface of the tutorial
  expect(await page.evaluate(() => window.rnnlab.trajectory())).toEqual(online);
  const s = await page.evaluate(async () => {
    const g = await window.rnnlab.surface();
    return { n: g.cost.length, finite: g.cost.every((c) => Number.isFinite(c) && c >= 0) };
  });
  expect(s).toEqual({ n: 256 * 256, finite: true });
  // draws, in the bundled fonts (served by the service worker)
  expect(await page.evaluate(() => document.fonts.check('16px Inter') && [...document.fonts].some((f) => f.family === 'Inter' && f.status === 'loaded'))).toBe(true);
  const png = await page.locator('#view3d canvas').first().screenshot();
  expect(png.length).toBeGreaterThan(20_000); // a drawn surface, not an empty canvas
  expect(await page.locator('#status').textContent()).toMatch(/WebGPU/);
  // the CPU backend's worker script is cached too
  await page.evaluate(() => window.rnnlab.setParams({ backend: 'cpu' }));
  expect(await page.evaluate(() => window.rnnlab.backend)).toBe('cpu');
  expect(await page.evaluate(() => window.rnnlab.trajectory())).toEqual(online);
  expect(errors).toEqual([]);
  await context.setOffline(false);
});

test('the app is installable: a manifest with name, icons and standalone display', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toMatch(/RNN Lab/);
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');
  for (const icon of manifest.icons) expect((await request.get(`/${icon.src}`)).headers()['content-type']).toBe('image/png');
});
