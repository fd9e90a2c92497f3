/**
 * What the views show of Pascanu's sigmoid unit (present layer, no DOM): names, height scale,
 * marked points and the valley line, the captions naming the cliff and the plateau with their
 * numbers, the gradient check and the hover readout at the model's points.
 */
import { describe, expect, it } from 'vitest';
import { presentModel } from '../../../src/present/modelView';
import { explainModelPoint, explainModelRuns, longestStep, modelCheckAt, pointReadout } from '../../../src/present/modelText';
import { modelConfig, modelOf } from '../../../src/model/models';
import { runOptimiser } from '../../../src/model/optimisers';
import { HYPER_DEFAULTS } from '../../../src/model/optimiserSpec';
import { tutorialDataset } from '../../../src/model/dataset';
import { DEFAULT_PARAMS } from '../../../src/state/schema';

const d = tutorialDataset();
const cfg = modelConfig('sigmoid', {});
const sigmoid = modelOf('sigmoid');
const run = (opt: 'sgd' | 'clip' | 'rprop', start: [number, number], hyper = {}) =>
  runOptimiser(sigmoid.evaluator(cfg.params, d), opt, { ...HYPER_DEFAULTS, ...hyper }, start, 500);

describe('the views of the sigmoid model', () => {
  it('names the axes w and b, draws E itself on a linear bar titled E, and keeps the tutorial for the linear model', () => {
    const v = presentModel({ ...DEFAULT_PARAMS, model: 'sigmoid' });
    expect(v.axes).toEqual(['w', 'b']);
    expect([v.heightKind, v.heightTitle, v.wRecOneLines, v.tryModel]).toEqual(['linear', 'E', false, false]);
    expect(v.gradTitle).toContain('dE/dx_k');
    const lin = presentModel(DEFAULT_PARAMS);
    expect([lin.heightKind, lin.heightTitle, lin.wRecOneLines, lin.lines.length]).toEqual(['decades', 'cost + 1', true, 0]);
    expect(lin.points.map((p) => p.label)).toEqual(['(2, 1)', '(1, 2)', '(1, -2)', '(1, 0)', '(1, 0.5)', '(1, -0.5)']);
  });

  it('marks the cliff, the plateau and the valley end (4.76, -2.49) by name, and the valley line b = logit(target) - target w ends there', () => {
    const v = presentModel({ ...DEFAULT_PARAMS, model: 'sigmoid' });
    const byRole = Object.fromEntries(v.points.filter((p) => p.role).map((p) => [p.role, p]));
    expect(byRole.cliff.label).toBe('cliff (6.5, -3.2)');
    expect(byRole.plateau.label).toBe('plateau (2, -6)');
    expect(byRole.valleyEnd.wx).toBeCloseTo(1 / (0.7 * 0.3), 9);
    const [line] = v.lines;
    expect(line.label).toBe('valley');
    expect(line.to[0]).toBeCloseTo(4.7619, 4);
    expect(line.to[1]).toBeCloseTo(-2.486, 3);
    const logit = Math.log(0.7 / 0.3);
    expect(line.from[1]).toBeCloseTo(logit - 0.7 * line.from[0], 9);
  });

  it('says where a point is: a steep gradient with the error high is the cliff, a vanished one the plateau', () => {
    expect(explainModelPoint(cfg, d, 2, -6)).toMatch(/the gradient is 0\.003\d+ here: the plateau/);
    const onCliff = run('sgd', [6.5, -3.2], { lr: 0.5 });
    const k = longestStep(onCliff).k;
    const [w, b] = onCliff.weights[k];
    expect(explainModelPoint(cfg, d, w, b)).toMatch(/here: the cliff/);
  });

  it("tells that sgd was thrown by a step of about 3.7e4, that clip walks and Rprop converges from Pascanu's start", () => {
    const runs = [run('rprop', [6.5, -3.2]), run('sgd', [6.5, -3.2], { lr: 0.5 }), run('clip', [6.5, -3.2], { lr: 0.5, clip: 1 })];
    const thrown = longestStep(runs[1]);
    expect(thrown.length).toBeGreaterThan(3e4);
    expect(thrown.length).toBeLessThan(5e4);
    const text = explainModelRuns(cfg, d, runs, 1e-3);
    expect(text).toMatch(/rprop converged at iteration \d+/);
    expect(text).toMatch(new RegExp(`sgd was thrown by a step of 3\\.\\de4 at iteration ${thrown.k}: the cliff`));
    expect(text).not.toMatch(/clip[^.]*thrown/);
  });

  it('tells that sgd crawls on the plateau from (2, -6) while Rprop converges', () => {
    const runs = [run('rprop', [2, -6]), run('sgd', [2, -6], { lr: 0.5 })];
    const text = explainModelRuns(cfg, d, runs, 1e-3);
    expect(text).toMatch(/the gradient is 0\.003\d+ here: the plateau/);
    expect(text).toMatch(/sgd crawls on the plateau: its first step is 0\.001\d+ long; after 500 iterations E = 0\.4\d+/);
    expect(text).toMatch(/rprop converged at iteration \d+/);
  });

  it('checks the gradient at a point of the model, and reads the hover in its names', () => {
    const c = modelCheckAt(cfg, d, 6.5, -3.2);
    expect(c.pass).toBe(true);
    const p = sigmoid.evaluatePoint(cfg.params, d, 6.5, -3.2);
    expect(c.backprop).toEqual([p.wxGrad, p.wRecGrad]);
    expect(pointReadout(cfg, d, 6.5, -3.2)).toMatch(/^w 6\.5000 {2}b -3\.2000 {2}E 0\.\d+$/);
    expect(pointReadout(modelConfig('linear'), d, 1, 1)).toMatch(/^wx 1\.0000 {2}wRec 1\.0000 {2}cost /);
  });
});
