/**
 * The tutorial's linear RNN (SPEC sections 1-4) as a model of the seam: it wraps rnn.ts,
 * costModel.ts (the row-method fast path), surface.ts and hessian.ts without changing a number.
 */
import { costModel } from '../../costModel';
import { hessianAt } from '../../hessian';
import { MARKED_POINTS, evaluatePoint, gradientCheck } from '../../rnn';
import { surfaceByRows } from '../../surface';
import type { Model } from '../types';

/** The tutorial figure's colours of MARKED_POINTS, in its order. */
const COLOURS = ['red', 'blue', 'green', 'cyan', 'magenta', 'yellow'];

export const linearModel: Model = {
  name: 'linear',
  weights: ['wx', 'wRec'],
  defaultRange: [-3, 3, -3, 3],
  defaultStart: [-1.5, 2],
  // the tutorial's second panel
  zoomWindow: [0, 2, 0, 2],
  // the app's first view of the tutorial (schema's DEFAULT_CAMERA; a unit test keeps them equal)
  defaultCamera: [35, 52, 5.4],
  params: [],
  height: 'log10p1',
  usesData: true,
  tryModel: true,
  gradOverTimeLabel: 'dC/dS_k',
  costLabel: 'C',
  markedPoints: () => MARKED_POINTS.map((at, i) => ({ at: [at[0], at[1]], colour: COLOURS[i], role: null })),
  lines: () => [],
  gradientCheckAt: () => [1.2, 1.2],
  gradientCheck: (_p, d) => gradientCheck(d, 1.2, 1.2),
  evaluator: (_p, d) => costModel(d),
  evaluatePoint: (_p, d, wx, wRec) => {
    const e = evaluatePoint(d, wx, wRec);
    return { cost: e.cost, wxGrad: e.wxGrad, wRecGrad: e.wRecGrad, gradOverTime: e.gradOverTime };
  },
  hessian: (_p, d, wx, wRec) => hessianAt(d, wx, wRec),
  surface: (_p, d, range, res) => surfaceByRows(d, range, res),
};
