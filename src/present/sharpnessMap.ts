/**
 * "colour by: sharpness" (SPEC section 10): the surface's sharpness (the Hessian's largest
 * eigenvalue) as log10 decades for the 3D surface, the map and their colour bar, and the
 * stability contour, where the sharpness equals the main run's stability limit (2/lr for sgd),
 * as chained polylines in grid index units with its label. No DOM: the views draw these.
 */
import { contourSegments } from '../views/contours';
import { shortNumber } from '../views/common';
import { t } from '../i18n';

/** log10 of the sharpness per grid cell, and the colour scale's decades */
export interface SharpnessScale {
  /** row-major like the surface; Infinity where the sharpness is not positive or not finite (drawn grey, never as a number) */
  logs: Float32Array;
  /** the scale's bottom and top, whole decades, at least one apart */
  bottom: number;
  top: number;
  /** some cell holds no log (λmax <= 0, or beyond float32) */
  grey: boolean;
}

const scales = new WeakMap<ArrayLike<number> & object, SharpnessScale>();

/** The log10 sharpness of every cell and whole decades around its finite values (computed once per array). */
export function sharpnessScale(sharpness: ArrayLike<number> & object): SharpnessScale {
  let s = scales.get(sharpness);
  if (s) return s;
  const logs = new Float32Array(sharpness.length);
  let lo = Infinity;
  let hi = -Infinity;
  let grey = false;
  for (let i = 0; i < sharpness.length; i++) {
    const v = sharpness[i];
    if (v > 0 && Number.isFinite(v)) {
      const l = Math.log10(v);
      logs[i] = l;
      if (l < lo) lo = l;
      if (l > hi) hi = l;
    } else {
      logs[i] = Infinity;
      grey = true;
    }
  }
  // whole decades, forgiving float32's rounding (0.01 is stored as 0.0099999998: still 10^-2)
  const bottom = Number.isFinite(lo) ? Math.floor(lo + 1e-6) : 0;
  let top = Number.isFinite(hi) ? Math.ceil(hi - 1e-6) : 1;
  if (top - bottom < 1) top = bottom + 1;
  s = { logs, bottom, top, grey };
  scales.set(sharpness, s);
  return s;
}

/** where a log10 value sits on the scale, 0 at the bottom, 1 at the top (clamped by the colour map) */
export function scaleFraction(scale: Pick<SharpnessScale, 'bottom' | 'top'>, l: number): number {
  return (l - scale.bottom) / (scale.top - scale.bottom);
}

/** The stability contour: sharpness = limit on the surface's grid. */
export interface StabilityLine {
  /** the limit (2/lr for sgd) and its log10 */
  limit: number;
  level: number;
  /** polylines [x0, y0, x1, y1, ...] in grid index units (x = column, y = row); empty when the line is outside the window */
  chains: number[][];
  /** "sgd at lr 0.0001 is unstable beyond this line" */
  label: string;
}

/**
 * The line where the sharpness equals `limit` (null without a limit, as for the Rprop family),
 * from the log10 sharpness of a res x res grid; labelled with the run's name and learning rate.
 */
export function stabilityLine(scale: SharpnessScale, res: number, limit: number | null, run: string, lr: number): StabilityLine | null {
  if (limit === null || !(limit > 0) || !Number.isFinite(limit)) return null;
  const level = Math.log10(limit);
  const chains = chainSegments(contourSegments(scale.logs, res, res, level));
  return { limit, level, chains, label: t('{run} at lr {lr} is unstable beyond this line', { run, lr: shortNumber(lr) }) };
}

/**
 * Joins marching-squares segments [x1, y1, x2, y2, ...] into polylines: neighbouring cells
 * compute a shared edge's crossing from the same two values, so the ends match exactly.
 */
export function chainSegments(seg: readonly number[]): number[][] {
  const n = seg.length / 4;
  const ends = new Map<string, number[]>();
  const key = (x: number, y: number) => `${x},${y}`;
  for (let i = 0; i < n; i++)
    for (const e of [0, 1]) {
      const k = key(seg[4 * i + 2 * e], seg[4 * i + 2 * e + 1]);
      const list = ends.get(k);
      if (list) list.push(2 * i + e);
      else ends.set(k, [2 * i + e]);
    }
  const used = new Uint8Array(n);
  /** the segment joined at end `end` (2 * segment + 0 or 1), other than `from`, not used yet */
  const next = (x: number, y: number): number => (ends.get(key(x, y)) ?? []).find((e) => !used[e >> 1]) ?? -1;
  const chains: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const pts = [seg[4 * i], seg[4 * i + 1], seg[4 * i + 2], seg[4 * i + 3]];
    // forwards from the second end, then backwards from the first
    for (const forward of [true, false]) {
      for (;;) {
        const x = forward ? pts[pts.length - 2] : pts[0];
        const y = forward ? pts[pts.length - 1] : pts[1];
        const e = next(x, y);
        if (e < 0) break;
        const j = e >> 1;
        used[j] = 1;
        const o = 4 * j + 2 * (1 - (e & 1)); // the segment's other end
        if (forward) pts.push(seg[o], seg[o + 1]);
        else pts.unshift(seg[o], seg[o + 1]);
      }
    }
    chains.push(pts);
  }
  return chains;
}

/** the middle point of the longest chain (by points), where a label goes; null without one */
export function labelAnchor(chains: readonly number[][]): [number, number] | null {
  let best: number[] | null = null;
  for (const c of chains) if (!best || c.length > best.length) best = c;
  if (!best) return null;
  const i = 2 * Math.floor(best.length / 4);
  return [best[i], best[i + 1]];
}
