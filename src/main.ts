import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import './style.css';
import { createApi } from './api';
import { App } from './app';
import { createDebug } from './debug';

const app = new App(document.getElementById('app')!);
window.rnnlab = createApi(app);
window.rnnlabDebug = createDebug(app);
const raw: Record<string, string> = {};
new URLSearchParams(location.search).forEach((v, k) => (raw[k] = v));
// Text in canvases needs the web font loaded before the first frame (reproducible pixels).
void document.fonts
  .load('13px Inter')
  .then(() => document.fonts.load('600 14px Inter'))
  .catch(() => undefined)
  .then(() => app.start(raw));
