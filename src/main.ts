import './style.css';
import { createApi } from './api';
import { App } from './app';
import { createDebug } from './debug';
import { isSoftwareRenderer } from './views/surface3d';
import { loadBundledFonts } from './ui/fonts';
import { registerOffline } from './ui/offline';

const raw: Record<string, string> = {};
new URLSearchParams(location.search).forEach((v, k) => (raw[k] = v));

async function main(): Promise<void> {
  // Every glyph comes from a bundled font, loaded before anything is measured or drawn.
  await loadBundledFonts();
  performance.mark('rnnlab:fonts'); // startup phases, for profiling a load (see README, benchmark)
  const app = new App(document.getElementById('app')!, await isSoftwareRenderer());
  window.rnnlab = createApi(app);
  window.rnnlabDebug = createDebug(app);
  await app.start(raw);
}
void main();
registerOffline();
