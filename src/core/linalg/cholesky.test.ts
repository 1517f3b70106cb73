import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, solve } from 'ml-matrix';
import { cholesky, choleskySolve, solveSymmetric } from './cholesky';
import { symmetricWithSpectrum } from './orthogonal';
import { matVec } from './vector';
import { createRng } from '../random';

describe('cholesky', () => {
  it('factors a known 3 x 3 matrix', () => {
    // [[4,12,-16],[12,37,-43],[-16,-43,98]] = L L^T with L = [[2,0,0],[6,1,0],[-8,5,3]].
    const l = cholesky(new Float64Array([4, 12, -16, 12, 37, -43, -16, -43, 98]), 3);
    expect(Array.from(l!)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('rejects indefinite and semi-definite matrices', () => {
    expect(cholesky(new Float64Array([1, 2, 2, 1]), 2)).toBeNull();
    expect(cholesky(new Float64Array([1, 1, 1, 1]), 2)).toBeNull();
    expect(solveSymmetric(new Float64Array([-1]), 1, new Float64Array([1]))).toBeNull();
  });

  it('solves SPD systems like ml-matrix (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1 << 30 }), (n, seed) => {
        const rng = createRng(seed);
        const spectrum = Array.from({ length: n }, () => 0.1 + 10 * rng.next());
        const a = symmetricWithSpectrum(spectrum, rng);
        const b = Float64Array.from({ length: n }, () => rng.normal());
        const l = cholesky(a, n)!;
        const x = choleskySolve(l, n, b);
        const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
        const ref = solve(new Matrix(rows), Matrix.columnVector(Array.from(b))).getColumn(0);
        for (let i = 0; i < n; i++) expect(Math.abs(x[i] - ref[i])).toBeLessThan(1e-10 * (1 + Math.abs(ref[i])));
        const r = matVec(a, n, x);
        for (let i = 0; i < n; i++) expect(Math.abs(r[i] - b[i])).toBeLessThan(1e-11 * 10 * n);
      }),
      { numRuns: 50 },
    );
  });
});
