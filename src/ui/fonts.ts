/**
 * The app's fonts, bundled with it: every glyph on the page and in the canvases comes from these,
 * never from the machine's own fonts, so that screenshots are the same on every machine.
 * Inter (full character set, not a Latin subset: arrows, superscripts, Greek, the partial sign)
 * for text, JetBrains Mono for typed rows and sequences.
 */
import interRegular from 'inter-ui/web/Inter-Regular.woff2?url';
import interSemiBold from 'inter-ui/web/Inter-SemiBold.woff2?url';
import monoRegular from '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff2?url';
import monoLatinExt from '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-ext-400-normal.woff2?url';
/** the Chinese subset files of each script and the characters each one holds (scripts/cjk-font-subset.mjs) */
import cjkSubset from '../fonts/cjk-subset.json';

export const TEXT_FONT = 'Inter';
export const MONO_FONT = 'JetBrains Mono';

/** Adds the bundled faces and resolves once all of them are loaded (before the first frame). */
export async function loadBundledFonts(): Promise<void> {
  const faces = [
    new FontFace(TEXT_FONT, `url(${interRegular}) format('woff2')`, { weight: '400', style: 'normal' }),
    new FontFace(TEXT_FONT, `url(${interSemiBold}) format('woff2')`, { weight: '600', style: 'normal' }),
    new FontFace(MONO_FONT, `url(${monoRegular}) format('woff2')`, { weight: '400', style: 'normal' }),
    new FontFace(MONO_FONT, `url(${monoLatinExt}) format('woff2')`, {
      weight: '400',
      style: 'normal',
      unicodeRange: 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+1E00-1EFF, U+2020, U+20A0-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
    }),
  ];
  for (const f of faces) document.fonts.add(f);
  await Promise.all(faces.map((f) => f.load().catch(() => undefined)));
}


const subsetUrls = import.meta.glob<string>('../fonts/*-subset*.woff2', { query: '?url', import: 'default' });

/**
 * For lang=zh / zh-Hant: subsets of Noto Sans SC / TC (only the characters of the UI strings,
 * scripts/cjk-font-subset.mjs), loaded only then. They are added under the app's own family
 * names with a unicode-range, so every CSS font stack and canvas font string that names Inter
 * or JetBrains Mono takes its Chinese glyphs from them, never from a system font.
 */
export async function loadChineseFont(script: 'sc' | 'tc'): Promise<void> {
  const files = Object.entries(cjkSubset[script].files as Record<string, string>);
  const faces = await Promise.all(
    files.flatMap(([file, chars]) => {
      const range = [...chars].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(', ');
      // the same descriptors as each Latin face, so that the browser joins them into one family by
      // unicode-range (a face with other descriptors would lose the match to the Latin one)
      return ([[TEXT_FONT, '400'], [TEXT_FONT, '600'], [MONO_FONT, '400']] as const).map(async ([family, weight]) => {
        const url = await subsetUrls[`../fonts/${file}`]();
        return new FontFace(family, `url(${url}) format('woff2')`, { weight, style: 'normal', unicodeRange: range });
      });
    }),
  );
  for (const f of faces) document.fonts.add(f);
  await Promise.all(faces.map((f) => f.load().catch(() => undefined)));
}
