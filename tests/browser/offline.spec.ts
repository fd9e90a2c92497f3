/**
 * Offline: after the first visit the service worker has precached the app (scripts, the CPU
 * worker, fonts, icons, manifest), so with the network gone a reload still computes and draws;
 * a new deployment is picked up on the next online visit.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
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

/**
 * A new version is picked up on the next online visit. A small server of this test's own serves
 * the built app (version A), then a copy whose index.html is marked as version B and whose
 * service worker lists that index.html with a new revision, as a new deployment would. The page
 * open on A finds the new worker on a reload; the worker takes over and the page reloads into B.
 */
test('a new version is picked up on the next online visit', async ({ page }) => {
  const dist = resolve('dist');
  const versionB = mkdtempSync(join(tmpdir(), 'rnnlab-b-'));
  cpSync(dist, versionB, { recursive: true });
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  writeFileSync(join(versionB, 'index.html'), html.replace('<head>', '<head>\n    <meta name="rnnlab-version" content="B" />'));
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  expect(sw).toMatch(/url:"index\.html",revision:"[^"]+"/);
  writeFileSync(join(versionB, 'sw.js'), sw.replace(/(url:"index\.html",revision:")[^"]+"/, '$1version-b"'));

  let root = dist;
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?still=1&gui=0`;
  const version = () => page.evaluate(() => document.querySelector('meta[name="rnnlab-version"]')?.getAttribute('content') ?? 'A').catch(() => 'reloading');
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'rnnlab' in window);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await version()).toBe('A');

    root = versionB; // the new deployment
    await page.reload(); // served by the old worker from its cache; the browser checks for a new worker
    await expect.poll(version, { timeout: 60_000 }).toBe('B');
    await page.waitForFunction(() => 'rnnlab' in window);
    await page.evaluate(() => window.rnnlab.ready());
    expect((await page.evaluate(() => window.rnnlab.trajectory())).length).toBe(501);
  } finally {
    server.close();
    rmSync(versionB, { recursive: true, force: true });
  }
});
