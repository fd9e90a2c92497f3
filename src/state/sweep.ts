/**
 * What the sweep keys imply (SPEC section 11): the range a sweep of each kind uses, the runs it
 * sweeps. No DOM.
 */
import { MAX_SEQ_LEN } from '../model/dataset';
import type { SweepSpec } from '../model/lesson/sweep';
import { t } from '../i18n';
import { SWEEP_LR_LIMIT, SWEEP_RANGE_DEFAULTS, type Params } from './schema';
import { hyperFor } from './derived';

/**
 * The range of the sweep the params ask for: sweepRange in increasing order, or where it is null
 * the kind's default; sweep=lr within SWEEP_LR_LIMIT (log10), sweep=seqLen whole lengths within
 * 1..MAX_SEQ_LEN. `note` says what was changed to fit the kind (null when nothing was).
 */
export function sweepRangeFor(p: Pick<Params, 'sweep' | 'sweepRange'>): { range: [number, number]; note: string | null } {
  const kind = p.sweep === 'seqLen' ? 'seqLen' : 'lr';
  if (!p.sweepRange) return { range: [...SWEEP_RANGE_DEFAULTS[kind]], note: null };
  const given = [Math.min(...p.sweepRange), Math.max(...p.sweepRange)];
  const [lo, hi] = kind === 'lr' ? SWEEP_LR_LIMIT : [1, MAX_SEQ_LEN];
  const fit = (v: number) => Math.min(hi, Math.max(lo, kind === 'seqLen' ? Math.round(v) : v));
  const range: [number, number] = [fit(given[0]), fit(given[1])];
  if (range[0] === given[0] && range[1] === given[1] && given[0] === p.sweepRange[0]) return { range, note: null };
  const text =
    kind === 'lr'
      ? t('sweepRange {given}: log10 of the knob within [{lo}, {hi}], used {range}', { given: p.sweepRange.join(','), lo, hi, range: range.join(',') })
      : t('sweepRange {given}: whole lengths within [{lo}, {hi}], used {range}', { given: p.sweepRange.join(','), lo, hi, range: range.join(',') });
  return { range, note: text };
}

/** The runs a sweep sweeps: the main run, then the compared runs, with all their hyperparameters. */
export function sweepSpecs(p: Params): SweepSpec[] {
  return [{ opt: p.opt, hyper: hyperFor(p) }, ...p.compare.map((c) => ({ opt: c.opt, hyper: hyperFor(p, c) }))];
}
