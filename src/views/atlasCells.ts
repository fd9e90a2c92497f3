/**
 * What the trainability atlas panel draws, without the DOM: its input (one result per run, each
 * run's axes), the cell colours by class (SPEC section 8), the shares and the texts. Used by the
 * panel (atlasPanel.ts), the saved images (src/export) and the 3D drape.
 */
import { viridis } from './colormap';
import { formatNumber } from './common';
import { t as tr } from '../i18n';
import { cellClass } from '../model/atlas';
import type { AtlasGrid } from '../state/derived';

export type AtlasPanelMode = 'starts' | 'lr';

/** One run's atlas, row-major (rows = yAxis, columns = xAxis); the model's AtlasOutput fits. */
export interface AtlasPanelResult {
  finalCost: Float32Array | Float64Array;
  convergedAt: Int32Array;
  divergedAt: Int32Array;
}

/** One run's axes, labels and marker (atlasRunView: a run's own, else the input's). */
export interface AtlasRunAxes extends AtlasGrid {
  marker: [number, number] | null;
}

export interface AtlasPanelRun extends Partial<AtlasRunAxes> {
  title: string;
  css: string;
  result: AtlasPanelResult | null;
}

/**
 * What the panel shows. The axes, labels and marker here are the main run's; in 'lr' mode each
 * run may carry its own (learning rates for sgd/momentum/clip/adam, the etas for the Rprop
 * family): atlasRunView(input, i) gives run i's.
 */
export interface AtlasPanelInput extends AtlasGrid {
  mode: AtlasPanelMode;
  iterations: number;
  tol: number;
  /** one per run: main run first, then compared runs */
  runs: AtlasPanelRun[];
  /** the current start (starts mode) or the current hyperparameters' point (lr mode), in axis units */
  marker: [number, number] | null;
  /** e.g. a clamp note or 'zoomed below float32 resolution' */
  note: string | null;
}

/** Run i's axes, labels and marker: its own where it has them, else the input's. */
export function atlasRunView(input: AtlasPanelInput, i: number): AtlasRunAxes {
  const r = input.runs[i];
  return {
    xAxis: r?.xAxis ?? input.xAxis,
    yAxis: r?.yAxis ?? input.yAxis,
    xLabel: r?.xLabel ?? input.xLabel,
    yLabel: r?.yLabel ?? input.yLabel,
    xLog: r?.xLog ?? input.xLog,
    yLog: r?.yLog ?? input.yLog,
    marker: r && r.marker !== undefined ? r.marker : input.marker,
  };
}

