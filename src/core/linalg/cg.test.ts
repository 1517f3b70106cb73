import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conjugateGradient } from './cg';
import { solveSymmetric } from './cholesky';
import { symmetricWithSpectrum } from './orthogonal';
import { matVec, norm, sub } from './vector';
import { createRng, randomNormalVector } from '../random';

const asOp = (a: Float64Array, n: number) => async (v: Float64Array) => matVec(a, n, v);

describe('conjugateGradient', () => {
  it('solves SPD systems to the requested relative residual, like Cholesky (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1 << 30 }), async (n, seed) => {
        const rng = createRng(seed);
        const a = symmetricWithSpectrum(Array.from({ length: n }, () => 0.5 + 5 * rng.next()), rng);
        const b = randomNormalVector(n, rng);
        const res = await conjugateGradient(asOp(a, n), b, { tol: 1e-10, maxIter: 4 * n });
        expect(res.converged).toBe(true);
        expect(res.negativeCurvature).toBe(false);
        const trueRes = norm(sub(matVec(a, n, res.x), b));
        expect(trueRes).toBeLessThan(1e-9 * norm(b));
        expect(res.products).toBe(res.iterations);
        const ref = solveSymmetric(a, n, b)!;
        expect(norm(sub(res.x, ref))).toBeLessThan(1e-8 * (1 + norm(ref)));
      }),
      { numRuns: 40 },
    );
  });

  it('converges in at most as many iterations as distinct eigenvalues (exact arithmetic bound)', async () => {
    const n = 30;
    const rng = createRng(4);
    const a = symmetricWithSpectrum(Array.from({ length: n }, (_, i) => [1, 2, 5][i % 3]), rng);
    const res = await conjugateGradient(asOp(a, n), randomNormalVector(n, rng), { tol: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.iterations).toBeLessThanOrEqual(4);
  });

  it('counts the product of a warm start and starts from it', async () => {
    const a = new Float64Array([2, 0, 0, 4]);
    const b = new Float64Array([2, 4]);
    const res = await conjugateGradient(asOp(a, 2), b, { x0: new Float64Array([1, 0]), tol: 1e-12 });
    expect(Array.from(res.x)).toEqual([1, 1]);
    expect(res.iterations).toBe(1);
    expect(res.products).toBe(2);
  });

  it('returns the first direction on negative curvature at iteration 0', async () => {
    const a = new Float64Array([-1, 0, 0, 2]);
    const b = new Float64Array([1, 0]);
    const res = await conjugateGradient(asOp(a, 2), b);
    expect(res.negativeCurvature).toBe(true);
    expect(res.converged).toBe(false);
    expect(Array.from(res.x)).toEqual([1, 0]);
    expect(res.products).toBe(1);
  });

  it('returns the iterate so far when negative curvature appears later', async () => {
    // Positive curvature along b's first direction, negative along the second Krylov direction.
    const a = new Float64Array([2, 1, 1, -3]);
    const b = new Float64Array([1, 0]);
    const res = await conjugateGradient(asOp(a, 2), b);
    expect(res.negativeCurvature).toBe(true);
    expect(res.iterations).toBe(1);
    // First step: alpha = b.b / b.Ab = 1/2, x = b/2.
    expect(Array.from(res.x)).toEqual([0.5, 0]);
    const cont = await conjugateGradient(asOp(a, 2), b, { onNegativeCurvature: 'continue', tol: 1e-12 });
    expect(cont.negativeCurvature).toBe(true);
    expect(cont.converged).toBe(true);
    // Indefinite but nonsingular: CG on a 2 x 2 system still lands on A^{-1} b = [3, 1] / 7.
    expect(cont.x[0]).toBeCloseTo(3 / 7, 12);
    expect(cont.x[1]).toBeCloseTo(1 / 7, 12);
  });

  it('returns x0 untouched when b is zero', async () => {
    const res = await conjugateGradient(asOp(new Float64Array([1]), 1), new Float64Array([0]));
    expect(res.converged).toBe(true);
    expect(res.iterations).toBe(0);
    expect(res.products).toBe(0);
  });
});
