/**
 * What the sweep keys imply (SPEC section 11): the range a sweep of each kind uses, the runs it
 * sweeps. No DOM.
 */
import { MAX_SEQ_LEN } from '../model/dataset';
import type { SweepSpec } from '../model/lesson/sweep';
import { t } from '../i18n';
import { SWEEP_LR_LIMIT, SWEEP_RANGE_DEFAULTS, type Params } from './schema';
import { modelOf, type ModelName } from '../model/models';
import { hyperFor } from './derived';

/** sweep=seqLen with a model of its own steps (the sigmoid unit): its default range of steps. */
export const SWEEP_STEPS_DEFAULT: readonly [number, number] = [2, 60];

/**
 * What a sequence-length sweep varies: the data's sequence length for a model on the data set
 * (the linear RNN: 1..MAX_SEQ_LEN), else the model's own `steps` (the sigmoid unit, SPEC section
 * 12: within its limits, 1..200), with the default range of each.
 */
export function sweepLength(model: ModelName): { key: 'seqLen' | 'steps'; limit: readonly [number, number]; defaults: readonly [number, number] } {
  const m = modelOf(model);
  const steps = m.params.find((q) => q.key === 'steps');
  if (m.usesData || !steps) return { key: 'seqLen', limit: [1, MAX_SEQ_LEN], defaults: SWEEP_RANGE_DEFAULTS.seqLen };
  return { key: 'steps', limit: [steps.min, steps.max], defaults: SWEEP_STEPS_DEFAULT };
}

/**
 * The range of the sweep the params ask for: sweepRange in increasing order, or where it is null
 * the kind's default; sweep=lr within SWEEP_LR_LIMIT (log10), sweep=seqLen whole lengths (or
 * steps, sweepLength) within their limits. `note` says what was changed to fit (null when nothing was).
 */
export function sweepRangeFor(p: Pick<Params, 'sweep' | 'sweepRange'> & Partial<Pick<Params, 'model'>>): { range: [number, number]; note: string | null } {
  const kind = p.sweep === 'seqLen' ? 'seqLen' : 'lr';
  const length = sweepLength(p.model ?? 'linear');
  if (!p.sweepRange) return { range: [...(kind === 'lr' ? SWEEP_RANGE_DEFAULTS.lr : length.defaults)], note: null };
  const given = [Math.min(...p.sweepRange), Math.max(...p.sweepRange)];
  const [lo, hi] = kind === 'lr' ? SWEEP_LR_LIMIT : length.limit;
  const fit = (v: number) => Math.min(hi, Math.max(lo, kind === 'seqLen' ? Math.round(v) : v));
  const range: [number, number] = [fit(given[0]), fit(given[1])];
  if (range[0] === given[0] && range[1] === given[1] && given[0] === p.sweepRange[0]) return { range, note: null };
  const values = { given: p.sweepRange.join(','), lo, hi, range: range.join(',') };
  const text =
    kind === 'lr'
      ? t('{given}: log10 of the knob within [{lo}, {hi}], used {range}', values)
      : length.key === 'steps'
        ? t('{given}: whole numbers of steps within [{lo}, {hi}], used {range}', values)
        : t('{given}: whole lengths within [{lo}, {hi}], used {range}', values);
  return { range, note: `sweepRange: ${text}` };
}

/**
 * The message where the sweep's kind or model does not allow the sweepRange in use (it was
 * clamped: sweepRangeFor's note), when sweepRange, sweep or model was given. Kept apart from
 * normalizeParams (whose limits are either kind's): the store adds it as it adds the model's notes.
 */
export function sweepRangeNotes(raw: unknown, p: Params): string[] {
  if (raw === null || typeof raw !== 'object' || p.sweep === 'off') return [];
  const given = (['sweepRange', 'sweep', 'model'] as const).some((k) => Object.prototype.hasOwnProperty.call(raw, k) && (raw as Record<string, unknown>)[k] !== undefined);
  const note = given ? sweepRangeFor(p).note : null;
  return note ? [note] : [];
}

/** The runs a sweep sweeps: the main run, then the compared runs, with all their hyperparameters. */
export function sweepSpecs(p: Params): SweepSpec[] {
  return [{ opt: p.opt, hyper: hyperFor(p) }, ...p.compare.map((c) => ({ opt: c.opt, hyper: hyperFor(p, c) }))];
}
