import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import './style.css';
import { createApi } from './api';
import { App } from './app';
import { createDebug } from './debug';
import { isSoftwareRenderer } from './views/surface3d';

const raw: Record<string, string> = {};
new URLSearchParams(location.search).forEach((v, k) => (raw[k] = v));

async function main(): Promise<void> {
  const app = new App(document.getElementById('app')!, await isSoftwareRenderer());
  window.rnnlab = createApi(app);
  window.rnnlabDebug = createDebug(app);
  // Text in canvases needs the web font loaded before the first frame (reproducible pixels).
  await document.fonts.load('13px Inter').catch(() => undefined);
  await document.fonts.load('600 14px Inter').catch(() => undefined);
  await app.start(raw);
}
void main();
