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
