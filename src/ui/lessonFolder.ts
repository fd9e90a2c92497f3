/**
 * The panel's Lesson folder (SPEC sections 10-11): what colours the surface (cost or sharpness),
 * the lesson's plots, and the one-knob sweep with its range, values and starts. It reads params
 * and writes partial changes; it computes nothing.
 */
import type GUI from 'lil-gui';
import type { Params } from '../state/schema';
import { SWEEP_RES_LIMIT, SWEEP_STARTS_LIMIT } from '../state/schema';
import { sweepRangeFor } from '../state/sweep';
import { numberInput } from './gui';
import { N_, t } from '../i18n';

export const LESSON_FOLDER = N_('Lesson: sharpness and sweeps');
/** the parameters whose messages this folder shows */
export const LESSON_KEYS = ['colorBy', 'plots', 'sweep', 'sweepRange', 'sweepRes', 'sweepStarts'] as const;

export interface LessonFolder {
  folder: GUI;
  sync(p: Params): void;
}

export function buildLessonFolder(folder: (name: string) => GUI, p: Params, onChange: (partial: Partial<Record<keyof Params, unknown>>) => void): LessonFolder {
  const f = folder(LESSON_FOLDER);
  const m = { colorBy: p.colorBy, plots: p.plots, sweep: p.sweep, sweepFrom: 0, sweepTo: 0, sweepRes: p.sweepRes, sweepStarts: p.sweepStarts };
  f.add(m, 'colorBy', { [t('cost')]: 'cost', [t('sharpness λmax')]: 'sharpness' }).name(t('colour by')).onChange((v: string) => onChange({ colorBy: v }));
  f.add(m, 'plots', { [t('none')]: 'none', [t('sharpness along the runs')]: 'sharpness', [t('step against gradient')]: 'steps', [t('both')]: 'both' })
    .name(t('lesson plots'))
    .onChange((v: string) => onChange({ plots: v }));
  f.add(m, 'sweep', { [t('off')]: 'off', [t('every learning rate (or delta0)')]: 'lr', [t('every sequence length')]: 'seqLen' }).name(t('sweep')).onChange((v: string) => onChange({ sweep: v }));
  const from = numberInput(f.add(m, 'sweepFrom').name(t('sweep from')), (v) => onChange({ sweepRange: [v, m.sweepTo] }), true);
  const to = numberInput(f.add(m, 'sweepTo').name(t('sweep to')), (v) => onChange({ sweepRange: [m.sweepFrom, v] }), true);
  const res = numberInput(f.add(m, 'sweepRes', SWEEP_RES_LIMIT[0], SWEEP_RES_LIMIT[1], 1).name(t('values')), (v) => onChange({ sweepRes: v }), true);
  const starts = numberInput(f.add(m, 'sweepStarts', SWEEP_STARTS_LIMIT[0], SWEEP_STARTS_LIMIT[1], 1).name(t('starts per side')), (v) => onChange({ sweepStarts: v }), true);
  const sync = (q: Params) => {
    const [lo, hi] = sweepRangeFor(q).range;
    Object.assign(m, { colorBy: q.colorBy, plots: q.plots, sweep: q.sweep, sweepFrom: lo, sweepTo: hi, sweepRes: q.sweepRes, sweepStarts: q.sweepStarts });
    // the range's fields say log10 for lr, lengths for seqLen (the sigmoid unit's steps); values and starts belong to one kind each
    const steps = q.model === 'sigmoid';
    from.name(q.sweep === 'seqLen' ? (steps ? t('fewest steps') : t('shortest length')) : t('from (log10)'));
    to.name(q.sweep === 'seqLen' ? (steps ? t('most steps') : t('longest length')) : t('to (log10)'));
    for (const c of [from, to]) c.show(q.sweep !== 'off');
    res.show(q.sweep === 'lr');
    starts.show(q.sweep === 'seqLen');
    for (const c of f.controllersRecursive()) c.updateDisplay();
  };
  sync(p);
  f.close();
  return { folder: f, sync };
}
