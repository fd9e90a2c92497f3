/**
 * The sigmoid model's description (SPEC section 12): weights w and b, parameters x0, target and
 * steps, the surface drawn with E itself as height, the valley line and where it ends.
 */
import type { Model, ModelParam, ModelParamValues } from '../types';
import { SigmoidUnit, valley, type SigmoidUnitParams } from './unit';

const PARAMS: readonly ModelParam[] = [
  { key: 'x0', default: 0.5, min: -10, max: 10, integer: false, minExclusive: false, maxExclusive: false },
  { key: 'target', default: 0.7, min: 0, max: 1, integer: false, minExclusive: true, maxExclusive: true },
  { key: 'steps', default: 50, min: 1, max: 200, integer: true, minExclusive: false, maxExclusive: false },
];

/** The unit's parameters from values by key (missing: the defaults). */
export function sigmoidParams(p: ModelParamValues): SigmoidUnitParams {
  return { x0: p.x0 ?? 0.5, target: p.target ?? 0.7, steps: p.steps ?? 50 };
}

function unit(p: ModelParamValues): SigmoidUnit {
  return new SigmoidUnit(sigmoidParams(p));
}

export const sigmoidModel: Model = {
  name: 'sigmoid',
  weights: ['w', 'b'],
  defaultRange: [-2, 12, -8, 2],
  defaultStart: [6.5, -3.2],
  // the cliff near the default start and where the valley ends (chosen by looking)
  zoomWindow: [3, 8, -5, 0],
  // facing the cliff's wall from the valley's side (high w and b), the plateau behind it (chosen by looking)
  defaultCamera: [140, 35, 5.4],
  params: PARAMS,
  height: 'value',
  usesData: false,
  tryModel: false,
  gradOverTimeLabel: 'dE/dx_k',
  costLabel: 'E',
  markedPoints(p) {
    const v = valley(sigmoidParams(p).target);
    const on = (w: number): [number, number] => [w, v.intercept + v.slope * w];
    return [
      { at: [6.5, -3.2], colour: 'red', role: 'cliff' },
      { at: [2, -6], colour: 'blue', role: 'plateau' },
      { at: on(2), colour: 'green', role: 'valley' },
      { at: [v.end[0], v.end[1]], colour: 'cyan', role: 'valleyEnd' },
      { at: [9, -3], colour: 'magenta', role: null },
      { at: [-1, 1], colour: 'yellow', role: null },
    ];
  },
  lines(p) {
    const v = valley(sigmoidParams(p).target);
    // from far left to the point where the fixed point stops being stable
    const w0 = -50;
    return [{ from: [w0, v.intercept + v.slope * w0], to: v.end, role: 'valley' }];
  },
  gradientCheckAt: () => [6.5, -3.2],
  evaluator: (p) => unit(p),
  evaluatePoint: (p, _d, w, b) => unit(p).point(w, b),
  hessian: (p, _d, w, b) => unit(p).hessian(w, b),
  surface: (p, _d, range, res) => unit(p).surface(range, res),
};
