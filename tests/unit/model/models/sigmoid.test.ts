/**
 * The sigmoid unit of SPEC section 12 against its float64 fixture (numbers from an independent
 * numpy/jax implementation): points, the surface, optimiser runs, the atlas, and a second
 * parameter set; and the linear model through the same seam giving the old numbers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODELS, modelConfig, modelEvaluator, modelGradientCheck, modelOf, modelSharpness } from '../../../../src/model/models';
import { SigmoidUnit, valley } from '../../../../src/model/models/sigmoid/unit';
import { runOptimiser } from '../../../../src/model/optimisers';
import { cellClass, computeAtlasRows, createAtlasOutput, type AtlasRequest } from '../../../../src/model/atlas';
import type { Hyper, OptimiserName } from '../../../../src/model/optimiserSpec';
import { tutorialDataset } from '../../../../src/model/dataset';
import { costAndGradient } from '../../../../src/model/costModel';
import { evaluatePoint, gradientCheck } from '../../../../src/model/rnn';
import { hessianAt } from '../../../../src/model/hessian';
import { surfaceByRows } from '../../../../src/model/surface';
import { perturbed } from '../../../sigmoidReference';

interface Pt { w: number; b: number; E: number; grad: [number, number]; gradOverTime: number[]; hessian: [number, number, number]; sharpness: number }
interface Run {
  opt: OptimiserName; hyper: Partial<Hyper>; start: [number, number]; iterations: number;
  weights: [number, number][]; costs: number[]; diverged: number | null; grads: [number, number][]; sharpness: number[]; chaoticAfter?: number;
}
interface Atlas { opt: OptimiserName; hyper: Partial<Hyper>; iterations: number; tol: number; w: number[]; b: number[]; finalCost: number[][]; convergedAt: number[][]; divergedAt: number[][] }
interface Set { model: { x0: number; target: number; steps: number }; points: Pt[]; surface: { w: number[]; b: number[]; E: number[][] }; runs: Run[]; atlas: Atlas[] }

const here = dirname(fileURLToPath(import.meta.url));
const fx: Set & { other: Set } = JSON.parse(readFileSync(join(here, '..', '..', '..', 'fixtures', 'sigmoid-pascanu.json'), 'utf8'));
const sets: [string, Set][] = [['the default parameters', fx], ['the other parameter set', fx.other]];
const sigmoid = modelOf('sigmoid');
const d = tutorialDataset();

/** to 1e-9, relative above 1 */
const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** to 1e-9 relative (values spanning many decades, e.g. dE/dx_k) */
const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b) || a === b;

function expectNear(a: number, b: number, what: string, f = near): void {
  if (!f(a, b)) expect.fail(`${what}: ${a} against ${b}`);
}

