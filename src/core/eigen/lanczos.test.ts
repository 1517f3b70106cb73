import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lanczos, lanczosTridiagonal } from './lanczos';
import { directResidual, operatorWithSpectrum } from './test-operators';
import { dot } from '../linalg/vector';
import { createRng, randomNormalVector } from '../random';
import { fixturePath } from '../../../test/fixtures';

const fixture = JSON.parse(readFileSync(fixturePath('spiral-tanh-ce.json'), 'utf8')) as {
  reference: { eigenvalues_ascending: number[] };
};
const spiral = fixture.reference.eigenvalues_ascending;

describe('lanczos on the spiral fixture spectrum (P = 371)', () => {
  const dense = operatorWithSpectrum(spiral, 1);
  const n = spiral.length;
  const lmax = Math.abs(spiral[n - 1]);

  it('finds the top 5 to relative residual 1e-6 in few products', async () => {
    const before = dense.calls();
    const res = await lanczos.solve(dense.op, n, { k: 5, which: 'top', tol: 1e-6, seed: 0 });
    console.log(`spiral top-5 tol 1e-6: ${res.products} products`);
    expect(res.converged).toBe(true);
    expect(res.products).toBe(dense.calls() - before);
    expect(res.products).toBeLessThanOrEqual(30);
    res.top.forEach((p, i) => {
      expect(Math.abs(p.value - spiral[n - 1 - i]) / lmax).toBeLessThan(1e-9);
      expect(p.residual).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(p.residual - directResidual(dense.matrix, n, p.vector, p.value, lmax))).toBeLessThan(1e-12);
    });
  });

  it('finds the top 5 and the smallest eigenvalue within 1e-8 relative at tol 1e-10', async () => {
    const res = await lanczos.solve(dense.op, n, { k: 5, which: 'both', tol: 1e-10, seed: 2 });
    console.log(`spiral both-ends k=5 tol 1e-10: ${res.products} products, converged=${res.converged}`);
    expect(res.converged).toBe(true);
    res.top.forEach((p, i) => expect(Math.abs(p.value - spiral[n - 1 - i]) / Math.abs(spiral[n - 1 - i])).toBeLessThan(1e-8));
    expect(Math.abs(res.bottom[0].value - spiral[0]) / Math.abs(spiral[0])).toBeLessThan(1e-8);
    for (const p of [...res.top, ...res.bottom]) {
      expect(p.residual).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(p.residual - directResidual(dense.matrix, n, p.vector, p.value, lmax))).toBeLessThan(1e-12);
    }
    // Ritz vectors are unit and mutually orthogonal.
    const xs = [...res.top, ...res.bottom].map((p) => p.vector);
    for (let i = 0; i < xs.length; i++) for (let j = 0; j <= i; j++) expect(Math.abs(dot(xs[i], xs[j]) - (i === j ? 1 : 0))).toBeLessThan(1e-10);
  });
});

