#!/usr/bin/env node
/**
 * Makes the Chinese UI's font subsets: Noto Sans TC (Traditional, lang=zh-Hant) and Noto Sans
 * SC (Simplified, lang=zh), each cut down to the characters the UI strings use, so that every
 * Chinese glyph comes from a bundled font (no system fonts) at a few hundred kilobytes instead
 * of megabytes. Run it after changing src/i18n/zh-Hant.json: `npm run fonts:cjk`.
 *
 * Sources: the Fontsource packages of the two fonts (SIL Open Font License 1.1), fetched at a
 * pinned version with `npm pack` into node_modules/.cache (they are large, so they are not
 * dependencies of the app). Writes src/fonts/noto-sans-{tc,sc}-subset.woff2 and
 * src/fonts/cjk-subset.json (the characters in each, checked by tests/unit/i18n/i18n.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import subsetFont from 'subset-font';
import fontverter from 'fontverter';

const ROOT = new URL('..', import.meta.url).pathname;
const VERSION = '5.3.0';
const CACHE = join(ROOT, 'node_modules/.cache/rnnlab-cjk');
/** The Unicode ranges the CJK faces serve (src/ui/fonts.ts: CJK_RANGE); the rest comes from Inter. */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

/** The package's 400-weight files, fetched once with npm pack into the cache. */
function fontPackage(pkg) {
  const dir = join(CACHE, `${pkg}-${VERSION}`);
  if (!existsSync(join(dir, 'package/400.css'))) {
    mkdirSync(dir, { recursive: true });
    console.log(`fetching @fontsource/${pkg}@${VERSION} …`);
    const tgz = execFileSync('npm', ['pack', `@fontsource/${pkg}@${VERSION}`, '--silent'], { cwd: dir }).toString().trim().split('\n').pop();
    execFileSync('tar', ['xzf', tgz, '--wildcards', 'package/LICENSE', 'package/400.css', 'package/files/*-400-normal.woff2'], { cwd: dir });
  }
  const css = readFileSync(join(dir, 'package/400.css'), 'utf8');
  // the numbered slices and the code points each one serves (its unicode-range)
  const slices = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)[^}]*?unicode-range: ([^;]+);/g)].map(([, file, range]) => ({
    file,
    has: (cp) => range.split(',').some((part) => {
      const [a, b = a] = part.trim().slice(2).split('-').map((h) => parseInt(h, 16));
      return cp >= a && cp <= b;
    }),
  }));
  return { dir, slices, license: join(dir, 'package/LICENSE'), read: (file) => readFileSync(join(dir, 'package/files', file)) };
}

/** The code points a TrueType/OpenType font maps (cmap formats 4 and 12). */
function cmapCodePoints(sfnt) {
  const v = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const tables = v.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (String.fromCharCode(...sfnt.subarray(12 + 16 * i, 16 + 16 * i)) === 'cmap') cmap = v.getUint32(12 + 16 * i + 8);
  const out = new Set();
  for (let i = 0; i < v.getUint16(cmap + 2); i++) {
    const sub = cmap + v.getUint32(cmap + 4 + 8 * i + 4);
    const format = v.getUint16(sub);
    if (format === 4) {
      const segs = v.getUint16(sub + 6) / 2;
      for (let s = 0; s < segs; s++) {
        const end = v.getUint16(sub + 14 + 2 * s);
        const start = v.getUint16(sub + 16 + 2 * segs + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) out.add(c);
      }
    } else if (format === 12) {
      for (let g = 0; g < v.getUint32(sub + 12); g++) {
        const start = v.getUint32(sub + 16 + 12 * g);
        const end = v.getUint32(sub + 20 + 12 * g);
        for (let c = start; c <= end; c++) out.add(c);
      }
    }
  }
  return out;
}

const traditional = JSON.parse(readFileSync(join(ROOT, 'src/i18n/zh-Hant.json'), 'utf8'));
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' }); // as src/i18n/convert.ts
const charsOf = (texts) => [...new Set([...texts.join('')].filter((c) => CJK.test(c)))].sort().join('');
const sets = {
  tc: { pkg: 'noto-sans-tc', file: 'noto-sans-tc-chinese-traditional-400-normal.woff2', chars: charsOf(Object.values(traditional)) },
  sc: { pkg: 'noto-sans-sc', file: 'noto-sans-sc-chinese-simplified-400-normal.woff2', chars: charsOf(Object.values(traditional).map(toSimplified)) },
};
const record = { source: `@fontsource/noto-sans-tc and -sc ${VERSION}, 400 normal (SIL OFL 1.1)` };
for (const old of readdirSync(join(ROOT, 'src/fonts'))) if (/-subset(-\d+)?\.woff2$/.test(old)) rmSync(join(ROOT, 'src/fonts', old));
for (const [name, s] of Object.entries(sets)) {
  const pack = fontPackage(s.pkg);
  // The package's one-file subset first; characters it lacks (full-width punctuation) from the slices.
  const groups = new Map([[s.file, [...s.chars]]]);
  const main = cmapCodePoints(await fontverter.convert(pack.read(s.file), 'truetype'));
  const rest = groups.get(s.file).filter((c) => !main.has(c.codePointAt(0)));
  groups.set(s.file, groups.get(s.file).filter((c) => main.has(c.codePointAt(0))));
  for (const c of rest) {
    const slice = pack.slices.find((sl) => sl.has(c.codePointAt(0)));
    if (!slice) throw new Error(`${s.pkg} has no file for ${c}`);
    groups.set(slice.file, [...(groups.get(slice.file) ?? []), c]);
  }
  record[name] = { chars: s.chars, files: {} };
  for (const [file, chars] of groups) {
    const subset = await subsetFont(pack.read(file), chars.join(''), { targetFormat: 'woff2' });
    const have = cmapCodePoints(await fontverter.convert(subset, 'truetype'));
    const missing = chars.filter((c) => !have.has(c.codePointAt(0)));
    if (missing.length) throw new Error(`${s.pkg} (${file}) lacks ${missing.join('')}`);
    const slice = /-(\d+)-400-normal/.exec(file)?.[1];
    const out = `${s.pkg}-subset${slice ? `-${slice}` : ''}.woff2`;
    writeFileSync(join(ROOT, 'src/fonts', out), subset);
    record[name].files[out] = chars.join('');
    console.log(`${out}: ${chars.length} characters, ${subset.length} bytes`);
  }
  copyFileSync(pack.license, join(ROOT, 'src/fonts/LICENSE-Noto-Sans-CJK.txt'));
}
writeFileSync(join(ROOT, 'src/fonts/cjk-subset.json'), JSON.stringify(record, null, 1) + '\n');
