/**
 * Traditional → Simplified with OpenCC (opencc-js, the maintained JavaScript port), character
 * by character and for common phrases ('t' → 'cn'): the translation's own vocabulary (網絡,
 * 數據) is kept, only the script changes. Used by vite.config.ts at build time, by the font
 * subset script and by the unit tests; never shipped to the browser.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export function simplifiedTable(traditional: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(traditional).map(([en, zh]) => [en, toSimplified(zh)]));
}
