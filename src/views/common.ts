/** Things every view shares: the tutorial's marked points, axis ticks, number formatting. */
import { MARKED_POINTS } from '../model/rnn';
import { t } from '../i18n';

export interface MarkedPoint {
  wx: number;
  wRec: number;
  name: string;
  color: number;
  css: string;
}

/** The tutorial's six points (SPEC section 4), in its colours, brightened for a dark background. */
const COLOURS: readonly [string, number, string][] = [
  ['red', 0xff3b3b, '#ff3b3b'],
  ['blue', 0x4f8cff, '#4f8cff'],
  ['green', 0x33d17a, '#33d17a'],
  ['cyan', 0x00e5ff, '#00e5ff'],
  ['magenta', 0xff4dff, '#ff4dff'],
  ['yellow', 0xffe135, '#ffe135'],
];
/** A marked point's colour by its CSS name (the tutorial's six), brightened: [three.js colour, CSS]; white for others. */
export function markedPointColour(name: string): [number, string] {
  const c = COLOURS.find((x) => x[0] === name);
  return c ? [c[1], c[2]] : [0xffffff, '#ffffff'];
}

export const TUTORIAL_POINTS: readonly MarkedPoint[] = MARKED_POINTS.map(([wx, wRec], i) => {
  const [name, color, css] = COLOURS[i];
  return { wx, wRec, name, color, css };
});

/** Round tick values covering [min, max], about `count` of them (`integer`: whole numbers only, for lengths and steps). */
export function niceTicks(min: number, max: number, count: number, integer = false): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  // (whole steps skip 2.5: they may come a little closer, or the step would jump from 2 to 5)
  const raw = integer ? Math.max(1, (0.8 * span) / Math.max(1, count)) : span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = (integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]).map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

export function formatTick(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** A number for a readout: fixed digits, or the special values in words. */
export function formatNumber(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return t('> float32 max (overflow)');
  if (v === -Infinity) return t('< -float32 max (overflow)');
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(digits - 1);
  return v.toFixed(digits);
}

/**
 * A cost in a readout: as formatNumber(v, 3) (0.910, 1.075, 1.80e-6, 6.16e+5), but never more
 * than 4 significant digits from 10 on (49.23 and 1455, not 49.230 and 1454.554).
 */
export function formatReadoutCost(v: number): string {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || a < 10 || a >= 1e5) return formatNumber(v, 3);
  const e = Math.floor(Math.log10(a));
  const text = v.toFixed(Math.max(0, 3 - e));
  // rounding into the next decade (99.996 -> 100.00): that decade's digits
  const b = Math.abs(Number(text));
  if (Math.floor(Math.log10(b)) !== e) return b >= 1e5 ? formatNumber(Number(text), 3) : formatReadoutCost(Number(text));
  return text;
}

/** A number as short as it can be without misreading it: 0.0001 -> 1e-4, 1.2 -> 1.2, 221.8 -> 221.8 (4 significant digits, no trailing zeros). */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** An Rprop step size: 4 significant digits, so that each x1.2 growth shows (0.001000, 0.001200, 0.001440). */
export function formatStep(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : formatNumber(v);
}

/** symmetric log: linear within +/- linthresh, logarithmic beyond, sign kept */
export function symlog(v: number, linthresh: number): number {
  return Math.sign(v) * Math.log10(1 + Math.abs(v) / linthresh);
}

/** 12 -> '¹²', -3 -> '⁻³' (decades on the colour bar and log axes) */
export function superscript(n: number): string {
  const d = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((c) => (c === '-' ? '⁻' : d[Number(c)]))
    .join('');
}

/** Where a start outside the plotted window is marked: the nearest point of its edge; null when inside. */
export function startAtEdge(wx: number, wRec: number, range: readonly [number, number, number, number]): [number, number] | null {
  const [a, b, c, d] = range;
  if (wx >= a && wx <= b && wRec >= c && wRec <= d) return null;
  return [Math.min(b, Math.max(a, wx)), Math.min(d, Math.max(c, wRec))];
}

/** The note beside a start marked at the edge. */
export function startOutsideNote(wx: number, wRec: number): string {
  return t('start ({wx}, {wRec}) is outside the range: marked at its edge', { wx: shortNumber(wx), wRec: shortNumber(wRec) });
}
