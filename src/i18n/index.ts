/**
 * The UI's language. English is written in the code itself, wrapped in t() (or marked with N_()
 * where a constant is defined and translated where it is shown); the Chinese strings are one
 * table, zh-Hant.json (Traditional, with the tutorial translation's terms, keyed by the English
 * text), and the Simplified table is made from it at build time by OpenCC (vite.config.ts,
 * virtual:rnnlab-zh-Hans). No DOM here: the model's messages use it too.
 */
export const LANGS = ['en', 'zh', 'zh-Hant'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 tags for the page's lang attribute (fonts and line breaking follow it). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans', 'zh-Hant': 'zh-Hant' };

/** Other ways to ask for the same script, e.g. lang=zh-CN, lang=zh-TW. */
export function langAlias(s: string): Lang | null {
  const k = s.trim().toLowerCase();
  if (k === 'en' || k.startsWith('en-')) return 'en';
  if (['zh', 'zh-hans', 'zh-cn', 'zh-sg', 'zh-hans-cn', 'cn'].includes(k)) return 'zh';
  if (['zh-hant', 'zh-tw', 'zh-hk', 'zh-mo', 'zh-hant-tw', 'zh-hant-hk', 'tw'].includes(k)) return 'zh-Hant';
  return null;
}

type Table = Readonly<Record<string, string>>;
let table: Table | null = null;
let current: Lang = 'en';

/**
 * The text in the current language. `{name}` in the text is replaced by vars.name (numbers as
 * String() writes them). A text that the table lacks stays English (the unit test
 * tests/unit/i18n.test.ts makes sure that none is missing).
 */
export function t(english: string, vars?: Readonly<Record<string, string | number>>): string {
  const s = table?.[english] ?? english;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** Marks a text for translation where a constant defines it; t() translates it where it is shown. */
export function N_(english: string): string {
  return english;
}

export function language(): Lang {
  return current;
}

/** Loads the language's table (Chinese only: English needs none). Call before building the UI. */
export async function setLanguage(lang: Lang): Promise<void> {
  if (lang === 'zh-Hant') table = (await import('./zh-Hant.json')).default as Table;
  else if (lang === 'zh') table = (await import('virtual:rnnlab-zh-Hans')).default as Table;
  else table = null;
  current = lang;
}

/** For unit tests: a table set directly. */
export function useTable(lang: Lang, t: Table | null): void {
  current = lang;
  table = t;
}
