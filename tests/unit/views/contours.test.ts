import { describe, expect, it } from 'vitest';
import { contourLevels, logCost, scaleMax, viridis } from '../../../src/views/colormap';
import { contourLayers, contourSegments } from '../../../src/views/contours';

describe('colour map', () => {
  it('runs from viridis dark purple to yellow and clamps', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-5)).toEqual(viridis(0));
    expect(viridis(NaN)).toEqual(viridis(0));
  });
  it('is monotonic in lightness', () => {
    let last = -1;
    for (let t = 0; t <= 1; t += 0.05) {
      const [r, g, b] = viridis(t);
      const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(l).toBeGreaterThan(last);
      last = l;
    }
  });
  it('levels are logspace(-0.2, 8, 30) in log10', () => {
    const l = contourLevels();
    expect(l.length).toBe(30);
    expect(l[0]).toBeCloseTo(-0.2, 12);
    expect(l[29]).toBeCloseTo(8, 12);
    expect(logCost(99)).toBeCloseTo(2, 12);
    expect(logCost(Infinity)).toBe(Infinity);
    expect(scaleMax([0.5, Infinity, 3.5])).toBe(3.5);
  });
});

describe('contours', () => {
  it('finds a circle of radius 2 around the centre of a cone', () => {
    const n = 41;
    const v: number[] = [];
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) v.push(Math.hypot(c - 20, r - 20));
    const seg = contourSegments(v, n, n, 10);
    expect(seg.length).toBeGreaterThan(4 * 40);
    for (let i = 0; i < seg.length; i += 2) expect(Math.hypot(seg[i] - 20, seg[i + 1] - 20)).toBeCloseTo(10, 0);
  });
  it('skips cells with an overflowed corner', () => {
    const v = [0, 2, Infinity, 2];
    expect(contourSegments(v, 2, 2, 1)).toEqual([]);
    expect(contourSegments([0, 2, 0, 2], 2, 2, 1)).toEqual([0.5, 0, 0.5, 1]);
  });
});

describe('contour layers', () => {
  it('are computed once per grid and shared (the same arrays for the 3D view and the heatmap)', () => {
    const res = 9;
    const logs = Float32Array.from({ length: res * res }, (_, i) => Math.hypot((i % res) - 4, Math.floor(i / res) - 4) / 3);
    const levels = [0.5, 1];
    const a = contourLayers(logs, res, levels);
    expect(contourLayers(logs, res, levels)).toBe(a);
    expect(a).toEqual(levels.map((l) => contourSegments(logs, res, res, l)));
    expect(a[0].length).toBeGreaterThan(0);
    expect(contourLayers(logs.slice(), res, levels)).not.toBe(a); // a new surface, new layers
  });
});

describe('caption words on the gradient over time', async () => {
  const { explainGradient } = await import('../../../src/present/gradients');
  const { shortNumber, formatStep } = await import('../../../src/views/common');
  it('says "explodes" only when the factor over the sequence is above 10', () => {
    expect(explainGradient(2, 10)).toContain('1024× over 10 steps): it explodes');
    expect(explainGradient(1.3, 10)).toContain('it explodes'); // 13.79
    // issue 16: 2.594× is growth, not "roughly keeps its size"
    expect(explainGradient(1.1, 10)).toContain('it grows 2.594× over 10 steps');
    expect(explainGradient(1.1, 10)).not.toMatch(/explodes|vanishes|keeps/);
  });
  it('says "vanishes" only when the factor is below 0.1', () => {
    expect(explainGradient(0.5, 10)).toContain('it vanishes');
    expect(explainGradient(0.9, 10)).toContain('it shrinks to 0.3487× over 10 steps'); // issue 16: not "keeps its size"
    expect(explainGradient(-0.9, 10)).toContain('sign alternates');
  });
  it('writes numbers that cannot be misread', () => {
    expect(shortNumber(221.8)).toBe('221.8');
    expect(shortNumber(221.800001)).toBe('221.8');
    expect(shortNumber(1e46)).toBe('1e46');
    expect(shortNumber(0.0001)).toBe('1e-4');
    expect(explainGradient(221.8 ** 0.1, 10)).toContain('221.8× over 10 steps');
    expect(explainGradient(221.8 ** 0.1, 10)).not.toContain('221.800');
  });
  it('shows Rprop step sizes with enough digits for the x1.2 growth', () => {
    const steps = [0.001, 0.0012, 0.00144, 0.001728];
    const shown = steps.map((s) => formatStep(s));
    expect(new Set(shown).size).toBe(4);
    expect(shown).toEqual(['0.001000', '0.001200', '0.001440', '0.001728']);
    expect(formatStep(0.5)).toBe('0.5000');
    expect(formatStep(12.3456)).toBe('12.35');
  });
});

describe('costs in the readout, the hover and the run texts', async () => {
  const { formatReadoutCost } = await import('../../../src/views/common');
  const { runOutcome } = await import('../../../src/present/runText');
  it('never more than 4 significant digits from 10 on (no "1454.554")', () => {
    expect(formatReadoutCost(1454.554)).toBe('1455');
    expect(formatReadoutCost(12345.6)).toBe('12346');
    expect(formatReadoutCost(123.456)).toBe('123.5');
    expect(formatReadoutCost(49.23)).toBe('49.23');
    expect(formatReadoutCost(-49.23)).toBe('-49.23');
    // rounding into the next decade: that decade's digits
    expect(formatReadoutCost(99.996)).toBe('100.0');
    expect(formatReadoutCost(9999.6)).toBe('10000');
    expect(formatReadoutCost(99999.6)).toBe('1.00e+5');
  });
  it('below 10 and beyond 1e5 as before: formatNumber(v, 3)', () => {
    expect(formatReadoutCost(1.0751)).toBe('1.075');
    expect(formatReadoutCost(0.9104)).toBe('0.910');
    expect(formatReadoutCost(0.214)).toBe('0.214');
    expect(formatReadoutCost(1.8e-6)).toBe('1.80e-6');
    expect(formatReadoutCost(6.16e5)).toBe('6.16e+5');
    expect(formatReadoutCost(0)).toBe('0.000');
    expect(formatReadoutCost(Infinity)).toBe('> float32 max (overflow)');
    expect(formatReadoutCost(NaN)).toBe('NaN');
  });
  it('in the run texts', () => {
    const run = { opt: 'clip', costs: [5, 1454.554], diverged: null } as unknown as Parameters<typeof runOutcome>[0];
    expect(runOutcome(run, 0.001)).toBe('not converged: final cost 1455');
  });
});
