import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tridiagonalEigen } from '../linalg/tridiagonal-eigen';
import { lanczosTridiagonal } from './lanczos';
import { massBeyond } from './spectral-mass';
import type { MatVec } from './types';

/** diag(values): a start u then has the spectral measure sum_i u_i^2 delta(values_i). */
const diagonal =
  (values: readonly number[]): MatVec =>
  async (v) =>
    v.map((x, i) => values[i] * x);

describe('massBeyond: the Christoffel bound on a Lanczos start\'s spectral mass', () => {
  it('is exact when the measure is the Gauss-Radau rule itself: m products, m + 1 atoms, xi an end atom', async () => {
    const values = [-2, -0.5, 0.3, 1.1, 2.5, 4];
    const weights = [0.3, 0.1, 0.25, 0.05, 0.2, 0.1];
    const run = await lanczosTridiagonal(diagonal(values), 6, 5, Float64Array.from(weights, Math.sqrt));
    expect(run.products).toBe(5);
    expect(massBeyond(run, run.residualBeta, 4)).toBeCloseTo(0.1, 12);
    expect(massBeyond(run, run.residualBeta, -2)).toBeCloseTo(0.3, 12);
  });

  it('is zero once the start\'s Krylov space is invariant and xi lies past its Ritz values', async () => {
    // The start has no component on the 9 and the -5: its measure sits on 1, 2 and 3.
    const run = await lanczosTridiagonal(diagonal([1, 2, 3, 9, -5]), 5, 5, new Float64Array([1, 1, 1, 0, 0]));
    expect(run.products).toBe(3);
    // The last coupling is rounding, not zero: p_3(3.5) is then huge and its weight far below any floor.
    expect(massBeyond(run, run.residualBeta, 3.5)).toBeLessThan(1e-30);
  });

  it('bounds the mass at and beyond any xi past the Ritz values, at either end (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 }),
        fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 29 }),
        fc.double({ min: 1e-9, max: 1, noNaN: true }),
        async (ints, raw, steps, past) => {
          const values = ints.map((x) => x / 100);
          const n = values.length;
          const total = raw.slice(0, n).reduce((s, x) => s + x, 0);
          const weights = raw.slice(0, n).map((x) => x / total);
          const run = await lanczosTridiagonal(diagonal(values), n, Math.min(steps, n - 1), Float64Array.from(weights, Math.sqrt));
          const ritz = tridiagonalEigen(run.alpha, run.beta).values;
          const m = ritz.length;
          const width = Math.max(...values) - Math.min(...values);
          const above = ritz[m - 1] + past * width;
          const below = ritz[0] - past * width;
          const massAbove = values.reduce((s, x, i) => (x >= above ? s + weights[i] : s), 0);
          const massBelow = values.reduce((s, x, i) => (x <= below ? s + weights[i] : s), 0);
          expect(massBeyond(run, run.residualBeta, above)).toBeGreaterThanOrEqual(massAbove * (1 - 1e-9));
          expect(massBeyond(run, run.residualBeta, below)).toBeGreaterThanOrEqual(massBelow * (1 - 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });
});
