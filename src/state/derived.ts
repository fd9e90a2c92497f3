/**
 * What the parameters imply, computed in one place: the data set, each run's hyperparameters,
 * and the axes of the learning-rate atlas. No DOM.
 */
import { parseRows, randomDataset, tutorialDataset, type Dataset } from '../model/dataset';
import { HYPER_NAMES, isRpropFamily, type Hyper, type OptimiserName, type RunHyper } from '../model/optimiserSpec';
import { defaultAtlasLrRange } from '../model/atlas';
import { linspace } from '../model/surface';
import { t } from '../i18n';
import { ATLAS_LR_LIMIT, ENGINE_KEYS, type CompareRun, type Params } from './schema';
import { RUN_HYPER_NAMES } from './compare';
import { modelConfig, modelOf, modelSharpness } from '../model/models';

/**
 * The full hyperparameters a run uses: the shared ones of params, then the run's overrides.
 * lrWRec null (not given) means the run's own lr.
 */
export function hyperFor(p: Readonly<Hyper> & { readonly lrWRec?: number | null }, run?: Readonly<CompareRun>): RunHyper {
  const h = { lrWRec: null } as RunHyper;
  for (const n of HYPER_NAMES) h[n] = p[n];
  h.lrWRec = p.lrWRec ?? null;
  if (run) for (const n of RUN_HYPER_NAMES) if (run.overrides[n] !== undefined) (h as unknown as Record<string, number | null>)[n] = run.overrides[n]!;
  return h;
}

// --- the atlas axes --------------------------------------------------------------------------

export interface AtlasAxis {
  /** the hyperparameter on this axis, e.g. "lr of wx" or "etaPlus" */
  label: string;
  /** for log axes the log10 exponents, else the values; lo < hi */
  lo: number;
  hi: number;
  /** the value at t is 10^t (learning rates), else t (etas) */
  log: boolean;
}

/**
 * The hyperparameter axes of atlas=lr for the optimiser opt (the main run's or a compared one's). lr
 * optimisers: x, y = log10 of the learning rate of wx and of wRec, atlasRange, or where it is
 * null the window derived from the start (defaultAtlasLrRange, on the data set d). Rprop family:
 * x = etaPlus, y = etaMinus (linear), atlasEtaRange. Both are clamped at parse time.
 */
export function atlasAxes(p: Pick<Params, 'atlasRange' | 'atlasEtaRange' | 'start'>, opt: OptimiserName, d: Dataset): { x: AtlasAxis; y: AtlasAxis } {
  if (isRpropFamily(opt)) {
    const r = p.atlasEtaRange;
    return { x: { label: 'etaPlus', lo: r[0], hi: r[1], log: false }, y: { label: 'etaMinus', lo: r[2], hi: r[3], log: false } };
  }
  const r = effectiveAtlasRange(p, d);
  return { x: { label: t('lr of wx'), lo: r[0], hi: r[1], log: true }, y: { label: t('lr of wRec'), lo: r[2], hi: r[3], log: true } };
}

/** The cells' axes of one run's atlas, with what they hold. */
export interface AtlasGrid {
  /** columns: wx ('starts'), log10 of the learning rate of wx or etaPlus ('lr'); increasing */
  xAxis: Float64Array;
  /** rows: wRec ('starts'), log10 of the learning rate of wRec or etaMinus ('lr'); row 0 = smallest, drawn at the bottom */
  yAxis: Float64Array;
  /** e.g. 'wx', 'wRec' or 'lr of wx', 'lr of wRec', 'etaPlus', 'etaMinus' */
  xLabel: string;
  yLabel: string;
  /** the axis arrays hold log10 values (ticks read 1e-3) */
  xLog: boolean;
  yLog: boolean;
}

/**
 * The grid of the atlas of a run with optimiser opt, atlasRes cells per side, ends included:
 * 'starts' over the surface's range (the same for every run); 'lr' over atlasAxes (learning
 * rates log-spaced).
 */
export function atlasGrid(
  p: Pick<Params, 'atlas' | 'atlasRes' | 'range' | 'atlasRange' | 'atlasEtaRange' | 'start'> & Partial<Pick<Params, 'model'>>,
  opt: OptimiserName,
  d: Dataset,
): AtlasGrid {
  const n = p.atlasRes;
  if (p.atlas !== 'lr') {
    const r = p.range;
    // the starts' axes by the model's weights' names (wx, wRec; w, b)
    const [xLabel, yLabel] = modelOf(p.model).weights;
    return { xLabel, yLabel, xLog: false, yLog: false, xAxis: linspace(r[0], r[1], n), yAxis: linspace(r[2], r[3], n) };
  }
  const { x, y } = atlasAxes(p, opt, d);
  return { xLabel: x.label, yLabel: y.label, xLog: x.log, yLog: y.log, xAxis: linspace(x.lo, x.hi, n), yAxis: linspace(y.lo, y.hi, n) };
}

/** atlasRange, or where it is null (not set) the window derived from the start on the data set d. */
export function effectiveAtlasRange(
  p: Pick<Params, 'atlasRange' | 'start'> & Partial<Pick<Params, 'model' | 'x0' | 'target' | 'steps'>>,
  d: Dataset,
): [number, number, number, number] {
  if (p.atlasRange) return [...p.atlasRange];
  // another model than the linear RNN: its own sharpness at the start
  const model = p.model && p.model !== 'linear' ? modelOf(p.model) : null;
  const values = model ? modelConfig(model.name, p).params : {};
  const r = defaultAtlasLrRange(d, p.start, model ? (a, b) => modelSharpness(model, values, d, a, b) : undefined);
  return r.map((v) => Math.min(ATLAS_LR_LIMIT[1], Math.max(ATLAS_LR_LIMIT[0], v))) as [number, number, number, number];
}

/**
 * Whether anything shown needs the surface's sharpness (SPEC section 10): colour by sharpness, or
 * the stability contour, drawn while the lesson is (its plots or a sweep) for a run with a limit
 * (the main run's, else a compared run's: src/present/viewModel.ts).
 * Otherwise the engine asks for the surface without it (the plain view stays as fast as it was).
 */
export function surfaceShowsSharpness(p: Pick<Params, 'colorBy' | 'plots' | 'sweep' | 'opt' | 'compare'>): boolean {
  const limited = [p.opt, ...p.compare.map((c) => c.opt)].some((o) => !isRpropFamily(o));
  return p.colorBy === 'sharpness' || ((p.plots !== 'none' || p.sweep !== 'off') && limited);
}

/** The data set that params describe: typed rows first, else the chosen preset. */
export function datasetFor(p: Params): Dataset {
  if (p.data) return parseRows(p.data);
  return p.preset === 'random' ? randomDataset(p.seed, p.samples, p.seqLen) : tutorialDataset();
}

/** The keys that change the computed numbers (ENGINE_KEYS), what the engine is handed. */
export function engineParams(p: Params): Partial<Params> {
  const out: Partial<Record<keyof Params, unknown>> = {};
  for (const k of ENGINE_KEYS) out[k] = p[k];
  return out as Partial<Params>;
}
