/**
 * What each run is called wherever it is named (legend, captions, status line, readout, loss
 * curve, atlas titles): the optimiser alone when no other run uses it; otherwise the optimiser
 * and the hyperparameters that differ between its runs, with as many digits as it takes to tell
 * them apart ("sgd (lr 1e-4)", "sgd (lr 0.001)"); runs that are still alike (the same settings
 * twice) get "#2", "#3" ... ("sgd", "sgd #2"). Pure: no DOM, no model.
 */
import { HYPER_USED, usesLrWRec, type Hyper, type HyperName, type OptimiserName } from '../model/optimiserSpec';
import { N_, t } from '../i18n';

export interface NamedRun {
  readonly opt: OptimiserName;
  /** lrWRec: the learning rate of wRec where it differs from lr (null or absent: lr) */
  readonly hyper: Readonly<Hyper> & { readonly lrWRec?: number | null };
}

/** A name-giving knob: a hyperparameter, or lrWRec (the learning rate of wRec). */
type Knob = HyperName | 'lrWRec';

/** The knob's value for a run: lrWRec falls back to lr, as the optimisers read it. */
function knobValue(hyper: NamedRun['hyper'], k: Knob): number {
  return k === 'lrWRec' ? (hyper.lrWRec ?? hyper.lr) : hyper[k];
}

/** The knobs that can tell two runs of opt apart. */
function knobsOf(opt: OptimiserName): Knob[] {
  return usesLrWRec(opt) ? [...HYPER_USED[opt], 'lrWRec'] : [...HYPER_USED[opt]];
}

/** The knobs a legend lists for a run: lrWRec only where it differs from lr. */
function shownKnobs(run: NamedRun): Knob[] {
  return knobsOf(run.opt).filter((k) => k !== 'lrWRec' || knobValue(run.hyper, k) !== run.hyper.lr);
}

/** Each hyperparameter's short label (the literature's symbol where there is one). */
export const HYPER_SHORT: Readonly<Record<Knob, string>> = {
  lrWRec: 'lr(wRec)', delta0: 'Δ0', etaPlus: 'η+', etaMinus: 'η−', deltaMin: 'Δmin', deltaMax: 'Δmax', lr: 'lr', momentum: N_('mom.'), clip: N_('clip'), beta1: 'β1', beta2: 'β2', eps: 'ε',
};

/** v with `digits` significant digits, as short as it reads: 0.0001 -> 1e-4, 1.20 -> 1.2, 2e5 -> 2e5. */
export function numberWithDigits(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(digits)));
}

/** "lr 1e-4, clip 0.5": the given hyperparameters of one run, 4 significant digits or more (digits). */
export function hyperText(hyper: NamedRun['hyper'], names: readonly Knob[], digits: Partial<Record<Knob, number>> = {}): string {
  return names.map((h) => `${t(HYPER_SHORT[h])} ${numberWithDigits(knobValue(hyper, h), digits[h] ?? 4)}`).join(', ');
}

/** The fewest significant digits (4 or more) at which different values of h read differently. */
function digitsToTell(values: readonly number[]): number {
  const distinct = new Set(values).size;
  for (let d = 4; d < 17; d++) if (new Set(values.map((v) => numberWithDigits(v, d))).size === distinct) return d;
  return 17;
}

/** One name per run, in the same order, all different. */
export function runNames(runs: readonly NamedRun[]): string[] {
  // the same settings twice: the later ones numbered
  const seen = new Map<string, number>();
  return baseNames(runs).map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : t('{name} #{index}', { name, index: n });
  });
}

/** The names before numbering: the optimiser and what differs from its other runs. */
function baseNames(runs: readonly NamedRun[]): string[] {
  return runs.map((run) => {
    const same = runs.filter((r) => r.opt === run.opt);
    if (same.length === 1) return run.opt;
    // lrWRec counts only where some run sets it apart from its lr (else it just follows lr)
    const knobs = same.some((r) => shownKnobs(r).includes('lrWRec')) ? knobsOf(run.opt) : HYPER_USED[run.opt];
    const differ = knobs.filter((h) => new Set(same.map((r) => knobValue(r.hyper, h))).size > 1);
    if (differ.length === 0) return run.opt;
    const digits = Object.fromEntries(differ.map((h) => [h, digitsToTell(same.map((r) => knobValue(r.hyper, h)))]));
    return `${run.opt} (${hyperText(run.hyper, differ, digits)})`;
  });
}

/**
 * The legend's words for each run: its name, and every hyperparameter it uses ("lr 1e-4") unless
 * the name already lists them all (then null).
 */
export function runLegendNames(runs: readonly NamedRun[]): { name: string; details: string | null }[] {
  const names = runNames(runs);
  const bases = baseNames(runs);
  return runs.map((run, i) => {
    const all = hyperText(run.hyper, shownKnobs(run));
    return { name: names[i], details: bases[i].endsWith(`(${all})`) ? null : all };
  });
}

/** The legend's words as one text: "sgd (lr 1e-4)", "rprop (Δ0 0.001, η+ 1.2, η− 0.5)", "sgd #2 (lr 0.01)" (atlas titles). */
export function runLabels(runs: readonly NamedRun[]): string[] {
  return runLegendNames(runs).map(({ name, details }) => (details ? `${name} (${details})` : name));
}
