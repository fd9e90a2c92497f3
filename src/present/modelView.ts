/**
 * What the views say and draw of the model computed (no DOM): the weights' names, the surface's
 * height and colour bar (decades of cost + 1, or E itself), the model's marked points with their
 * names, its lines (the sigmoid unit's valley and where it ends), the gradient plot's title and
 * the contour levels. The linear model's values are the tutorial's, as before.
 */
import { modelOf, modelConfig } from '../model/models';
import type { Model, ModelConfig } from '../model/models';
import type { Params } from '../state/schema';
import { contourLevels } from '../views/colormap';
import { markedPointColour } from '../views/common';
import { N_, t } from '../i18n';

/** A marked point as the views draw it: where, in which colour, and its label. */
export interface ModelPointView {
  wx: number;
  wRec: number;
  color: number;
  css: string;
  /** '(6.5, -3.2)', or with its role: 'cliff (6.5, -3.2)' */
  label: string;
  role: string | null;
  /** the role's name alone ('cliff'), for the 2D map's small labels; null: unnamed */
  name: string | null;
}

/** A line over the surface (weight coordinates), its label and where the label goes (its end). */
export interface ModelLineView {
  from: [number, number];
  to: [number, number];
  label: string;
  css: string;
}

export interface ModelView {
  name: string;
  /** the weights' names: ['wx', 'wRec'] or ['w', 'b'] */
  axes: readonly [string, string];
  /** the cost's name: 'C' or 'E' */
  costLabel: string;
  /** 'decades': the colour bar of cost + 1 in decades; 'linear': the cost itself, 0..top */
  heightKind: 'decades' | 'linear';
  /** the height axis's and colour bar's title */
  heightTitle: string;
  /** the 2D map's title */
  mapTitle: string;
  points: ModelPointView[];
  lines: ModelLineView[];
  /** whether the dashed lines |wRec| = 1 are drawn (the linear RNN's) */
  wRecOneLines: boolean;
  /** the contour levels in the height's units */
  contourLevels: number[];
  /** the gradient plot's title */
  gradTitle: string;
  /** whether "try the model" applies (its panel is hidden otherwise) */
  tryModel: boolean;
  /** the 2D map's zoom window (zoom=zoom), the model's: [w0Min, w0Max, w1Min, w1Max] */
  zoom: readonly [number, number, number, number];
  /** the zoom window in words for the panel's option and the map's title: '[0, 2]²' or '[3, 9] × [-6, 0]' */
  zoomText: string;
}

/** A window as the panel and the map's title name it: '[0, 2]²' when both weights span the same interval, else '[a, b] × [c, d]'. */
export function windowText([a, b, c, d]: readonly [number, number, number, number]): string {
  return a === c && b === d ? `[${a}, ${b}]²` : `[${a}, ${b}] × [${c}, ${d}]`;
}

/** The role names the views print (translated where shown). */
const ROLE_NAMES: Readonly<Record<string, string>> = {
  cliff: N_('cliff'),
  plateau: N_('plateau'),
  valley: N_('valley'),
  valleyEnd: N_('valley ends'),
};

/** The name of a marked point's or line's role, translated; the role itself when unknown. */
export function roleName(role: string): string {
  return role in ROLE_NAMES ? t(ROLE_NAMES[role]) : role;
}

const short = (v: number) => String(Number(v.toPrecision(3)));

/** What the views show of the model of these parameters. */
export function presentModel(params: Pick<Params, 'model'> & object): ModelView {
  const model = modelOf(params.model);
  return modelView(model, modelConfig(params.model, params));
}

function modelView(model: Model, cfg: ModelConfig): ModelView {
  const linear = model.height === 'log10p1';
  const points = model.markedPoints(cfg.params).map((m) => {
    const [color, css] = markedPointColour(m.colour);
    const at = `(${short(m.at[0])}, ${short(m.at[1])})`;
    const name = m.role ? roleName(m.role) : null;
    return { wx: m.at[0], wRec: m.at[1], color, css, role: m.role, name, label: name ? `${name} ${at}` : at };
  });
  const lines = model.lines(cfg.params).map((l) => ({ from: l.from, to: l.to, label: roleName(l.role), css: '#ffffff' }));
  const [w0, w1] = model.weights;
  return {
    name: model.name,
    axes: model.weights,
    costLabel: model.costLabel,
    heightKind: linear ? 'decades' : 'linear',
    heightTitle: linear ? t('cost + 1') : model.costLabel,
    mapTitle: linear ? t('log10(cost + 1), top view') : t('{cost}({w0}, {w1}), top view', { cost: model.costLabel, w0, w1 }),
    points,
    lines,
    wRecOneLines: linear,
    contourLevels: linear ? contourLevels() : Array.from({ length: 24 }, (_, i) => (i + 1) * 0.02),
    tryModel: model.tryModel,
    zoom: model.zoomWindow,
    zoomText: windowText(model.zoomWindow),
    gradTitle: linear ? t('gradient dC/dS_k over time (symlog)') : t('gradient {name} over time (symlog)', { name: model.gradOverTimeLabel }),
  };
}
