// Writes the app's icons (public/icon-192.png, public/icon-512.png) for the web app manifest:
// the colour map's ramp behind a white path with a start dot. Run once: node scripts/icons.mjs
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
const ramp = (t) => {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  return STOPS[i].map((a, k) => Math.round(a + (STOPS[i + 1][k] - a) * f));
};
for (const size of [192, 512]) {
  const png = new PNG({ width: size, height: size });
  const s = size / 512;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const u = x / size - 0.5;
      const v = y / size - 0.5;
      // a valley: low in the middle, high at the sides
      let rgb = ramp(Math.min(1, 3.2 * u * u + 0.15 + 0.25 * v));
      // the path: a white curve from the top left into the valley
      const py = 0.25 + 0.55 * (1 - Math.exp(-6 * (x / size - 0.18)));
      if (x / size > 0.18 && x / size < 0.62 && Math.abs(y / size - (1 - py)) < 0.018) rgb = [255, 255, 255];
      if (Math.hypot(x - 0.18 * size, y - 0.75 * size) < 26 * s) rgb = [255, 106, 0];
      const k = (y * size + x) * 4;
      png.data[k] = rgb[0];
      png.data[k + 1] = rgb[1];
      png.data[k + 2] = rgb[2];
      png.data[k + 3] = 255;
    }
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), PNG.sync.write(png));
}
