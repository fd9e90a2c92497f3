/**
 * Ready-made lessons, each just a set of URL parameters: choosing one resets the optimiser
 * settings to their defaults and applies these.
 */
import { N_ } from './i18n';
import { normalizeParams } from './state/normalize';
import { modelOf } from './model/models';
import { DEFAULT_PARAMS, type Params, type RawParams } from './state/schema';

export interface Scene {
  id: string;
  /** English, marked for translation: show it with t() */
  name: string;
  /** what the scene shows, for the README and the caption */
  about: string;
  query: string;
}

export const SCENES: readonly Scene[] = [
  { id: 'tutorial', name: N_('the tutorial'), about: N_("Rprop from (-1.5, 2) down the wall into the valley, as in the tutorial's figure 3."), query: '' },
  {
    id: 'gd-explodes',
    name: N_('gradient descent explodes'),
    about: N_('From the same start, plain gradient descent is thrown off the wall within a few iterations, clipping survives but crawls, Rprop reaches the valley.'),
    query: 'compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5',
  },
  {
    id: 'rprop-family',
    name: N_('the Rprop family'),
    about: N_("The tutorial's Rprop against Rprop-, iRprop-, Rprop+ and iRprop+: all sign-based, all reach the valley, by different paths."),
    query: 'compare=rprop-;irprop-;rprop%2B;irprop%2B',
  },
  {
    id: 'adam-vs-rprop',
    name: N_('Adam against Rprop'),
    about: N_('Adam normalises the gradient too, but its running averages remember the wall: with the default learning rate it is still high up after 500 iterations.'),
    query: 'compare=adam;adam,lr=0.05,beta1=0.8',
  },
  {
    id: 'one-lr',
    name: N_('why one learning rate cannot work'),
    about: N_(
      "From the tutorial's start the wall's sharpness is 3.9e7, so a stable gradient step needs lr < 5e-8, yet at the valley's curvature such steps take millions of iterations. Red line: where sgd at lr 1e-4 turns unstable. The sweep: no learning rate of sgd converges in 500 iterations; every Δ0 of Rprop does.",
    ),
    query: 'opt=sgd&lr=0.0001&compare=rprop&colorBy=sharpness&plots=sharpness&sweep=lr',
  },
  {
    id: 'seqlen-walls',
    name: N_('longer sequences, steeper walls'),
    about: N_(
      'On random data (seed 0, 20 samples), the share of starts in [-3, 3]² from which gradient descent (lr 1e-4, 300 iterations) diverges climbs from none at lengths 2 to 4 to more than half at length 12: longer sequences raise steeper walls (Bengio et al. 1994). Rprop diverges from none of them.',
    ),
    query: 'opt=sgd&lr=0.0001&iterations=300&compare=rprop&sweep=seqLen&sweepRange=2,12&sweepStarts=16&seed=0&samples=20',
  },
  {
    id: 'pascanu-cliff',
    name: N_("Pascanu's cliff"),
    about: N_('One sigmoid unit (Pascanu et al. 2013): from (6.5, -3.2) sgd lands on the cliff and is thrown far away by one step, clipping the gradient walks down it, Rprop converges.'),
    query: 'model=sigmoid&compare=sgd,lr=0.5;clip,lr=0.5,clip=1',
  },
  {
    id: 'plateau',
    name: N_('the plateau'),
    about: N_('The same unit from (2, -6), on the plateau: the gradient has vanished, sgd and clipping barely move; Rprop ignores its size and escapes.'),
    query: 'model=sigmoid&start=2,-6&compare=sgd,lr=0.5;clip,lr=0.5,clip=1',
  },
];

/** The keys a scene resets before applying its own. */
export const SCENE_KEYS = [
  'model', 'x0', 'target', 'steps', 'opt', 'compare', 'start', 'iterations', 'tol', 'delta0', 'etaPlus', 'etaMinus', 'deltaMin', 'deltaMax', 'lr', 'lrWRec', 'momentum', 'clip', 'beta1', 'beta2', 'eps',
  // the lesson's (issue 19): a scene without them turns them off
  'colorBy', 'plots', 'sweep', 'sweepRange', 'sweepRes', 'sweepStarts',
] as const;

export function sceneParams(scene: Scene): Record<string, string> {
  const out: Record<string, string> = {};
  new URLSearchParams(scene.query).forEach((v, k) => (out[k] = v));
  return out;
}

/** SCENE_KEYS at their defaults, the start at the scene's model's (a scene of another model opens at its own start). */
function sceneReset(scene: Scene): Partial<Record<keyof Params, unknown>> {
  const reset: Partial<Record<keyof Params, unknown>> = {};
  for (const k of SCENE_KEYS) reset[k] = DEFAULT_PARAMS[k];
  reset.start = [...modelOf(sceneParams(scene).model).defaultStart];
  return reset;
}

/** The parameters a scene gives over `base`: SCENE_KEYS reset to their defaults, then the scene's own. */
export function sceneOver(scene: Scene, base: Params): Params {
  return normalizeParams({ ...sceneReset(scene), ...sceneParams(scene) }, base).params;
}

/** The scene whose settings these are (so that a scene's URL names it in the menu), or '' for none. */
export function sceneOf(p: Params): string {
  const same = (q: Params) => SCENE_KEYS.every((k) => JSON.stringify(q[k]) === JSON.stringify(p[k]));
  return SCENES.find((scene) => same(sceneOver(scene, p)))?.id ?? '';
}

/** What choosing a scene sets: its keys' defaults, then the scene's values, playing from the start (null: no such scene). */
export function sceneChange(id: string): RawParams | null {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) return null;
  // the range is not reset: the store gives a scene of another model that model's range (withModelDefaults)
  return { ...sceneReset(scene), ...sceneParams(scene), play: true, frame: -1 } as RawParams;
}
