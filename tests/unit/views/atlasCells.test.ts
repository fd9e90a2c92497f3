import { describe, expect, it } from 'vitest';
import { atlasCellColour, atlasGridColumns, atlasOutcomeText, atlasRunView, atlasShares, formatCost, formatShare } from '../../../src/views/atlasCells';
import { axisExtent, axisTicks, formatAxisTick, formatAxisValue, nearestIndex, wheelFactor, zoomAbout } from '../../../src/views/atlasAxes';
import { fittingTicks } from '../../../src/views/atlasAxes';
import { cellClass as atlasClass } from '../../../src/model/atlas';
import { viridis } from '../../../src/views/colormap';

const round = (c: number[]) => c.map(Math.round);
const isGrey = ([r, g, b]: number[]) => r === g && g === b;
const lightness = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('atlas cell colours', () => {
  it('classes: diverged first, then converged, else not converged', () => {
    expect(atlasClass(5, 3)).toBe('diverged');
    expect(atlasClass(5, -1)).toBe('converged');
    expect(atlasClass(-1, -1)).toBe('notConverged');
    expect(atlasClass(0, -1)).toBe('converged');
    expect(atlasClass(-1, 0)).toBe('diverged');
  });

  it('converged: viridis at 1 - convergedAt / iterations, fast = bright', () => {
    expect(atlasCellColour(0, -1, 0, 500)).toEqual(round(viridis(1)));
    expect(atlasCellColour(500, -1, 0, 500)).toEqual(round(viridis(0)));
    expect(atlasCellColour(125, -1, 0, 500)).toEqual(round(viridis(0.75)));
    expect(lightness(atlasCellColour(10, -1, 0, 500))).toBeGreaterThan(lightness(atlasCellColour(400, -1, 0, 500)));
    // iterations 0: only convergedAt 0 is possible; no division by zero
    expect(atlasCellColour(0, -1, 0, 0)).toEqual(round(viridis(1)));
  });

  it('not converged: greys, lighter for lower final cost, overflow darkest', () => {
    const costs = [1e-3, 0.07, 0.16, 1, 10, 1e6, 1e30, 3e38];
    const greys = costs.map((c) => atlasCellColour(-1, -1, c, 500));
    for (const g of greys) expect(isGrey(g)).toBe(true);
    for (let i = 1; i < greys.length; i++) expect(greys[i][0]).toBeLessThan(greys[i - 1][0]);
    const inf = atlasCellColour(-1, -1, Infinity, 500);
    const nan = atlasCellColour(-1, -1, NaN, 500);
    expect(isGrey(inf)).toBe(true);
    expect(inf).toEqual(nan);
    for (const g of greys) expect(inf[0]).toBeLessThan(g[0]);
    // distinguishable from the page background (16, 20, 27)
    expect(inf[0]).toBeGreaterThan(40);
  });

  it('diverged: a warm hue, early brighter and redder than late, never grey or viridis', () => {
    const early = atlasCellColour(-1, 1, Infinity, 500);
    const late = atlasCellColour(-1, 480, Infinity, 500);
    for (const c of [early, late, atlasCellColour(-1, 30, 5, 500)]) {
      expect(c[0]).toBeGreaterThan(c[1]);
      expect(c[1]).toBeGreaterThanOrEqual(c[2]);
      expect(isGrey(c)).toBe(false);
    }
    expect(early[0]).toBeGreaterThan(late[0]);
    expect(lightness(early)).toBeGreaterThan(lightness(late));
    // diverged beats converged
    expect(atlasCellColour(3, 1, Infinity, 500)).toEqual(early);
    // no viridis colour is warm (red > green > blue with red dominant)
    for (let t = 0; t <= 1; t += 0.05) {
      const [r, g, b] = viridis(t);
      expect(r > g + 20 && g >= b).toBe(false);
    }
  });

  it('returns integers in 0..255', () => {
    for (const c of [atlasCellColour(37, -1, 0, 500), atlasCellColour(-1, -1, 0.3, 500), atlasCellColour(-1, 7, 1, 500)])
      for (const v of c) {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(255);
      }
  });
});

