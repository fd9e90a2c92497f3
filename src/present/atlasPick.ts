/**
 * What the atlas's maps mean for the parameters, per run (no DOM): where each run's current
 * settings sit on its own map (the marker), what a click on a run's map sets, and which window
 * a zoom on it changes. In 'lr' mode a map of sgd, momentum, clip or adam is over the learning
 * rates of wx and wRec (log10), a map of the Rprop family over etaPlus and etaMinus.
 */
import { isRpropFamily, learningRates, type OptimiserName, type RunHyper } from '../model/optimiserSpec';
import type { CompareRun, Params } from '../state/schema';
import { hyperFor } from '../state/derived';

export interface AtlasRunSpec {
  opt: OptimiserName;
  hyper: RunHyper;
}

/** Where run's current settings sit on its map: the start ('starts'), or its hyperparameters in axis units. */
export function atlasRunMarker(mode: 'starts' | 'lr', run: AtlasRunSpec, start: readonly [number, number]): [number, number] {
  if (mode === 'starts') return [start[0], start[1]];
  if (isRpropFamily(run.opt)) return [run.hyper.etaPlus, run.hyper.etaMinus];
  const [a, b] = learningRates(run.hyper);
  return [Math.log10(a), Math.log10(b)];
}

/**
 * The parameter change of a click on cell (x, y) of run `index`'s map (0: the main run, i: the
 * compared run i - 1): 'starts' the start; 'lr' that run's etaPlus and etaMinus, or its lr and
 * lrWRec (10^x, 10^y). Values are the cell's exactly (not rounded), so that the run then ends as
 * the cell says; a compared run gets them as its overrides, the others keep theirs.
 */
export function atlasPickChange(
  mode: 'starts' | 'lr',
  p: Pick<Params, 'opt' | 'compare'>,
  index: number,
  x: number,
  y: number,
): Partial<Params> | null {
  if (mode === 'starts') return { start: [round4(x), round4(y)] };
  const opt = index === 0 ? p.opt : p.compare[index - 1]?.opt;
  if (!opt) return null;
  const values: Partial<RunHyper> = isRpropFamily(opt) ? { etaPlus: x, etaMinus: y } : { lr: 10 ** x, lrWRec: 10 ** y };
  if (index === 0) return values as Partial<Params>;
  const compare: CompareRun[] = p.compare.map((r, i) => (i === index - 1 ? { opt: r.opt, overrides: { ...r.overrides, ...values } } : { opt: r.opt, overrides: { ...r.overrides } }));
  return { compare };
}

/** The window a zoom on a map of opt changes: atlasEtaRange for the Rprop family, atlasRange for the others. */
export function atlasZoomChange(opt: OptimiserName, range: readonly number[]): Partial<Params> {
  const r = range.map((v) => Number(v.toPrecision(9))) as [number, number, number, number];
  return isRpropFamily(opt) ? { atlasEtaRange: r } : { atlasRange: r };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * The parameter change of a click on value v of run `index`'s sweep (0: the main run): its
 * delta0 (Rprop family) or its learning rate, wRec's learning rate kept in the same ratio when
 * the run has one of its own, as the sweep ran it.
 */
export function sweepPickChange(p: Params, index: number, v: number): Partial<Params> | null {
  const run = index === 0 ? undefined : p.compare[index - 1];
  const opt = index === 0 ? p.opt : run?.opt;
  if (!opt || !(v > 0)) return null;
  const value = Number(v.toPrecision(6));
  const hyper = hyperFor(p, run);
  const values: Partial<RunHyper> = isRpropFamily(opt)
    ? { delta0: value }
    : { lr: value, lrWRec: hyper.lrWRec === null ? null : Number(((value * hyper.lrWRec) / hyper.lr).toPrecision(6)) };
  if (!run) return values as Partial<Params>;
  const compare: CompareRun[] = p.compare.map((r, i) => (i === index - 1 ? { opt: r.opt, overrides: { ...r.overrides, ...values } } : { opt: r.opt, overrides: { ...r.overrides } }));
  return { compare };
}