describe.each(sets)('the sigmoid unit, %s', (_name, set) => {
  const cfg = modelConfig('sigmoid', set.model);
  const ev = modelEvaluator(cfg, d);

  it('gives E, its gradient, dE/dx_k, the Hessian and the sharpness of every point', () => {
    for (const p of set.points) {
      const at = `(${p.w}, ${p.b})`;
      const e = sigmoid.evaluatePoint(cfg.params, d, p.w, p.b);
      expectNear(e.cost, p.E, `E at ${at}`);
      expectNear(e.wxGrad, p.grad[0], `dE/dw at ${at}`, rel);
      expectNear(e.wRecGrad, p.grad[1], `dE/db at ${at}`, rel);
      expect(e.gradOverTime.length).toBe(set.model.steps + 1);
      e.gradOverTime.forEach((g, k) => expectNear(g, p.gradOverTime[k], `dE/dx_${k} at ${at}`, rel));
      const h = sigmoid.hessian(cfg.params, d, p.w, p.b);
      [h.hxx, h.hxy, h.hyy].forEach((v, i) => expectNear(v, p.hessian[i], `hessian[${i}] at ${at}`, (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(b), 1e-3)));
      expectNear(modelSharpness(sigmoid, cfg.params, d, p.w, p.b), p.sharpness, `sharpness at ${at}`, (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(b), 1e-3));
      // the evaluator used by the optimisers gives the same numbers
      const o = ev.evaluate(p.w, p.b, { cost: 0, wxGrad: 0, wRecGrad: 0 });
      expect([o.cost, o.wxGrad, o.wRecGrad]).toEqual([e.cost, e.wxGrad, e.wRecGrad]);
    }
  });

  it('gives the surface (rows = b), stored as float32', () => {
    const { w, b, E } = set.surface;
    const grid = sigmoid.surface(cfg.params, d, { wxMin: w[0], wxMax: w[w.length - 1], wRecMin: b[0], wRecMax: b[b.length - 1] }, w.length === b.length ? w.length : 0);
    if (w.length === b.length) {
      E.forEach((row, r) => row.forEach((v, c) => expect(grid.cost[r * w.length + c]).toBe(Math.fround(v))));
    }
    // every grid point by the unit itself (the axes need not be square)
    const u = new SigmoidUnit(set.model);
    const o = { cost: 0, wxGrad: 0, wRecGrad: 0 };
    E.forEach((row, r) => row.forEach((v, c) => expectNear(u.evaluate(w[c], b[r], o).cost, v, `E at (${w[c]}, ${b[r]})`)));
  });

  it.each(set.runs.map((r) => [`${r.opt} ${JSON.stringify(r.hyper)} from (${r.start})`, r] as const))('runs %s as the fixture does', (_label, r) => {
    const run = runOptimiser(ev, r.opt, withHyper(r.hyper), r.start, r.iterations);
    const n = Math.min(r.chaoticAfter ?? Infinity, r.weights.length);
    if (r.chaoticAfter === undefined) expect(run.weights.length).toBe(r.weights.length);
    expect(run.diverged).toBe(r.diverged);
    // 1e-9 in the weights; a cost or gradient to 1e-9 of its own derivative's size (on the
    // cliff the gradient reaches 1e8: Math.exp's last bits, not libm's, move it by more).
    // Once a run has been on the cliff (|gradient| >= 100) the weights are compared to 1e-8.
    let tol = 1e-9;
    for (let k = 0; k < n; k++) {
      const [w, b] = run.weights[k];
      expectNear(w, r.weights[k][0], `w at ${k}`, (a, x) => near(a, x, tol));
      expectNear(b, r.weights[k][1], `b at ${k}`, (a, x) => near(a, x, tol));
      const g = ev.evaluate(w, b, { cost: 0, wxGrad: 0, wRecGrad: 0 });
      const gNorm = Math.hypot(g.wxGrad, g.wRecGrad);
      expectNear(run.costs[k], r.costs[k], `E at ${k}`, (a, x) => Math.abs(a - x) <= tol * (1 + gNorm));
      // the gradient and the sharpness at the fixture's own iterate
      const [fw, fb] = r.weights[k];
      const f = ev.evaluate(fw, fb, { cost: 0, wxGrad: 0, wRecGrad: 0 });
      const h = sigmoid.hessian(cfg.params, d, fw, fb);
      const hNorm = Math.max(Math.abs(h.hxx), Math.abs(h.hxy), Math.abs(h.hyy));
      expectNear(f.wxGrad, r.grads[k][0], `dE/dw at ${k}`, (a, x) => Math.abs(a - x) <= 1e-9 * (1 + hNorm) * Math.max(1, Math.abs(x)));
      expectNear(f.wRecGrad, r.grads[k][1], `dE/db at ${k}`, (a, x) => Math.abs(a - x) <= 1e-9 * (1 + hNorm) * Math.max(1, Math.abs(x)));
      expectNear(modelSharpness(sigmoid, cfg.params, d, fw, fb), r.sharpness[k], `sharpness at ${k}`, (a, x) => Math.abs(a - x) <= 1e-9 * (1 + hNorm) * Math.max(1, Math.abs(x)));
      if (gNorm >= 100) tol = 1e-8;
    }
    if (r.chaoticAfter !== undefined) {
      // after it, by outcome: the same class at the end, the final E within a decade
      const a = run.costs[run.costs.length - 1];
      const b = r.costs[r.costs.length - 1];
      expect(a < 1e-3).toBe(b < 1e-3);
      expect(Math.abs(Math.log10(a) - Math.log10(b))).toBeLessThan(1);
    }
  });

  it.each(set.atlas.map((a) => [`${a.opt} ${JSON.stringify(a.hyper)}`, a] as const))('gives the atlas of starts for %s', (_label, a) => {
    const req: AtlasRequest = {
      mode: 'starts', opt: a.opt, hyper: withHyper(a.hyper), iterations: a.iterations, tol: a.tol,
      xAxis: Float64Array.from(a.w), yAxis: Float64Array.from(a.b), start: [0, 0],
    };
    const out = createAtlasOutput(a.w.length, a.b.length, 'float64');
    computeAtlasRows(ev, req, 0, a.b.length, out);
    // Near the cliff and along the narrow valley the runs are chaotic (SPEC section 12): a
    // last-bit difference (V8's Math.exp is not libm's) changes where they bounce. So, as SPEC
    // section 8 compares the chaotic lr-mode atlas: by statistics, not cell by cell.
    let cls = 0;
    let at = 0;
    let cost = 0;
    let cells = 0;
    a.finalCost.forEach((row, r) => row.forEach((v, c) => {
      const i = r * a.w.length + c;
      cells++;
      if (cellClass(out.convergedAt[i], out.divergedAt[i]) === cellClass(a.convergedAt[r][c], a.divergedAt[r][c])) cls++;
      if (out.convergedAt[i] === a.convergedAt[r][c] && out.divergedAt[i] === a.divergedAt[r][c]) at++;
      if (near(out.finalCost[i], v)) cost++;
    }));
    expect(at / cells).toBeGreaterThan(0.98);
    expect(cost / cells).toBeGreaterThan(0.85);
    expect(cls / cells).toBeGreaterThan(0.98);
  });
});