describe('atlas shares', () => {
  it('counts each class once, diverged first', () => {
    const r = {
      finalCost: new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]),
      convergedAt: new Int32Array([3, 5, -1, -1, 2, -1, -1, 9]),
      divergedAt: new Int32Array([-1, 4, 2, -1, -1, -1, 7, -1]),
    };
    const s = atlasShares(r);
    expect(s.cells).toBe(8);
    expect(s.converged).toBeCloseTo(3 / 8, 12);
    expect(s.diverged).toBeCloseTo(3 / 8, 12);
    expect(s.notConverged).toBeCloseTo(2 / 8, 12);
    expect(s.converged + s.diverged + s.notConverged).toBeCloseTo(1, 12);
  });
  it('empty result', () => {
    expect(atlasShares({ finalCost: new Float64Array(0), convergedAt: new Int32Array(0), divergedAt: new Int32Array(0) })).toEqual({
      converged: 0,
      diverged: 0,
      notConverged: 0,
      cells: 0,
    });
  });
  it('formats shares', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.003)).toBe('0.3%');
    expect(formatShare(0.0999)).toBe('10.0%');
    expect(formatShare(0.499)).toBe('50%');
    expect(formatShare(0.61)).toBe('61%');
    expect(formatShare(0.953)).toBe('95.3%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(1e-5)).toBe('<0.1%');
    expect(formatShare(1 - 1e-5)).toBe('>99.9%');
  });
});

