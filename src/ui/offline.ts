/**
 * The service worker that keeps the app working offline after the first visit (vite-plugin-pwa,
 * Workbox; see vite.config.ts). Registered in production builds only, so that `npm run dev`
 * never serves an old cached build; Playwright blocks service workers except in the spec that
 * tests going offline (playwright.config.ts).
 */
import { registerSW } from 'virtual:pwa-register';

export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // autoUpdate: a new version found on an online visit is installed and the page reloads into it.
  registerSW({ immediate: true });
}