function withHyper(h: Partial<Hyper>) {
  return { delta0: 0.001, etaPlus: 1.2, etaMinus: 0.5, deltaMin: 1e-6, deltaMax: 50, lr: 0.01, momentum: 0.9, clip: 1, beta1: 0.9, beta2: 0.999, eps: 1e-8, ...h };
}

describe('the sigmoid model description', () => {
  it('draws the valley line b = logit(target) - target w up to where it ends, w = 1 / (target (1 - target))', () => {
    const v = valley(0.7);
    expect(v.end[0]).toBeCloseTo(4.7619, 4);
    expect(v.end[1]).toBeCloseTo(-2.486, 3);
    const [line] = sigmoid.lines({ target: 0.7 });
    expect(line.to).toEqual(v.end);
    // the valley is a line of zeros of E while the fixed point is stable
    const u = new SigmoidUnit({ x0: 0.5, target: 0.7, steps: 50 });
    expect(u.evaluate(3, v.intercept + v.slope * 3, { cost: 0, wxGrad: 0, wRecGrad: 0 }).cost).toBeLessThan(1e-12);
    expect(sigmoid.height).toBe('value');
    expect(sigmoid.usesData).toBe(false);
    expect(sigmoid.weights).toEqual(['w', 'b']);
  });

  it('gives, where the state reaches a fixed point, the very numbers of every step evaluated', () => {
    // the unit stops evaluating the sigmoid once x_t = x_{t-1} exactly; the reference evaluates all
    for (const m of [{ x0: 0.5, target: 0.7, steps: 50 }, { x0: -0.2, target: 0.3, steps: 200 }]) {
      const u = new SigmoidUnit(m);
      const o = { cost: 0, wxGrad: 0, wRecGrad: 0 };
      let fixed = 0;
      for (let w = -4; w <= 12; w += 0.75) {
        for (let b = -9; b <= 3; b += 0.625) {
          let x = m.x0;
          let prev = NaN;
          for (let t = 1; t <= m.steps && x !== prev; t++) [prev, x] = [x, w / (1 + Math.exp(-x)) + b];
          if (x === prev) fixed++;
          u.evaluate(w, b, o);
          expect([o.cost, o.wxGrad, o.wRecGrad], `(${w}, ${b})`).toEqual(perturbed(m, w, b));
          const p = u.point(w, b);
          expect([p.cost, p.wxGrad, p.wRecGrad]).toEqual([o.cost, o.wxGrad, o.wRecGrad]);
        }
      }
      // most of these points reach their fixed point within the steps
      expect(fixed).toBeGreaterThan(100);
    }
  });

  it('passes its gradient check at its own point', () => {
    const c = modelGradientCheck(sigmoid, modelConfig('sigmoid').params, d);
    expect(c.at).toEqual([6.5, -3.2]);
    expect(c.pass).toBe(true);
  });

  it('lists each model once', () => {
    expect(MODELS.map((m) => m.name)).toEqual(['linear', 'sigmoid']);
    expect(modelOf('nope').name).toBe('linear');
  });
});

describe('the linear model through the seam', () => {
  const linear = modelOf('linear');
  it('gives the same numbers as the linear RNN code', () => {
    const ev = modelEvaluator(modelConfig('linear'), d);
    for (const [a, b] of [[-1.5, 2], [1, 1], [0.3, -0.7]]) {
      const o = ev.evaluate(a, b, { cost: 0, wxGrad: 0, wRecGrad: 0 });
      expect(o).toEqual(costAndGradient(d, a, b));
      const e = evaluatePoint(d, a, b);
      const m = linear.evaluatePoint({}, d, a, b);
      expect([m.cost, m.wxGrad, m.wRecGrad, [...m.gradOverTime]]).toEqual([e.cost, e.wxGrad, e.wRecGrad, [...e.gradOverTime]]);
      expect(linear.hessian({}, d, a, b)).toEqual(hessianAt(d, a, b));
    }
    expect(modelGradientCheck(linear, {}, d)).toEqual(gradientCheck(d, 1.2, 1.2));
    const range = { wxMin: -3, wxMax: 3, wRecMin: -3, wRecMax: 3 };
    expect(linear.surface({}, d, range, 9)).toEqual(surfaceByRows(d, range, 9));
  });

  it('runs the optimisers on an evaluator as on the data set', () => {
    const h = withHyper({ lr: 1e-4 });
    expect(runOptimiser(modelEvaluator(modelConfig('linear'), d), 'clip', h, [-1.5, 2], 100)).toEqual(runOptimiser(d, 'clip', h, [-1.5, 2], 100));
  });
});
