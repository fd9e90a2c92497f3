import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Debian's Chromium by default; CHROMIUM_PATH overrides. Playwright's own browser download is never used. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `No Chromium at ${CHROMIUM}: the browser tests need it. Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

const COMMON_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** WebGPU compute and a presentable WebGPU canvas through SwiftShader (a CPU Vulkan). */
export const WEBGPU_ARGS = [
  ...COMMON_ARGS,
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--use-vulkan=swiftshader',
  '--enable-unsafe-swiftshader',
];
/** No --enable-unsafe-webgpu: no adapter, so the app must fall back to WebGL2 + the CPU backend. */
export const NO_WEBGPU_ARGS = [...COMMON_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/** RNNLAB_PORT lets two checkouts run their suites side by side. */
const PORT = Number(process.env.RNNLAB_PORT || 4173);

/**
 * The visual suite again, with Chromium seeing another system font set (only DejaVu, only
 * Liberation) through FONTCONFIG_FILE, against the same baselines: pixels must not depend on
 * the machine's fonts.
 */
const otherFonts = (fonts: 'dejavu' | 'liberation') => ({
  name: `webgpu-${fonts}-only`,
  testMatch: /(visual|fonts)\.spec\.ts/,
  // the pictures only: determinism, the can-fail check and link copying do not depend on fonts
  grepInvert: /two loads|can fail|copy link/,
  snapshotPathTemplate: '{snapshotDir}/{testFileDir}/{testFileName}-snapshots/{arg}-webgpu{-snapshotSuffix}{ext}',
  use: {
    browserName: 'chromium' as const,
    launchOptions: {
      executablePath: CHROMIUM,
      args: WEBGPU_ARGS,
      env: { ...process.env, FONTCONFIG_FILE: resolve(`tests/fontconfig/${fonts}.conf`) } as Record<string, string>,
    },
  },
});

export default defineConfig({
  testDir: 'tests/browser',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    // The production build registers a service worker (offline use). Blocked in every spec but
    // offline.spec.ts, so that no test sees requests answered from a cache or a page reloaded
    // by an update; each test's context starts empty anyway, so no old build is ever cached.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /nowebgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM, args: WEBGPU_ARGS } },
    },
    otherFonts('dejavu'),
    otherFonts('liberation'),
    {
      name: 'nowebgpu',
      testMatch: /nowebgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM, args: NO_WEBGPU_ARGS } },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
