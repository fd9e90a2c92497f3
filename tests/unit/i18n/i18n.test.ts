/**
 * The UI strings: every text the code passes to t() / N_() has a Chinese translation with the
 * same {placeholders}; the Simplified table is OpenCC's conversion of the Traditional one; the
 * bundled font subsets hold exactly the characters the two tables use.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { langAlias, t, useTable } from '../../../src/i18n';
import { simplifiedTable } from '../../../src/i18n/convert';
import zhHant from '../../../src/i18n/zh-Hant.json';
import subset from '../../../src/fonts/cjk-subset.json';
import { normalizeParams } from '../../../src/state/normalize';

const SRC = join(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The first argument of every t( / tr( / N_( call whose first argument is a string literal. */
export function uiStrings(): Map<string, string> {
  const found = new Map<string, string>();
  const call = /(?<![\w.$])(?:t|tr|N_)\(\s*(['"])((?:\\.|(?!\1)[^\\\n])*)\1/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(call)) {
      const s = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      found.set(s, file.slice(SRC.length + 1));
    }
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const table = zhHant as Record<string, string>;

describe('UI strings', () => {
  afterEach(() => useTable('en', null));

  it('finds the strings of the code (the scan works)', () => {
    const keys = uiStrings();
    expect(keys.size).toBeGreaterThan(250);
    expect(keys.get('Use these rows')).toBe('ui/gui.ts');
    expect(keys.has("the tutorial's check at (1.2, 1.2): pass")).toBe(true);
  });

  it('passes no template literal to t(): its text could not be looked up', () => {
    for (const file of sourceFiles(SRC)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/(?<![\w.$])(?:t|tr|N_)\(\s*`/);
  });

  it('has a Chinese text for every string, with the same placeholders, and none that is unused', () => {
    const keys = uiStrings();
    const missing = [...keys.keys()].filter((k) => !(k in table));
    expect(missing, `missing in src/i18n/zh-Hant.json:\n${missing.join('\n')}`).toEqual([]);
    const unused = Object.keys(table).filter((k) => !keys.has(k));
    expect(unused, 'in zh-Hant.json but not in the code').toEqual([]);
    for (const [en, zh] of Object.entries(table)) {
      expect(placeholders(zh), `placeholders of "${en}"`).toEqual(placeholders(en));
      if (/[a-z]{3}/i.test(en.replace(/\{\w+\}/g, ''))) expect(zh, `"${en}" is not translated`).not.toBe(en);
    }
  });

  it('makes the Simplified table from the Traditional one with OpenCC', () => {
    const sc = simplifiedTable(table);
    expect(Object.keys(sc)).toEqual(Object.keys(table));
    expect(table.Data).toBe('數據');
    expect(sc.Data).toBe('数据');
    expect(sc['backprop']).toBe(table['backprop'].replace('傳播', '传播'));
  });

  it('has font subsets with exactly the characters of both tables (else: npm run fonts:cjk)', () => {
    const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
    const chars = (texts: string[]) => [...new Set([...texts.join('')].filter((c) => cjk.test(c)))].sort().join('');
    expect(subset.tc.chars).toBe(chars(Object.values(table)));
    expect(subset.sc.chars).toBe(chars(Object.values(simplifiedTable(table))));
    // each character in exactly one file of its script
    for (const script of [subset.tc, subset.sc]) expect([...Object.values(script.files).join('')].sort().join('')).toBe(script.chars);
  });

  it('fills placeholders, keeps unknown ones and falls back to English', () => {
    useTable('zh-Hant', { 'run {index}': '第 {index} 個運行', '{a} and {b}': '{b}和{a}' });
    expect(t('run {index}', { index: 3 })).toBe('第 3 個運行');
    expect(t('{a} and {b}', { a: '{b}', b: 'x' })).toBe('x和{b}'); // a value is not read as a placeholder
    expect(t('not in the table {x}')).toBe('not in the table {x}');
    useTable('en', null);
    expect(t('run {index}', { index: 3 })).toBe('run 3');
  });

  it('reads lang and its aliases, and refuses others with a message', () => {
    expect(langAlias('zh-CN')).toBe('zh');
    expect(langAlias('zh-tw')).toBe('zh-Hant');
    expect(langAlias('zh-Hans')).toBe('zh');
    expect(langAlias('fr')).toBeNull();
    expect(normalizeParams({ lang: 'zh-TW' }).params.lang).toBe('zh-Hant');
    const bad = normalizeParams({ lang: 'klingon' });
    expect(bad.params.lang).toBe('en');
    expect(bad.messages).toEqual(['lang: "klingon" is not one of en, zh, zh-Hant; kept en']);
  });

  it('says the parameters\' messages in Chinese when the UI is Chinese (the key stays, for the folder)', () => {
    useTable('zh-Hant', table);
    const { messages } = normalizeParams({ seqLen: '500', preset: 'random' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^seqLen: 500 /);
    expect(messages[0]).not.toMatch(/clamped|allowed/);
  });
});
