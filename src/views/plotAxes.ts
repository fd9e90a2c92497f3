/**
 * The lesson plots' axes (src/views/linePlot.ts), no DOM: where a value sits on a linear or log
 * axis, the data's extent, the ticks and their labels, and how many points fall in a box (where
 * a label would cover the data).
 */
import { formatTick, niceTicks, superscript } from './common';
import type { PlotSpec } from './linePlot';

/** Where a value sits on an axis: log10 on a log axis (null where it cannot be drawn). */
export function axisValue(v: number, log: boolean): number | null {
  if (!Number.isFinite(v)) return null;
  if (!log) return v;
  return v > 0 ? Math.log10(v) : null;
}

/** The data's extent on an axis in axis units (log10 on a log axis), padded a little; [0, 1] with no data. */
export function dataExtent(values: Iterable<number>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    const a = axisValue(v, log);
    if (a === null) continue;
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  if (!(hi >= lo)) return [0, 1];
  if (hi - lo < 1e-9) return log ? [lo - 0.5, hi + 0.5] : [lo - Math.max(1, Math.abs(lo)) * 0.1, hi + Math.max(1, Math.abs(hi)) * 0.1];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** Tick positions in axis units: whole decades on a log axis (every few when many), nice numbers on a linear one (`integer`: whole ones). */
export function plotTicks(lo: number, hi: number, log: boolean, count: number, integer = false): number[] {
  if (!log) return niceTicks(lo, hi, count, integer);
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(2, count)));
  const out: number[] = [];
  for (let d = first; d <= last; d += step) out.push(d);
  return out;
}

/** A tick's label: 10^d on a log axis, the number on a linear one. */
export function tickLabel(v: number, log: boolean): string {
  if (!log) return formatTick(v);
  if (v === 0) return '1';
  if (v === 1) return '10';
  return `10${superscript(v)}`;
}

/** How many of the spec's data points are drawn inside the box (canvas CSS pixels). */
export function countInBox(spec: PlotSpec, g: { px: (a: number) => number; py: (a: number) => number }, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (const s of spec.series)
    for (const [vx, vy] of s.points) {
      const ax = axisValue(vx, spec.xLog);
      const ay = axisValue(vy, spec.yLog);
      if (ax === null || ay === null) continue;
      const [px, py] = [g.px(ax), g.py(ay)];
      if (px >= x && px <= x + w && py >= y && py <= y + h) n++;
    }
  return n;
}
