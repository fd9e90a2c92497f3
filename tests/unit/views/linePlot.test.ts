import { describe, expect, it } from 'vitest';
import { axisValue, dataExtent, plotTicks, tickLabel } from '../../../src/views/plotAxes';

describe('line plot axes (the lesson figures)', () => {
  it('a log axis takes log10 and refuses zero, negatives and non-finite values (they break the line)', () => {
    expect(axisValue(1000, true)).toBe(3);
    expect(axisValue(0, true)).toBeNull();
    expect(axisValue(-1, true)).toBeNull();
    expect(axisValue(Infinity, true)).toBeNull();
    expect(axisValue(NaN, false)).toBeNull();
    expect(axisValue(-2, false)).toBe(-2);
  });

  it('the extent covers the drawable data, padded; one value gets a decade around it', () => {
    const [lo, hi] = dataExtent([1e-8, 1, 0, Infinity], true);
    expect(lo).toBeLessThan(-8);
    expect(hi).toBeGreaterThan(0);
    expect(hi).toBeLessThan(0.5);
    expect(dataExtent([100], true)).toEqual([1.5, 2.5]);
    expect(dataExtent([], true)).toEqual([0, 1]);
  });

  it('log ticks are whole decades, thinned to about the asked count; labels are powers of ten', () => {
    expect(plotTicks(-8.2, 0.3, true, 10)).toEqual([-8, -7, -6, -5, -4, -3, -2, -1, 0]);
    expect(plotTicks(-8.2, 0.3, true, 4)).toEqual([-8, -5, -2]);
    expect(tickLabel(-3, true)).toBe('10⁻³');
    expect(tickLabel(0, true)).toBe('1');
    expect(tickLabel(0.5, false)).toBe('0.5');
  });

  it('an axis of lengths or steps has whole-number ticks only', () => {
    // the seqLen sweep's axis over lengths 2..12 (padded by half a length)
    expect(plotTicks(1.5, 12.5, false, 5)).toEqual([2.5, 5, 7.5, 10, 12.5]);
    expect(plotTicks(1.5, 12.5, false, 5, true)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(plotTicks(1.5, 4.5, false, 8, true)).toEqual([2, 3, 4]);
    expect(plotTicks(0.5, 200.5, false, 6, true)).toEqual([50, 100, 150, 200]);
  });
});
