/**
 * The lesson's numbers along a run (SPEC section 10), float64: the gradient, the sharpness (the
 * Hessian's largest eigenvalue) and, for adam, the preconditioned sharpness at every iterate, and
 * the run's stability limit. Pure model code, no DOM.
 */
import type { Dataset } from '../dataset';
import { costModel, type CostGrad } from '../costModel';
import { hessianAt, symmetricEigenvalues, type Hessian } from '../hessian';
import type { CostEvaluator } from '../models/types';
import { HYPER_DEFAULTS, isRpropFamily, type Hyper, type OptimiserName } from '../optimiserSpec';
import type { OptimiserRun } from '../optimisers';

/** Per iterate k of a run (the same length as its weights). */
export interface RunLesson {
  /** [dC/dwx, dC/dwRec] at weights[k] */
  grads: [number, number][];
  /** lambda_max of the Hessian at weights[k] */
  sharpness: number[];
  /** adam only: lambda_max of diag(1 / (sqrt(vhat_k) + eps)) H (vhat bias-corrected, t = k + 1), else undefined */
  preconditionedSharpness?: number[];
  /** the largest sharpness (adam: preconditioned) at which the run's step is stable; null for the Rprop family */
  stabilityLimit: number | null;
}

/**
 * SPEC section 10's stability limit of an optimiser at learning rate lr: 2/lr (sgd, clip),
 * 2(1 + momentum)/lr (momentum), (2 + 2 beta1)/((1 - beta1) lr) (adam, on the preconditioned
 * sharpness); null for the Rprop family, whose step does not scale with the gradient.
 */
export function stabilityLimit(opt: OptimiserName, hyper: Partial<Hyper>, lr: number = hyper.lr ?? HYPER_DEFAULTS.lr): number | null {
  if (isRpropFamily(opt)) return null;
  const h = { ...HYPER_DEFAULTS, ...hyper };
  if (opt === 'momentum') return (2 * (1 + h.momentum)) / lr;
  if (opt === 'adam') return (2 + 2 * h.beta1) / ((1 - h.beta1) * lr);
  return 2 / lr;
}

/**
 * The largest eigenvalue of diag(p) H, p > 0: it is similar to the symmetric
 * diag(sqrt p) H diag(sqrt p), whose eigenvalues symmetricEigenvalues gives without cancellation.
 */
export function preconditionedLambdaMax(hxx: number, hxy: number, hyy: number, p0: number, p1: number): number {
  return symmetricEigenvalues({ hxx: p0 * hxx, hxy: Math.sqrt(p0 * p1) * hxy, hyy: p1 * hyy })[0];
}

/** A model's cost, gradient and Hessian (src/model/models): the linear RNN on d when not given. */
export interface LessonModel {
  evaluator: CostEvaluator;
  hessian(w0: number, w1: number): Hessian;
}

/** The lesson's numbers of one run (runOptimiser's), on the data set (or model) it ran on. */
export function runLesson(d: Dataset, run: Pick<OptimiserRun, 'opt' | 'hyper' | 'weights'>, numbers?: LessonModel): RunLesson {
  const model = numbers?.evaluator ?? costModel(d);
  const hessian = numbers ? (a: number, b: number) => numbers.hessian(a, b) : (a: number, b: number) => hessianAt(d, a, b);
  const cg: CostGrad = { cost: 0, wxGrad: 0, wRecGrad: 0 };
  const h = { ...HYPER_DEFAULTS, ...run.hyper };
  const adam = run.opt === 'adam';
  const grads: [number, number][] = [];
  const sharpness: number[] = [];
  const pre: number[] = [];
  const v = [0, 0];
  for (let k = 0; k < run.weights.length; k++) {
    const [wx, wRec] = run.weights[k];
    model.evaluate(wx, wRec, cg);
    grads.push([cg.wxGrad, cg.wRecGrad]);
    const H = hessian(wx, wRec);
    sharpness.push(symmetricEigenvalues(H)[0]);
    if (adam) {
      // Adam's second moment with the current gradient, bias-corrected at t = k + 1 (SPEC 10)
      v[0] = h.beta2 * v[0] + (1 - h.beta2) * cg.wxGrad * cg.wxGrad;
      v[1] = h.beta2 * v[1] + (1 - h.beta2) * cg.wRecGrad * cg.wRecGrad;
      const bc2 = 1 - Math.pow(h.beta2, k + 1);
      const p0 = 1 / (Math.sqrt(v[0] / bc2) + h.eps);
      const p1 = 1 / (Math.sqrt(v[1] / bc2) + h.eps);
      pre.push(preconditionedLambdaMax(H.hxx, H.hxy, H.hyy, p0, p1));
    }
  }
  const out: RunLesson = { grads, sharpness, stabilityLimit: stabilityLimit(run.opt, h) };
  if (adam) out.preconditionedSharpness = pre;
  return out;
}