export interface AtlasHoverInfo {
  run: number;
  col: number;
  row: number;
  /** the cell's axis values (log10 for log axes) */
  x: number;
  y: number;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers (no DOM): colours, shares, formatting, layout, zoom.

/** Diverged: early = bright saturated red, through orange, late = dark orange-brown. */
const DIVERGED_STOPS: readonly [number, number, number][] = [
  [255, 38, 38],
  [226, 92, 22],
  [128, 62, 22],
];
/** Not converged: grey levels for the lowest and highest final log cost; overflow (Infinity, NaN) darkest. */
const GREY_LIGHT = 200;
const GREY_DARK = 78;
const GREY_OVERFLOW = 56;

/** Where the grey ramp is: log10(1 + l / 0.01) / log10(1 + 40 / 0.01) of l = log10(cost + 1), in [0, 1]. */
export function atlasGreyPosition(finalCost: number): number {
  if (!(finalCost >= 0) || finalCost === Infinity) return 1;
  const l = Math.log10(finalCost + 1);
  return Math.min(1, Math.log10(1 + l / 0.01) / Math.log10(1 + 40 / 0.01));
}

/** Where the diverged ramp is: log(1 + divergedAt) / log(1 + iterations), in [0, 1] (early = 0). */
export function atlasDivergedPosition(divergedAt: number, iterations: number): number {
  if (!(iterations > 0)) return 0;
  return Math.min(1, Math.max(0, Math.log1p(Math.max(0, divergedAt)) / Math.log1p(iterations)));
}

export function divergedRgb(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (DIVERGED_STOPS.length - 1);
  const i = Math.min(DIVERGED_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = DIVERGED_STOPS[i];
  const b = DIVERGED_STOPS[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export function greyRgb(t: number, overflow: boolean): [number, number, number] {
  const g = overflow ? GREY_OVERFLOW : Math.round(GREY_LIGHT + (GREY_DARK - GREY_LIGHT) * Math.min(1, Math.max(0, t)));
  return [g, g, g];
}

export function convergedRgb(t: number): [number, number, number] {
  const [r, g, b] = viridis(t);
  return [Math.round(r), Math.round(g), Math.round(b)];
}

/**
 * A cell's colour, 0..255 integers. Converged: viridis at 1 - convergedAt / iterations (fast =
 * bright yellow, slow = dark purple). Not converged: grey, lighter for a lower final
 * log10(cost + 1), Infinity or NaN darkest. Diverged: red (early) to dark orange-brown (late),
 * on a log scale of divergedAt (divergence is usually early).
 */
export function atlasCellColour(convergedAt: number, divergedAt: number, finalCost: number, iterations: number): [number, number, number] {
  const c = cellClass(convergedAt, divergedAt);
  if (c === 'diverged') return divergedRgb(atlasDivergedPosition(divergedAt, iterations));
  if (c === 'converged') return convergedRgb(iterations > 0 ? 1 - Math.min(1, convergedAt / iterations) : 1);
  const overflow = !(finalCost >= 0) || finalCost === Infinity;
  return greyRgb(atlasGreyPosition(finalCost), overflow);
}

/** Shares (fractions in [0, 1]) of each class over all cells, and the number of cells. */
export function atlasShares(result: AtlasPanelResult): { converged: number; diverged: number; notConverged: number; cells: number } {
  const n = Math.min(result.convergedAt.length, result.divergedAt.length);
  let converged = 0;
  let diverged = 0;
  for (let i = 0; i < n; i++) {
    if (result.divergedAt[i] >= 0) diverged++;
    else if (result.convergedAt[i] >= 0) converged++;
  }
  if (n === 0) return { converged: 0, diverged: 0, notConverged: 0, cells: 0 };
  return { converged: converged / n, diverged: diverged / n, notConverged: (n - converged - diverged) / n, cells: n };
}

/**
 * A share as a percentage: one decimal under 10% and over 90%, integers between; never "0.0%"
 * for some cells or "100%" for not all of them ("<0.1%", ">99.9%").
 */
export function formatShare(fraction: number): string {
  const p = fraction * 100;
  if (!(p > 0)) return '0%';
  if (p >= 100) return '100%';
  if (p < 0.05) return '<0.1%';
  if (p >= 99.95) return '>99.9%';
  if (p < 10 || p > 90) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** The final cost in the hover text. */
export function formatCost(cost: number): string {
  if (!Number.isFinite(cost)) return formatNumber(cost);
  const a = Math.abs(cost);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return cost.toExponential(2);
  return String(Number(cost.toPrecision(3)));
}

/** The outcome of one cell in words: "converged at 87", "diverged at 3", "not converged, final cost 0.07". */
export function atlasOutcomeText(convergedAt: number, divergedAt: number, finalCost: number): string {
  const c = cellClass(convergedAt, divergedAt);
  if (c === 'diverged') return tr('diverged at {k}', { k: divergedAt });
  if (c === 'converged') return tr('converged at {k}', { k: convergedAt });
  return tr('not converged, final cost {cost}', { cost: formatCost(finalCost) });
}

/** Maps per row: 1 run 1; 2 and 4 runs 2; 3, 5 and 6 runs 3, or 2 where 3 would be narrower than 150 px. */
/** CSS pixels between the atlas's maps */
export const GRID_GAP = 12;

export function atlasGridColumns(runs: number, innerWidth: number): number {
  if (runs <= 1) return 1;
  const cols = runs === 2 || runs === 4 ? 2 : 3;
  return cols === 3 && innerWidth / 3 < 150 ? 2 : cols;
}
