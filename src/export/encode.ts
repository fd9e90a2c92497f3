/**
 * Export encoders: the runs as CSV and JSON, the surface grid as CSV and as a NumPy .npy
 * (float32) with its axes in JSON, the data set as text, and the file names that say what each
 * file holds. Pure functions, no DOM (tested in vitest).
 *
 * Numbers are written with JavaScript's shortest round-trip form (String(x)), so parsing a file
 * back gives the same float64 (runs) or float32 (surface) values bit for bit. Non-finite values:
 * "Infinity" / "-Infinity" in CSV (Number() reads them back), null in JSON.
 */
import type { Dataset } from '../model/dataset';
import type { OptimiserName, Hyper } from '../model/optimiserSpec';
import type { Params } from '../state/schema';

/** What a run holds for export: the fields of OptimiserRun that are written. */
export interface ExportRun {
  opt: OptimiserName;
  hyper: Hyper;
  weights: readonly (readonly [number, number])[];
  costs: readonly number[];
  diverged: number | null;
  /** per iterate: the step sizes (Rprop family: Delta of wx and wRec; others |w_k - w_{k-1}|) */
  steps: readonly (readonly [number, number])[];
}

export interface ExportGrid {
  res: number;
  wx: ArrayLike<number>;
  wRec: ArrayLike<number>;
  cost: ArrayLike<number>;
  wxGrad: ArrayLike<number>;
  wRecGrad: ArrayLike<number>;
}

export const RUNS_CSV_HEADER = ['run', 'opt', 'iteration', 'wx', 'wRec', 'cost', 'step_wx', 'step_wRec'] as const;
export const SURFACE_CSV_HEADER = ['wx', 'wRec', 'cost', 'wxGrad', 'wRecGrad'] as const;
/** the arrays of the .npy, in its first axis's order */
export const NPY_ARRAYS = ['cost', 'wxGrad', 'wRecGrad'] as const;

const num = (v: number): string => String(v);
const jsonNum = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** One line per iterate of every run: run index (0 = main), optimiser, iteration, weights, cost, step sizes. */
export function runsToCsv(runs: readonly ExportRun[]): string {
  const lines: string[] = [RUNS_CSV_HEADER.join(',')];
  runs.forEach((r, i) => {
    for (let k = 0; k < r.weights.length; k++) {
      const [wx, wRec] = r.weights[k];
      const [a, b] = r.steps[k] ?? [NaN, NaN];
      lines.push([i, r.opt, k, num(wx), num(wRec), num(r.costs[k]), num(a), num(b)].join(','));
    }
  });
  return lines.join('\n') + '\n';
}

/** The runs as JSON: per run its optimiser, every hyperparameter it used, the outcome and one array per column. */
export function runsToJson(runs: readonly ExportRun[], meta: { start: readonly [number, number]; dataset: string }): string {
  return JSON.stringify(
    {
      start: meta.start,
      dataset: meta.dataset,
      runs: runs.map((r) => ({
        opt: r.opt,
        hyper: r.hyper,
        diverged: r.diverged,
        iteration: r.weights.map((_, k) => k),
        wx: r.weights.map((w) => jsonNum(w[0])),
        wRec: r.weights.map((w) => jsonNum(w[1])),
        cost: r.costs.map(jsonNum),
        stepWx: r.weights.map((_, k) => jsonNum(r.steps[k]?.[0] ?? NaN)),
        stepWRec: r.weights.map((_, k) => jsonNum(r.steps[k]?.[1] ?? NaN)),
      })),
    },
    null,
    1,
  );
}

/** The grid in long form: one line per grid point, rows = wRec outer, columns = wx inner (the arrays' order). */
export function surfaceToCsv(g: ExportGrid): string {
  const lines: string[] = [SURFACE_CSV_HEADER.join(',')];
  for (let row = 0; row < g.res; row++)
    for (let col = 0; col < g.res; col++) {
      const i = row * g.res + col;
      lines.push(`${num(g.wx[col])},${num(g.wRec[row])},${num(g.cost[i])},${num(g.wxGrad[i])},${num(g.wRecGrad[i])}`);
    }
  return lines.join('\n') + '\n';
}

