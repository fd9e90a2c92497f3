/**
 * The atlas maps' axes as numbers and text (no DOM): tick positions (whole decades on a log10
 * axis), tick and hover labels (a log10 value as the number it stands for: 1e-4, 1.48e-4), the
 * nearest cell, an axis's drawn extent, and the wheel's zoom.
 */
import { formatTick, niceTicks } from './common';

/**
 * Tick positions of an axis over [a, b]: a log10 axis at whole decades (every k-th where there
 * are many) while at least two fit, else as a linear axis; a linear axis at niceTicks.
 */
export function axisTicks(a: number, b: number, count: number, log: boolean): number[] {
  if (log) {
    const lo = Math.ceil(a - 1e-9);
    const hi = Math.floor(b + 1e-9);
    if (hi - lo >= 1) {
      const step = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(2, count + 1)));
      const out: number[] = [];
      for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
      if (out.length >= 2) return out;
    }
  }
  return niceTicks(a, b, count);
}

/** A tick label: linear as formatTick; a log10 value v as the number 10^v: 1e-3 at a whole decade, else 3.2e-4. */
export function formatAxisTick(v: number, log: boolean): string {
  if (!log) return formatTick(v);
  const r = Math.round(v);
  if (Math.abs(v - r) < 1e-9) return `1e${r}`;
  return powerOfTen(v, 2);
}

/** 10^v in scientific notation with `digits` significant digits, without a '+' or trailing zeros: 3.2e-4, 1.48e-4. */
export function powerOfTen(v: number, digits: number): string {
  const [m, e] = (10 ** v).toExponential(digits - 1).split('e');
  const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
  return `${mant}e${Number(e)}`;
}

/** Decimals that tell neighbouring cells apart: ceil(-log10(spacing)), at least `min`, at most 8. */
export function axisDecimals(spacing: number, min: number): number {
  if (!(spacing > 0) || !Number.isFinite(spacing)) return min;
  return Math.min(8, Math.max(min, Math.ceil(-Math.log10(spacing) - 1e-9)));
}

/**
 * A cell's axis value for the hover text: fixed decimals; a log10 axis as the value 10^v with the
 * significant digits that tell neighbouring cells apart (1.48e-4, not 1e-3.83).
 */
export function formatAxisValue(v: number, log: boolean, spacing: number): string {
  if (log) {
    // neighbours differ by the factor 10^spacing: enough digits to see 10^spacing - 1
    const rel = Math.expm1(Math.abs(spacing) * Math.LN10);
    const digits = rel > 0 && Number.isFinite(rel) ? Math.min(8, Math.max(3, Math.ceil(-Math.log10(rel) + 1e-9) + 1)) : 3;
    return powerOfTen(v, digits);
  }
  const d = axisDecimals(spacing, 2);
  const s = v.toFixed(d);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s; // no "-0.00"
}

/** Index of the axis value nearest to v (axis increasing); -1 for an empty axis. */
export function nearestIndex(axis: ArrayLike<number>, v: number): number {
  const n = axis.length;
  if (n === 0) return -1;
  if (!(v > axis[0])) return 0;
  if (v >= axis[n - 1]) return n - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (axis[mid] <= v) lo = mid;
    else hi = mid;
  }
  return v - axis[lo] <= axis[hi] - v ? lo : hi;
}

/** The drawn extent of an axis: its first to its last value (a single value: +/- 0.5). */
export function axisExtent(axis: ArrayLike<number>): [number, number] {
  const n = axis.length;
  if (n === 0) return [0, 1];
  const a = axis[0];
  const b = axis[n - 1];
  return b > a ? [a, b] : [a - 0.5, a + 0.5];
}

/** Wheel zoom: the window scaled by `factor` about the point (px, py), all in axis units. */
export function zoomAbout(
  range: readonly [number, number, number, number],
  px: number,
  py: number,
  factor: number,
): [number, number, number, number] {
  const [a, b, c, d] = range;
  return [px + (a - px) * factor, px + (b - px) * factor, py + (c - py) * factor, py + (d - py) * factor];
}

/** Wheel notch: 0.8 (in, deltaY < 0), 1.25 (out, deltaY > 0), 1 (no vertical motion). */
export function wheelFactor(deltaY: number): number {
  return deltaY < 0 ? 0.8 : deltaY > 0 ? 1.25 : 1;
}

/**
 * Ticks over [a, b] whose labels, measured by `measure`, do not run into each other along an axis
 * `length` pixels long: as many as `count` asks for, fewer where the labels are wide ("1e-9" at
 * every decade of a narrow map).
 */
export function fittingTicks(a: number, b: number, count: number, log: boolean, length: number, measure: (label: string) => number, gap = 6): number[] {
  for (let c = count; c >= 1; c--) {
    const ticks = axisTicks(a, b, c, log);
    const px = ticks.map((v) => ((v - a) / (b - a)) * length);
    const w = ticks.map((v) => measure(formatAxisTick(v, log)));
    if (ticks.every((_, i) => i === 0 || px[i] - px[i - 1] >= (w[i] + w[i - 1]) / 2 + gap)) return ticks;
  }
  return axisTicks(a, b, 1, log).slice(0, 1);
}
