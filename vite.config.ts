import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { simplifiedTable } from './src/i18n/convert.ts';

/** `virtual:rnnlab-zh-Hans`: the Simplified Chinese UI strings, converted from the one Traditional table by OpenCC. */
function simplifiedChinese(): Plugin {
  const id = 'virtual:rnnlab-zh-Hans';
  const source = new URL('./src/i18n/zh-Hant.json', import.meta.url);
  return {
    name: 'rnnlab-zh-hans',
    resolveId: (s) => (s === id ? `\0${id}` : null),
    load(s) {
      if (s !== `\0${id}`) return null;
      this.addWatchFile(source.pathname);
      const table = simplifiedTable(JSON.parse(readFileSync(source, 'utf8')));
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

export default defineConfig({
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // the CPU worker's bundle reads the UI strings too (the model's messages)
  worker: { format: 'es', plugins: () => [simplifiedChinese()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  plugins: [
    simplifiedChinese(),
    // Offline after the first visit: a Workbox service worker (production builds only) precaches
    // the app, its worker, fonts and icons (the WGSL shaders are bundled into the JS). A new
    // build is picked up on the next online visit: the new worker takes over at once
    // (skipWaiting, clientsClaim) and the page reloads into it (src/ui/offline.ts).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null,
      includeAssets: ['icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'RNN Lab: how a linear RNN trains',
        short_name: 'RNN Lab',
        description: 'How a tiny linear RNN trains, and why training it is hard: the cost surface, optimisers and gradients, interactive.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#10141b',
        theme_color: '#10141b',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,png,webmanifest,wgsl}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  test: {
    include: ['tests/unit/**/*.test.ts'],
  },
});
