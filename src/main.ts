import './style.css';
import { createApi } from './api';
import { App } from './app';
import { createDebug } from './debug';
import { HTML_LANG, langAlias, setLanguage, t } from './i18n';
import { isSoftwareRenderer } from './views/surface3d';
import { loadBundledFonts, loadChineseFont } from './ui/fonts';
import { registerOffline } from './ui/offline';
import { queryToRaw } from './state/url';

const raw = queryToRaw(location.search);

async function main(): Promise<void> {
  // The language first: every label is built in it (a bad lang is said by the parameters' check).
  const lang = langAlias(raw.lang ?? 'en') ?? 'en';
  await setLanguage(lang);
  document.documentElement.lang = HTML_LANG[lang];
  document.title = t('RNN Lab: how a linear RNN trains');
  // Every glyph comes from a bundled font, loaded before anything is measured or drawn.
  await Promise.all([loadBundledFonts(), lang === 'en' ? undefined : loadChineseFont(lang === 'zh' ? 'sc' : 'tc')]);
  performance.mark('rnnlab:fonts'); // startup phases, for profiling a load (see README, benchmark)
  const app = new App(document.getElementById('app')!, await isSoftwareRenderer());
  window.rnnlab = createApi(app);
  window.rnnlabDebug = createDebug(app);
  await app.start(raw);
}
void main();
registerOffline();
