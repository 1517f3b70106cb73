import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tridiagonalEigen, tridiagonalEigenEnds } from './tridiagonal-eigen';
import { symmetricEigen } from './symmetric-eigen';

function dense(alpha: Float64Array, beta: Float64Array): Float64Array {
  const k = alpha.length;
  const t = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    t[i * k + i] = alpha[i];
    if (i + 1 < k) {
      t[i * k + i + 1] = beta[i];
      t[(i + 1) * k + i] = beta[i];
    }
  }
  return t;
}

describe('tridiagonalEigen', () => {
  it('matches the closed form of the k x k second-difference matrix', () => {
    // tridiag(-1, 2, -1): lambda_j = 2 - 2 cos(j pi / (k + 1)), v_j(i) ∝ sin(i j pi / (k + 1)).
    const k = 12;
    const { values, vectors } = tridiagonalEigen(new Float64Array(k).fill(2), new Float64Array(k - 1).fill(-1));
    for (let j = 1; j <= k; j++) {
      expect(values[j - 1]).toBeCloseTo(2 - 2 * Math.cos((j * Math.PI) / (k + 1)), 13);
      const nrm = Math.sqrt((k + 1) / 2);
      const ratio = vectors[0 * k + j - 1] / (Math.sin((j * Math.PI) / (k + 1)) / nrm);
      expect(Math.abs(Math.abs(ratio) - 1)).toBeLessThan(1e-12);
    }
  });

  it('handles a 1 x 1 matrix and a zero coupling', () => {
    expect(Array.from(tridiagonalEigen(new Float64Array([4]), new Float64Array(0)).values)).toEqual([4]);
    const { values } = tridiagonalEigen(new Float64Array([3, 1]), new Float64Array([0]));
    expect(Array.from(values)).toEqual([1, 3]);
  });

  it('deflates a subnormal coupling next to a zero diagonal', () => {
    const { values } = tridiagonalEigen(new Float64Array([0, -8.881784197001249e-16]), new Float64Array([-5e-324]));
    expect(Array.from(values)).toEqual([-8.881784197001249e-16, 0]);
  });

  it('keeps eigenvectors unit for subnormal and huge entries', () => {
    for (const b of [5e-324, 1e300]) {
      const { values, vectors } = tridiagonalEigen(new Float64Array([0, 0]), new Float64Array([b]));
      expect(Math.abs(values[0] + b) / b).toBeLessThan(1e-15);
      expect(Math.abs(values[1] - b) / b).toBeLessThan(1e-15);
      expect(Array.from(vectors, Math.abs)).toEqual([0, 0, 0, 0].map(() => expect.closeTo(Math.SQRT1_2, 15)));
    }
  });

  it('agrees with the dense solver and its end components match the full vectors (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 30, maxLength: 30 }),
        (alphaArr, betaArr) => {
          const k = alphaArr.length;
          const alpha = new Float64Array(alphaArr);
          const beta = new Float64Array(betaArr.slice(0, k - 1));
          const full = tridiagonalEigen(alpha, beta);
          const ref = symmetricEigen(dense(alpha, beta), k);
          const scale = Math.max(1, ...Array.from(full.values, Math.abs));
          for (let i = 0; i < k; i++) expect(Math.abs(full.values[i] - ref.values[i])).toBeLessThan(1e-12 * scale);
          const ends = tridiagonalEigenEnds(alpha, beta);
          for (let i = 0; i < k; i++) {
            expect(Math.abs(ends.values[i] - full.values[i])).toBeLessThan(1e-12 * scale);
            // Quadrature weights: first components squared sum to one.
            expect(Math.abs(ends.first[i] ** 2 - full.vectors[i] ** 2)).toBeLessThan(1e-9);
            expect(Math.abs(ends.last[i] ** 2 - full.vectors[(k - 1) * k + i] ** 2)).toBeLessThan(1e-9);
          }
          const wsum = ends.first.reduce((s, f) => s + f * f, 0);
          expect(Math.abs(wsum - 1)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
