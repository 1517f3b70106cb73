import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centredAxis, excessQuantile, gridExtent, indexToCoord, makeLossScale } from './lossScale';
import type { SurfaceGrid } from './types';

const grid: SurfaceGrid = {
  xs: [0, 1, 2],
  ys: [0, 1],
  values: [
    [0, 10, 1000],
    [Number.NaN, 100, Number.POSITIVE_INFINITY],
  ],
};

describe('lossScale', () => {
  it('ignores non-finite values in the extent', () => {
    expect(gridExtent(grid.values)).toEqual([0, 1000]);
    expect(gridExtent([[Number.NaN]])).toEqual([0, 1]);
  });

  it('log scale is log10(loss - min + eps) with eps the 1st percentile of loss - min', () => {
    // 200 samples 5, 6, ..., 204: the 1st percentile (rank 2) of loss - min is 2
    const ramp: SurfaceGrid = { xs: [...Array(20).keys()], ys: [...Array(10).keys()], values: Array.from({ length: 10 }, (_, j) => Array.from({ length: 20 }, (_, i) => 5 + j * 20 + i)) };
    const s = makeLossScale(ramp, true);
    expect(s.eps).toBe(2);
    expect(s.map(5)).toBeCloseTo(Math.log10(2), 12);
    expect(s.map(15)).toBeCloseTo(Math.log10(12), 12);
    expect(s.lo).toBeCloseTo(Math.log10(2), 12);
    expect(s.hi).toBeCloseTo(Math.log10(201), 12);
    // below the grid minimum clamps to the floor rather than going NaN
    expect(s.map(-5)).toBeCloseTo(Math.log10(2), 12);
    expect(s.map(Number.NaN)).toBe(s.hi);
    expect(s.unit(5)).toBe(0);
    expect(s.unit(204)).toBe(1);
    expect(s.unit(15)).toBeCloseTo((Math.log10(12) - Math.log10(2)) / (Math.log10(201) - Math.log10(2)), 12);
  });

  it('eps falls back to 1e-9 of the range when the lowest percentile sits at the minimum', () => {
    const s = makeLossScale(grid, true);
    expect(s.eps).toBeCloseTo(1e-6, 18);
    expect(s.map(0)).toBeCloseTo(-6, 12);
    expect(s.map(10)).toBeCloseTo(Math.log10(10 + 1e-6), 12);
  });

  it('linear scale is the identity and unit() is affine', () => {
    const s = makeLossScale(grid, false);
    expect(s.map(250)).toBe(250);
    expect(s.unit(250)).toBeCloseTo(0.25, 15);
    expect(s.unit(2000)).toBe(1);
  });

  it('unmap inverts map on the grid range', () => {
    const s = makeLossScale(grid, true);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (v) => {
        expect(s.unmap(s.map(v))).toBeCloseTo(v, 6);
      }),
    );
  });

  it('a flat grid maps every loss to unit 0 without NaN', () => {
    const s = makeLossScale({ xs: [0, 1], ys: [0, 1], values: [[2, 2], [2, 2]] }, true);
    expect(s.unit(2)).toBe(0);
    expect(Number.isFinite(s.map(2))).toBe(true);
  });

  it('indexToCoord interpolates samples, including uneven ones', () => {
    expect(indexToCoord([-2, -1, 0, 1, 2], 2.5)).toBeCloseTo(0.5, 15);
    expect(indexToCoord([0, 1, 4], 1.5)).toBeCloseTo(2.5, 15);
    expect(indexToCoord([0, 1, 4], -0.5)).toBeCloseTo(-0.5, 15);
    expect(indexToCoord([0, 1, 4], 2.5)).toBeCloseTo(5.5, 15);
  });

  it('centredAxis maps the sample range onto [-half, half]', () => {
    const f = centredAxis([-2, 0, 2, 6], 1);
    expect(f(-2)).toBeCloseTo(-1, 15);
    expect(f(6)).toBeCloseTo(1, 15);
    expect(f(2)).toBeCloseTo(0, 15);
    expect(centredAxis([3, 3], 1)(3)).toBe(0);
  });
});

describe('excessQuantile', () => {
  it('is the nearest-rank quantile of loss - min over the finite values', () => {
    // finite excesses over min 1: 2, 0, 1, 4 -> sorted 0, 1, 2, 4
    const values = [
      [3, Number.NaN, 1],
      [Number.POSITIVE_INFINITY, 2, 5],
    ];
    expect(excessQuantile(values, 1, 0)).toBe(0);
    expect(excessQuantile(values, 1, 0.5)).toBe(2);
    expect(excessQuantile(values, 1, 0.99)).toBe(4);
    expect(excessQuantile([[Number.NaN]], 0, 0.5)).toBe(0);
  });

  it('agrees with sorting a plain array, whatever the values', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ noNaN: false }), { maxLength: 6 }), { maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const finite = values.flat().filter(Number.isFinite);
        const min = finite.length ? Math.min(...finite) : 0;
        const excess = finite.map((v) => v - min).sort((a, b) => a - b);
        const want = excess.length ? excess[Math.min(excess.length - 1, Math.floor(q * excess.length))] : 0;
        // === rather than toBe: the two sorts may order -0 and 0 differently, and they are the same excess
        expect(excessQuantile(values, min, q) === want).toBe(true);
      }),
    );
  });
});
