/**
 * The panel's Model folder (issue 20): which model (the tutorial's linear RNN or Pascanu's sigmoid
 * unit) and the sigmoid unit's x0, target and steps. With a model that takes no data the Data
 * folder is hidden; the start's fields are named by the model's weights. It reads params and
 * writes partial changes; it computes nothing.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { Params } from '../state/schema';
import { MODEL_NAMES, modelOf } from '../model/models';
import { numberInput } from './gui';
import { N_, t } from '../i18n';

export const MODEL_FOLDER = N_('Model');
/** the parameters whose messages this folder shows */
export const MODEL_KEYS = ['model', 'x0', 'target', 'steps'] as const;

const MODEL_TITLES: Readonly<Record<string, string>> = { linear: N_('linear RNN (the tutorial)'), sigmoid: N_('sigmoid unit (Pascanu et al. 2013)') };
const PARAM_LABELS: Readonly<Record<string, string>> = { x0: N_('x0 (the first state)'), target: N_('target of s(x_steps)'), steps: N_('steps') };

export interface ModelFolder {
  folder: GUI;
  sync(p: Params): void;
}

/**
 * The folder, before the others. `data`: the Data folder (hidden with a model that takes no
 * data); `root`: the panel, whose start fields (startWx, startWRec) are named by the model.
 */
export function buildModelFolder(folder: (name: string) => GUI, p: Params, onChange: (partial: Partial<Record<keyof Params, unknown>>) => void, data: GUI, root: GUI): ModelFolder {
  const f = folder(MODEL_FOLDER);
  const m: Record<string, unknown> = { model: p.model, x0: p.x0, target: p.target, steps: p.steps };
  const choices = Object.fromEntries(MODEL_NAMES.map((n) => [t(MODEL_TITLES[n] ?? n), n]));
  f.add(m, 'model', choices).name(t('model')).onChange((v: string) => onChange({ model: v }));
  const params = new Map<string, Controller>();
  for (const q of modelOf('sigmoid').params) {
    const ctl = numberInput(f.add(m, q.key, q.min, q.max, q.integer ? 1 : 0.01).name(t(PARAM_LABELS[q.key] ?? q.key)), (v) => onChange({ [q.key]: v }));
    params.set(q.key, ctl);
  }
  const sync = (q: Params) => {
    Object.assign(m, { model: q.model, x0: q.x0, target: q.target, steps: q.steps });
    const model = modelOf(q.model);
    for (const [key, ctl] of params) ctl.show(model.params.some((x) => x.key === key));
    data.show(model.usesData);
    const [w0, w1] = model.weights;
    for (const c of root.controllersRecursive()) {
      if (c.property === 'startWx') c.name(t('start {weight}', { weight: w0 }));
      if (c.property === 'startWRec') c.name(t('start {weight}', { weight: w1 }));
    }
    for (const c of f.controllers) c.updateDisplay();
  };
  sync(p);
  return { folder: f, sync };
}
