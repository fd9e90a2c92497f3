import { describe, expect, it } from 'vitest';
import { datasetFromRows, datasetToText, parseRows, randomDataset, tutorialDataset } from '../../../src/model/dataset';
import { evaluatePoint, gradientCheck, runModel } from '../../../src/model/rnn';
import { runOptimiser, withDefaults } from '../../../src/model/optimisers';
import type { Dataset } from '../../../src/model/dataset';

/** The tutorial's Rprop (SPEC section 5) from a start, as the app runs it. */
function rprop(d: Dataset, o: { start: readonly [number, number]; delta0: number; etaPlus: number; etaMinus: number; iterations: number }) {
  const r = runOptimiser(d, 'rprop', withDefaults({ delta0: o.delta0, etaPlus: o.etaPlus, etaMinus: o.etaMinus }), o.start, o.iterations);
  return { ...r, diverged: r.diverged !== null };
}
import { linspace, rowCoefficients, surfaceByBptt, surfaceByRows } from '../../../src/model/surface';
import { FIXTURE_NAMES, loadFixture } from '../../fixtures';

/** |a - b| <= atol + rtol |b|, numpy's isclose. */
function expectClose(actual: number, expected: number, rtol = 1e-12, atol = 1e-12): void {
  const ok = Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
  if (!ok) expect.fail(`${actual} is not within rtol ${rtol}, atol ${atol} of ${expected}`);
}

describe.each(FIXTURE_NAMES)('model against fixture %s', (name) => {
  const fx = loadFixture(name);
  const d = datasetFromRows(fx.dataset.X);

  it('targets are the row sums', () => {
    expect(Array.from(d.targets)).toEqual(fx.dataset.t);
  });

  it('every point: cost, gradients, final states and gradient over time', () => {
    for (const p of fx.points) {
      const e = evaluatePoint(d, p.wx, p.wRec);
      expectClose(e.cost, p.cost);
      expectClose(e.wxGrad, p.wxGrad);
      expectClose(e.wRecGrad, p.wRecGrad);
      p.finalStates.forEach((s, i) => expectClose(e.finalStates[i], s));
      expect(e.gradOverTime.length).toBe(p.gradOverTime.length);
      p.gradOverTime.forEach((g, k) => expectClose(e.gradOverTime[k], g));
    }
  });

  it('the surface grid, by the row method and by BPTT', () => {
    const axis = fx.surface.axis;
    const res = axis.length;
    const range = { wxMin: axis[0], wxMax: axis[res - 1], wRecMin: axis[0], wRecMax: axis[res - 1] };
    Array.from(linspace(axis[0], axis[res - 1], res)).forEach((v, i) => expectClose(v, axis[i], 0, 1e-15));
    // Rows are checked in float64 (rowCoefficients); the grids store float32.
    for (let row = 0; row < res; row++) {
      const c = rowCoefficients(d, axis[row]);
      for (let col = 0; col < res; col++) {
        const dw = axis[col] - c.wxStar;
        expectClose(c.R + c.C * dw * dw, fx.surface.cost[row][col], 1e-10, 1e-10);
      }
    }
    for (const grid of [surfaceByRows(d, range, res), surfaceByBptt(d, range, res)]) {
      for (let row = 0; row < res; row++)
        for (let col = 0; col < res; col++) expectClose(grid.cost[row * res + col], fx.surface.cost[row][col], 1e-7, 1e-6);
    }
  });

  it('the row method agrees with BPTT on both gradients', () => {
    for (const p of fx.points) {
      const c = rowCoefficients(d, p.wRec);
      const dw = p.wx - c.wxStar;
      expectClose(2 * c.C * dw, p.wxGrad, 1e-9, 1e-9 * (1 + Math.abs(p.cost)));
      expectClose(2 * p.wx * (p.wx * c.D - c.E), p.wRecGrad, 1e-9, 1e-9 * (1 + Math.abs(p.cost)));
    }
  });

  it('the gradient check passes and matches the numbers', () => {
    const gc = gradientCheck(d, fx.gradientCheck.at[0], fx.gradientCheck.at[1], fx.gradientCheck.eps);
    expect(gc.pass).toBe(true);
    gc.numerical.forEach((v, i) => expectClose(v, fx.gradientCheck.numerical[i], 1e-7, 0));
    gc.backprop.forEach((v, i) => expectClose(v, fx.gradientCheck.backprop[i], 1e-12, 0));
  });

  it('the whole Rprop trajectory to 1e-9', () => {
    const r = rprop(d, fx.rprop);
    expect(r.weights.length).toBe(fx.rprop.iterations + 1);
    expect(r.diverged).toBe(false);
    r.weights.forEach(([wx, wRec], i) => {
      expectClose(wx, fx.rprop.trajectory[i][0], 0, 1e-9);
      expectClose(wRec, fx.rprop.trajectory[i][1], 0, 1e-9);
    });
  });

  it('the trained model on the test input', () => {
    const [wx, wRec] = fx.rprop.trajectory[fx.rprop.iterations];
    expectClose(runModel(fx.testModel.input, wx, wRec), fx.testModel.output, 1e-12);
    expect(fx.testModel.input.reduce((a, b) => a + b, 0)).toBe(fx.testModel.target);
  });
});

