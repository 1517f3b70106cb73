import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeLossScale } from './lossScale';
import { formatValue, lossScaleTicks, niceTicks } from './ticks';
import type { SurfaceGrid } from './types';

describe('niceTicks', () => {
  it('picks 1/2/5 steps like d3.ticks', () => {
    expect(niceTicks(-2, 2, 5)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-1, 3, 4)).toEqual([-1, 0, 1, 2, 3]);
    expect(niceTicks(0.13, 0.61, 5)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(niceTicks(0, 2500, 5)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(niceTicks(3, 3, 5)).toEqual([3]);
    expect(niceTicks(0, Number.NaN, 5)).toEqual([]);
  });

  it('ticks always lie inside the range, ascending, between count/3 and 3*count of them', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 10 }), (lo, span, count) => {
        const t = niceTicks(lo, lo + span, count);
        expect(t.length).toBeGreaterThanOrEqual(1);
        expect(t.length).toBeLessThanOrEqual(3 * count + 1);
        // a few ulps of |lo| too: far from zero a tiny span is below the doubles' resolution
        const slack = span * 1e-6 + Math.abs(lo) * 1e-12;
        for (let k = 0; k < t.length; k++) {
          expect(t[k]).toBeGreaterThanOrEqual(lo - slack);
          expect(t[k]).toBeLessThanOrEqual(lo + span + slack);
          if (k > 0) expect(t[k]).toBeGreaterThan(t[k - 1]);
        }
      }),
    );
  });
});

describe('formatValue', () => {
  it('switches to exponent outside [1e-3, 1e4)', () => {
    expect(formatValue(2509.123)).toBe('2510');
    expect(formatValue(12345)).toBe('1.2e4');
    expect(formatValue(-0.0004567)).toBe('-4.6e-4');
    expect(formatValue(0.25)).toBe('0.25');
    expect(formatValue(1e-4)).toBe('1e-4');
    expect(formatValue(0)).toBe('0');
  });
});

describe('lossScaleTicks', () => {
  const ramp = (lo: number, hi: number): SurfaceGrid => ({ xs: [0, 1, 2, 3], ys: [0, 1, 2, 3, 4], values: Array.from({ length: 5 }, (_, j) => Array.from({ length: 4 }, (_, i) => lo + ((hi - lo) * (j * 4 + i)) / 19)) });

  it('log ticks sit at min + 10^k, evenly spaced in t', () => {
    // 20 samples over [0, 1900]: rank 0 of loss - min is 0, so eps = 1.9e-6
    const scale = makeLossScale(ramp(0, 1900), true);
    const ticks = lossScaleTicks(scale, 10);
    expect(ticks.map((t) => t.loss)).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]);
    // a decade well above eps is one unit of log10, i.e. 1 / (hi - lo) of the bar
    const decade = 1 / (Math.log10(1900 + 1.9e-6) - Math.log10(1.9e-6));
    for (let k = 4; k < ticks.length; k++) expect(ticks[k].t - ticks[k - 1].t).toBeCloseTo(decade, 4);
    expect(ticks[ticks.length - 1].t).toBeCloseTo((3 - Math.log10(1.9e-6)) / (Math.log10(1900) - Math.log10(1.9e-6)), 6);
  });

  it('log ticks thin out to about `count` over many decades', () => {
    const ticks = lossScaleTicks(makeLossScale(ramp(0, 1900), true), 4);
    expect(ticks.map((t) => t.loss)).toEqual([1e-3, 1, 1000]);
  });

  it('linear ticks are round losses at their affine position', () => {
    const ticks = lossScaleTicks(makeLossScale(ramp(10, 30), false), 4);
    expect(ticks.map((t) => t.loss)).toEqual([10, 15, 20, 25, 30]);
    expect(ticks[1].t).toBeCloseTo(0.25, 12);
  });
});