describe('lanczos on indefinite known spectra', () => {
  it('finds the bottom of an indefinite spectrum (negative eigenvalues dominate)', async () => {
    const spectrum = Array.from({ length: 150 }, (_, i) => -8 + 10 * (i / 149) ** 2);
    const dense = operatorWithSpectrum(spectrum, 5);
    const res = await lanczos.solve(dense.op, 150, { k: 3, which: 'bottom', tol: 1e-10, seed: 1 });
    expect(res.converged).toBe(true);
    expect(res.top).toEqual([]);
    res.bottom.forEach((p, i) => expect(Math.abs(p.value - spectrum[i]) / Math.abs(spectrum[i])).toBeLessThan(1e-8));
  });

  it('finds every copy of a repeated eigenvalue: three distinct values, each twenty times', async () => {
    const spectrum = Array.from({ length: 60 }, (_, i) => [-1, 2, 5][i % 3]);
    const dense = operatorWithSpectrum(spectrum, 9);
    const res = await lanczos.solve(dense.op, 60, { k: 3, which: 'both', seed: 3 });
    expect(res.converged).toBe(true);
    expect(res.top.map((p) => p.value)).toEqual([expect.closeTo(5, 12), expect.closeTo(5, 12), expect.closeTo(5, 12)]);
    expect(res.bottom.map((p) => p.value)).toEqual([expect.closeTo(-1, 12), expect.closeTo(-1, 12), expect.closeTo(-1, 12)]);
    // Each Krylov space is invariant after three products and holds one copy of each value: the first
    // run restarts once to have the six Ritz values asked for, the check adds the third copy at each end.
    expect(res.products - res.missedCopyCheck!.products).toBe(6);
    expect(res.missedCopyCheck!.added).toBe(2);
    expect(res.products).toBe(dense.calls());
  });

  it('is exact from a warm start on an eigenvector after one product (k = 1 needs no missed-copy check)', async () => {
    const spectrum = [-3, -1, 0.5, 2, 4];
    const dense = operatorWithSpectrum(spectrum, 2);
    const first = await lanczos.solve(dense.op, 5, { k: 1, which: 'top', tol: 1e-12 });
    const warm = await lanczos.solve(dense.op, 5, { k: 1, which: 'top', tol: 1e-6, start: first.top[0].vector });
    expect(warm.products).toBe(1);
    expect(warm.missedCopyCheck).toEqual({ products: 0, added: 0, passed: true });
    expect(warm.top[0].value).toBeCloseTo(4, 10);
  });

  it('restarts after an early invariant subspace to return k pairs', async () => {
    // A start inside a 2-dimensional invariant subspace: the solver must leave it to find 3 pairs.
    const n = 6;
    const diag = [1, 2, 3, 4, 5, 6];
    const op = async (v: Float64Array) => v.map((x, i) => diag[i] * x);
    const start = new Float64Array([1, 1, 0, 0, 0, 0]);
    const res = await lanczos.solve(op, n, { k: 3, which: 'top', tol: 1e-10, start });
    expect(res.top.map((p) => p.value)).toEqual([expect.closeTo(6, 10), expect.closeTo(5, 10), expect.closeTo(4, 10)]);
  });

  it('respects maxProducts and reports non-convergence', async () => {
    const spectrum = Array.from({ length: 200 }, (_, i) => i / 199);
    const dense = operatorWithSpectrum(spectrum, 4);
    const res = await lanczos.solve(dense.op, 200, { k: 5, which: 'top', tol: 1e-12, maxProducts: 10 });
    expect(res.products).toBe(10);
    expect(res.converged).toBe(false);
  });
});

describe('lanczos on random spectra', () => {
  it('matches the known ends of random indefinite spectra, tiny sizes included (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Integers over 1e4: zeros and repeats occur, subnormal spectra (a rounding-only regime) do not.
        fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((x) => x / 1e4), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        async (values, k, seed) => {
          const n = values.length;
          const sorted = [...values].sort((a, b) => a - b);
          const dense = operatorWithSpectrum(values, seed);
          const res = await lanczos.solve(dense.op, n, { k, which: 'both', tol: 1e-10, seed: seed + 1 });
          const scale = Math.max(1e-300, Math.abs(sorted[0]), Math.abs(sorted[n - 1]));
          expect(res.products).toBe(dense.calls());
          expect(res.converged).toBe(true);
          // Repeated values (zeros and repeats occur) must appear as often as they repeat.
          res.top.forEach((p, i) => expect(Math.abs(p.value - sorted[n - 1 - i]) / scale).toBeLessThan(1e-8));
          res.bottom.forEach((p, i) => expect(Math.abs(p.value - sorted[i]) / scale).toBeLessThan(1e-8));
          for (const p of [...res.top, ...res.bottom]) {
            expect(Math.abs(p.residual - directResidual(dense.matrix, n, p.vector, p.value, Math.max(...[...res.top, ...res.bottom].map((q) => Math.abs(q.value)), 1e-300)))).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('lanczosTridiagonal', () => {
  it('satisfies Q^T H Q = T with orthonormal Q', async () => {
    const spectrum = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3);
    const dense = operatorWithSpectrum(spectrum, 6);
    const start = randomNormalVector(40, createRng(1));
    const { alpha, beta, basis, products } = await lanczosTridiagonal(dense.op, 40, 15, start);
    expect(products).toBe(15);
    expect(alpha.length).toBe(15);
    expect(beta.length).toBe(14);
    for (let i = 0; i < 15; i++) {
      const hq = await dense.op(basis[i]);
      for (let j = 0; j < 15; j++) {
        const t = i === j ? alpha[i] : Math.abs(i - j) === 1 ? beta[Math.min(i, j)] : 0;
        expect(Math.abs(dot(basis[j], hq) - t)).toBeLessThan(1e-12);
        expect(Math.abs(dot(basis[i], basis[j]) - (i === j ? 1 : 0))).toBeLessThan(1e-13);
      }
    }
  });

  it('stops early on an invariant subspace', async () => {
    const dense = operatorWithSpectrum([1, 1, 1, 2, 2, 2], 3);
    const res = await lanczosTridiagonal(dense.op, 6, 6, new Float64Array([1, 0, 0, 0, 0, 0]));
    expect(res.alpha.length).toBe(2);
    expect(res.products).toBe(2);
  });
});