describe('tutorial preset', () => {
  it('is the tutorial data set exactly', () => {
    const fx = loadFixture('tutorial-seed1');
    const d = tutorialDataset();
    expect(d.samples).toBe(20);
    expect(d.seqLen).toBe(10);
    expect(datasetToText(d)).toBe(fx.dataset.X.map((r) => r.join('')).join(','));
  });

  it('Rprop ends where the tutorial printed', () => {
    const r = rprop(tutorialDataset(), { start: [-1.5, 2], delta0: 0.001, etaPlus: 1.2, etaMinus: 0.5, iterations: 500 });
    const [wx, wRec] = r.weights[500];
    expectClose(wx, 1.00135554721, 0, 1e-9);
    expectClose(wRec, 0.999674473785, 0, 1e-9);
    expectClose(runModel([0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1], wx, wRec), 4.99896, 0, 1e-5);
  });
});

describe('random preset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = randomDataset(7, 20, 10);
    const b = randomDataset(7, 20, 10);
    const c = randomDataset(8, 20, 10);
    expect(datasetToText(a)).toBe(datasetToText(b));
    expect(datasetToText(a)).not.toBe(datasetToText(c));
    expect(a.samples).toBe(20);
    expect(a.seqLen).toBe(10);
  });

  it('is fair: about half ones over a large set', () => {
    const d = randomDataset(1, 256, 100);
    const ones = d.x.reduce((s, v) => s + v, 0);
    expect(ones / d.x.length).toBeGreaterThan(0.48);
    expect(ones / d.x.length).toBeLessThan(0.52);
  });

  it('pins the first rows of seed 0 so that every machine gives the same data', () => {
    // mulberry32 is integer arithmetic: these rows can only change if the generator changes.
    expect(datasetToText(randomDataset(0, 3, 10))).toBe('0000011101,0010111110,0100111000');
  });
});

describe('parsing user rows', () => {
  it('accepts commas, semicolons, new lines and spaces', () => {
    const d = parseRows('0110, 1011;\n1 1 1 1\n');
    expect(d.samples).toBe(3);
    expect(d.seqLen).toBe(4);
    expect(Array.from(d.targets)).toEqual([2, 3, 4]);
  });

  it.each([
    ['', /no data/],
    ['   ,  ', /no data/],
    ['0110,1021', /row 2 .* "2": only 0 and 1/],
    ['0110,01a0', /row 2 .* "a"/],
    ['0110,011', /row 2 has length 3 but row 1 has length 4/],
    ['0'.repeat(101), /at most 100/],
    [Array(257).fill('01').join(','), /too many rows/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseRows(text)).toThrow(message);
  });
});
