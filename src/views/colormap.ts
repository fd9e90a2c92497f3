/**
 * Viridis, the perceptually uniform colour map (matplotlib's default), from 16 of its 256 stops
 * with linear interpolation between them: indistinguishable from the full table at screen depth.
 */
const VIRIDIS_STOPS: readonly [number, number, number][] = [
  [68, 1, 84], [72, 26, 108], [71, 47, 125], [65, 68, 135], [57, 86, 140], [49, 104, 142], [42, 120, 142], [35, 136, 142],
  [31, 152, 139], [34, 168, 132], [53, 183, 121], [84, 197, 104], [122, 209, 81], [165, 219, 54], [210, 226, 27], [253, 231, 37],
];

/** Where float32 overflowed: a neutral grey that viridis never reaches, so it cannot be read as a value. */
export const OVERFLOW_RGB: readonly [number, number, number] = [196, 196, 196];
export const OVERFLOW_CSS = 'rgb(196, 196, 196)';

/** Added to every lookup: 0 in the app; rnnlabDebug's colourMapShift (src/debug.ts) sets it to prove the suite sees a shifted map. */
let lookupShift = 0;
export function setColourMapShift(shift: number): void {
  lookupShift = shift;
}

/** t in [0, 1] (clamped) to an RGB triple, 0..255. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, (Number.isFinite(t) ? t : 0) + lookupShift)) * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS_STOPS[i];
  const b = VIRIDIS_STOPS[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function viridisCss(t: number): string {
  const [r, g, b] = viridis(t);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** The value drawn everywhere: log10(cost + 1), Infinity where the cost overflowed. */
export function logCost(cost: number): number {
  return cost === Infinity ? Infinity : Math.log10(cost + 1);
}

/** The tutorial's contour levels of cost + 1, logspace(-0.2, 8, 30), as log10 values. */
export function contourLevels(): number[] {
  return Array.from({ length: 30 }, (_, i) => -0.2 + (8.2 * i) / 29);
}

/** The colour scale's top: the largest finite log cost, at least one decade. */
export function scaleMax(logCosts: ArrayLike<number>): number {
  let m = 1;
  for (let i = 0; i < logCosts.length; i++) if (Number.isFinite(logCosts[i]) && logCosts[i] > m) m = logCosts[i];
  return m;
}
