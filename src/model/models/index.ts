/**
 * The one list of models. Adding a model: its folder (a Model, types.ts) and one line here.
 * Helpers that work on any model through the seam. Pure model code, no DOM.
 */
import type { Dataset } from '../dataset';
import { isClose, type GradientCheck } from '../rnn';
import { symmetricEigenvalues } from '../hessian';
import type { CostGrad } from '../costModel';
import type { CostEvaluator, Model, ModelConfig, ModelParamValues } from './types';
import { linearModel } from './linear';
import { sigmoidModel } from './sigmoid';

export const MODELS = [linearModel, sigmoidModel] as const;
export const MODEL_NAMES = MODELS.map((m) => m.name);
export type ModelName = 'linear' | 'sigmoid';
export const DEFAULT_MODEL: ModelName = 'linear';

/** The model of a name (unknown names: the linear model). */
export function modelOf(name: string | undefined): Model {
  return MODELS.find((m) => m.name === name) ?? linearModel;
}

/** A model's parameter values: its defaults, then the given ones it knows. */
export function modelParamValues(model: Model, given: object = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of model.params) {
    const v = (given as Record<string, unknown>)[q.key];
    out[q.key] = typeof v === 'number' && Number.isFinite(v) ? v : q.default;
  }
  return out;
}

/** The config of a model with its parameters picked out of `given` (e.g. the app's params). */
export function modelConfig(name: string | undefined, given: object = {}): ModelConfig {
  const m = modelOf(name);
  return { name: m.name, params: modelParamValues(m, given) };
}

/** The cost + gradient evaluator of a config (linear: on data set d). */
export function modelEvaluator(cfg: ModelConfig | undefined, d: Dataset): CostEvaluator {
  const m = modelOf(cfg?.name);
  return m.evaluator(cfg?.params ?? {}, d);
}

/** The sharpness (largest Hessian eigenvalue, SPEC section 10) of a model at a point. */
export function modelSharpness(model: Model, p: ModelParamValues, d: Dataset, w0: number, w1: number): number {
  return symmetricEigenvalues(model.hessian(p, d, w0, w1))[0];
}

/** The gradient check (SPEC section 3: central differences, eps 1e-7) at the model's point. */
export function modelGradientCheck(model: Model, p: ModelParamValues, d: Dataset, eps = 1e-7): GradientCheck {
  if (model.gradientCheck) return model.gradientCheck(p, d);
  const [a, b] = model.gradientCheckAt(p);
  const ev = model.evaluator(p, d);
  const o: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 };
  const c = (x: number, y: number) => ev.evaluate(x, y, o).cost;
  const numerical: [number, number] = [(c(a + eps, b) - c(a - eps, b)) / (2 * eps), (c(a, b + eps) - c(a, b - eps)) / (2 * eps)];
  const bp = model.evaluatePoint(p, d, a, b);
  return {
    at: [a, b],
    eps,
    numerical,
    backprop: [bp.wxGrad, bp.wRecGrad],
    pass: isClose(numerical[0], bp.wxGrad) && isClose(numerical[1], bp.wRecGrad),
  };
}

export type { Model, ModelConfig, CostEvaluator, ModelParamValues } from './types';