/**
 * A NumPy .npy file (format 1.0): little-endian float32, C order, of the given shape. The header
 * is padded with spaces and ends in '\n' so that the data starts at a multiple of 64 bytes.
 */
export function npyFloat32(values: ArrayLike<number>, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`npy: shape ${shape.join('x')} holds ${count} values, got ${values.length}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + count * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY, version 1.0
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < count; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/** The surface as one .npy of shape (3, res, res): cost, wxGrad, wRecGrad, each rows = wRec, columns = wx. */
export function surfaceToNpy(g: ExportGrid): Uint8Array {
  const n = g.res * g.res;
  const all = new Float32Array(3 * n);
  NPY_ARRAYS.forEach((name, a) => {
    const src = g[name];
    for (let i = 0; i < n; i++) all[a * n + i] = src[i];
  });
  return npyFloat32(all, [3, g.res, g.res]);
}

/** The axes and layout of the .npy, written beside it. */
export function surfaceAxesJson(g: ExportGrid, meta: { dataset: string; npyFile: string }): string {
  return JSON.stringify(
    {
      file: meta.npyFile,
      dataset: meta.dataset,
      shape: [3, g.res, g.res],
      arrays: NPY_ARRAYS,
      axes: ['array', 'wRec', 'wx'],
      note: 'array[a][row][col]: row = index into wRec, col = index into wx; cost beyond float32 is inf',
      wx: Array.from(g.wx),
      wRec: Array.from(g.wRec),
    },
    null,
    1,
  );
}

/** The data set as text: one sequence of 0 and 1 per line (what the rows editor and `data=` accept). */
export function datasetToLines(d: Dataset): string {
  const lines: string[] = [];
  for (let i = 0; i < d.samples; i++) lines.push(Array.from(d.x.subarray(i * d.seqLen, (i + 1) * d.seqLen)).join(''));
  return lines.join('\n') + '\n';
}

/** A short name of the data set: tutorial, random-seed0-20x10, or rows-<samples>x<seqLen>. */
export function datasetLabel(p: Pick<Params, 'data' | 'preset' | 'seed' | 'samples' | 'seqLen'>, d?: Pick<Dataset, 'samples' | 'seqLen'>): string {
  if (p.data) return d ? `rows-${d.samples}x${d.seqLen}` : 'rows';
  return p.preset === 'random' ? `random-seed${p.seed}-${p.samples}x${p.seqLen}` : 'tutorial';
}

/** Makes a piece of a file name safe on every file system: letters, digits, '.', '-', '+', '_'. */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9.+_-]+/g, '_').replace(/_+/g, '_');
}

export type ExportWhat = 'runs' | 'surface' | 'surface-axes' | 'dataset' | 'image';

/**
 * A file name that says what the file holds: rnnlab-<what>-<optimisers>-start<wx>_<wRec>-<data set>[-extra].<ext>.
 * The surface does not depend on the optimiser or the start; its name says the range and res instead.
 */
export function exportFileName(
  what: ExportWhat | string,
  p: Pick<Params, 'opt' | 'compare' | 'start' | 'range' | 'res'>,
  dataset: string,
  ext: string,
  extra = '',
): string {
  const opts = [p.opt, ...p.compare.map((c) => c.opt)].join('+');
  const start = `start${p.start[0]}_${p.start[1]}`;
  const parts =
    what === 'surface' || what === 'surface-axes'
      ? ['rnnlab', what, dataset, `range${p.range.join('_')}`, `res${p.res}`]
      : what === 'dataset'
        ? ['rnnlab', what, dataset]
        : ['rnnlab', what, opts, start, dataset];
  if (extra) parts.push(extra);
  return `${parts.map(safeName).join('-')}.${ext}`;
}