describe('atlas text and axes', () => {
  it('tick labels: linear as numbers, log10 values as the numbers they stand for (1e-4, 3.2e-4; never 1e-3.83)', () => {
    expect(formatAxisTick(-3, true)).toBe('1e-3');
    expect(formatAxisTick(0, true)).toBe('1e0');
    expect(formatAxisTick(-4 + 1e-12, true)).toBe('1e-4');
    expect(formatAxisTick(-3.5, true)).toBe('3.2e-4');
    expect(formatAxisTick(-3.83, true)).toBe('1.5e-4');
    expect(formatAxisTick(-2.5, false)).toBe('-2.5');
    expect(formatAxisTick(0.1 + 0.2, false)).toBe('0.3');
  });
  it('hover values: enough decimals for the cell spacing', () => {
    expect(formatAxisValue(1.25, false, 6 / 127)).toBe('1.25');
    expect(formatAxisValue(-0.5, false, 6 / 127)).toBe('-0.50');
    expect(formatAxisValue(-0.001, false, 0.05)).toBe('0.00');
    // log10 axes: the learning rate itself, with the digits that tell neighbouring cells apart
    expect(formatAxisValue(-3.2, true, 0.1)).toBe('6.31e-4');
    expect(formatAxisValue(-4, true, 0.5)).toBe('1e-4');
    expect(formatAxisValue(-3.83, true, 4 / 127)).toBe('1.48e-4');
    expect(formatAxisValue(-3.83, true, 1e-4)).toBe('1.4791e-4');
    expect(formatAxisValue(1.2, false, 1e-4)).toBe('1.2000');
  });
  it('log axes tick at whole decades (every k-th when many), else like a linear axis', () => {
    expect(axisTicks(-9.3, -5.3, 4, true)).toEqual([-9, -8, -7, -6]);
    expect(axisTicks(-12, 3, 4, true)).toEqual([-12, -8, -4, 0]);
    expect(axisTicks(-4.5, -4.2, 4, true).every((v) => v >= -4.5 && v <= -4.2)).toBe(true);
    expect(axisTicks(-4.5, -4.2, 4, true).length).toBeGreaterThanOrEqual(2);
  });
  it("each run's own axes, labels and marker, else the input's", () => {
    const ax = (a: number, b: number) => Float64Array.from([a, b]);
    const input = {
      mode: 'lr' as const, xAxis: ax(1, 2), yAxis: ax(0, 1), xLabel: 'etaPlus', yLabel: 'etaMinus', xLog: false, yLog: false,
      iterations: 10, tol: 1e-3, marker: [1.2, 0.5] as [number, number], note: null,
      runs: [
        { title: 'rprop', css: '#fff', result: null },
        { title: 'sgd', css: '#f00', result: null, xAxis: ax(-9, -5), yAxis: ax(-8, -4), xLabel: 'lr of wx', yLabel: 'lr of wRec', xLog: true, yLog: true, marker: [-4, -4] as [number, number] },
      ],
    };
    expect(atlasRunView(input, 0)).toMatchObject({ xLabel: 'etaPlus', xLog: false, marker: [1.2, 0.5] });
    expect(atlasRunView(input, 1)).toMatchObject({ xLabel: 'lr of wx', yLabel: 'lr of wRec', xLog: true, marker: [-4, -4] });
    expect([...atlasRunView(input, 1).xAxis]).toEqual([-9, -5]);
  });
  it('outcomes in words', () => {
    expect(atlasOutcomeText(87, -1, 1e-4)).toBe('converged at 87');
    expect(atlasOutcomeText(-1, 3, Infinity)).toBe('diverged at 3');
    expect(atlasOutcomeText(-1, -1, 0.07)).toBe('not converged, final cost 0.07');
    expect(formatCost(0.0712345)).toBe('0.0712');
    expect(formatCost(2.5e7)).toBe('2.50e+7');
    expect(formatCost(Infinity)).toBe('> float32 max (overflow)');
  });
  it('grid columns', () => {
    expect(atlasGridColumns(1, 800)).toBe(1);
    expect(atlasGridColumns(2, 800)).toBe(2);
    expect(atlasGridColumns(3, 800)).toBe(3);
    expect(atlasGridColumns(4, 800)).toBe(2);
    expect(atlasGridColumns(5, 800)).toBe(3);
    expect(atlasGridColumns(6, 800)).toBe(3);
    expect(atlasGridColumns(6, 400)).toBe(2);
  });
  it('nearest cell and extents', () => {
    const axis = new Float64Array([-3, -1.5, 0, 1.5, 3]);
    expect(nearestIndex(axis, -10)).toBe(0);
    expect(nearestIndex(axis, -0.8)).toBe(1);
    expect(nearestIndex(axis, -0.76)).toBe(1);
    expect(nearestIndex(axis, -0.74)).toBe(2);
    expect(nearestIndex(axis, 2.9)).toBe(4);
    expect(nearestIndex(axis, 99)).toBe(4);
    expect(nearestIndex(new Float64Array(0), 1)).toBe(-1);
    expect(axisExtent(axis)).toEqual([-3, 3]);
    expect(axisExtent(new Float64Array([2]))).toEqual([1.5, 2.5]);
  });
  it('wheel zoom about the pointer', () => {
    expect(wheelFactor(-100)).toBe(0.8);
    expect(wheelFactor(100)).toBe(1.25);
    expect(wheelFactor(0)).toBe(1);
    const z = zoomAbout([-5, -1, -5, -1], -2, -4, 0.8);
    expect(z[0]).toBeCloseTo(-4.4, 12);
    expect(z[1]).toBeCloseTo(-1.2, 12);
    expect(z[2]).toBeCloseTo(-4.8, 12);
    expect(z[3]).toBeCloseTo(-1.6, 12);
    // in then out is the identity
    const back = zoomAbout(z, -2, -4, 1.25);
    [-5, -1, -5, -1].forEach((v, i) => expect(back[i]).toBeCloseTo(v, 12));
  });
});

describe('fittingTicks', () => {
  const measure = (label: string) => label.length * 7; // "1e-9": 28 px
  it('drops ticks until the labels keep apart on a narrow map, and keeps them all where there is room', () => {
    expect(axisTicks(-9.3, -5.3, 3, true)).toEqual([-9, -8, -7, -6]);
    const narrow = fittingTicks(-9.3, -5.3, 3, true, 110, measure);
    expect(narrow.length).toBeLessThan(4);
    expect(narrow.length).toBeGreaterThanOrEqual(2);
    const px = narrow.map((v) => ((v + 9.3) / 4) * 110);
    for (let i = 1; i < px.length; i++) expect(px[i] - px[i - 1]).toBeGreaterThanOrEqual(28 + 6);
    expect(fittingTicks(-9.3, -5.3, 3, true, 400, measure)).toEqual([-9, -8, -7, -6]);
  });
});
