import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { symmetricEigen } from './symmetric-eigen';
import { randomOrthogonal, symmetricWithSpectrum } from './orthogonal';
import { createRng } from '../random';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    const v = rng.normal();
    a[i * n + j] = v;
    a[j * n + i] = v;
  }
  return a;
}

/** max |A v_j - lambda_j v_j| and max |V^T V - I| for the decomposition. */
function defects(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): { residual: number; orth: number } {
  let residual = 0;
  let orth = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * vectors[k * n + j];
      residual = Math.max(residual, Math.abs(s - values[j] * vectors[i * n + j]));
    }
    for (let l = 0; l < n; l++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[k * n + j] * vectors[k * n + l];
      orth = Math.max(orth, Math.abs(s - (j === l ? 1 : 0)));
    }
  }
  return { residual, orth };
}

describe('symmetricEigen', () => {
  it('returns a diagonal matrix\'s entries sorted, with unit vectors', () => {
    const n = 4;
    const diag = [3, -1, 7, 0.5];
    const a = new Float64Array(n * n);
    diag.forEach((v, i) => (a[i * n + i] = v));
    const { values, vectors } = symmetricEigen(a, n);
    expect(Array.from(values)).toEqual([-1, 0.5, 3, 7]);
    // Eigenvector of -1 is e_1 up to sign.
    expect(Math.abs(vectors[1 * n + 0])).toBe(1);
  });

  it('matches the 2x2 closed form', () => {
    const [p, q, r] = [2, 1.5, -3];
    const { values } = symmetricEigen(new Float64Array([p, q, q, r]), 2);
    const mid = (p + r) / 2;
    const rad = Math.hypot((p - r) / 2, q);
    expect(values[0]).toBeCloseTo(mid - rad, 14);
    expect(values[1]).toBeCloseTo(mid + rad, 14);
  });

  it('agrees with ml-matrix on a random 40 x 40 symmetric matrix', () => {
    const n = 40;
    const a = randomSymmetric(n, 7);
    const ours = symmetricEigen(a, n);
    const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
    const ref = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.slice().sort((x, y) => x - y);
    for (let i = 0; i < n; i++) expect(Math.abs(ours.values[i] - ref[i])).toBeLessThan(1e-12 * Math.abs(ref[n - 1]));
  });

  it('recovers a prescribed spectrum through a random orthogonal similarity', () => {
    const spectrum = [-2, -0.5, 0, 1e-3, 1, 1, 4, 10];
    const a = symmetricWithSpectrum(spectrum, createRng(3));
    const { values } = symmetricEigen(a, spectrum.length);
    spectrum.forEach((v, i) => expect(Math.abs(values[i] - v)).toBeLessThan(1e-13));
  });

  it('builds orthogonal matrices', () => {
    const n = 6;
    const q = randomOrthogonal(n, createRng(11));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k * n + i] * q[k * n + j];
      expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-14);
    }
  });

  it('satisfies A V = V Lambda with orthonormal V (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 0, max: 1 << 30 }), (n, seed) => {
        const a = randomSymmetric(n, seed);
        const { values, vectors } = symmetricEigen(a, n);
        const { residual, orth } = defects(a, n, values, vectors);
        const scale = Math.max(1, Math.abs(values[0]), Math.abs(values[n - 1]));
        for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
        expect(residual).toBeLessThan(1e-12 * scale * n);
        expect(orth).toBeLessThan(1e-12 * n);
      }),
      { numRuns: 60 },
    );
  });

  it('handles n = 500 with small residuals', () => {
    const n = 500;
    const a = randomSymmetric(n, 5);
    const { values, vectors } = symmetricEigen(a, n);
    // Spot-check a few columns rather than the O(n^3) full defect.
    for (const j of [0, 137, 499]) {
      let worst = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * vectors[k * n + j];
        worst = Math.max(worst, Math.abs(s - values[j] * vectors[i * n + j]));
      }
      expect(worst).toBeLessThan(1e-11 * Math.abs(values[n - 1]));
    }
  });
});
