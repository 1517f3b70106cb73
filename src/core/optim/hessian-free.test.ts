import { describe, expect, it } from 'vitest';
import { solveSymmetric } from '../linalg/cholesky';
import { symmetricWithSpectrum } from '../linalg/orthogonal';
import { dot, matVec, norm, scale, sub } from '../linalg/vector';
import { createRng, randomNormalVector } from '../random';
import { martensCg } from './hessian-free';

const asOp = (a: Float64Array, n: number) => async (v: Float64Array) => matVec(a, n, v);
const phiOf = (a: Float64Array, n: number, b: Float64Array, p: Float64Array): number => 0.5 * dot(p, matVec(a, n, p)) - dot(b, p);

/** An SPD system whose condition number 100 keeps CG busy past Martens' k = 10 window but not to n. */
function illConditioned(n: number, seed: number): { a: Float64Array; b: Float64Array } {
  const rng = createRng(seed);
  const a = symmetricWithSpectrum(Array.from({ length: n }, (_, i) => 10 ** (-2 + (2 * i) / (n - 1))), rng);
  return { a, b: randomNormalVector(n, rng) };
}

describe('martensCg', () => {
  it('keeps the iterates at ceil(1.3^j) and the last, each with phi = 0.5 p^T A p - b^T p', async () => {
    const n = 60;
    const { a, b } = illConditioned(n, 1);
    // eps = 0 disables the progress rule: (phi_i - phi_{i-k}) / phi_i is never negative.
    const res = await martensCg(asOp(a, n), b, { maxIter: 30, eps: 0 });
    expect(res.iterates.map((it) => it.iteration)).toEqual([0, 1, 2, 3, 4, 5, 7, 9, 11, 14, 18, 24, 30]);
    expect(res.products).toBe(30);
    expect(res.negativeCurvature).toBeNull();
    for (const it of res.iterates) {
      expect(Math.abs(it.phi - phiOf(a, n, b, it.p))).toBeLessThan(1e-12 * Math.abs(it.phi) + 1e-300);
    }
  });

  it('runs to the Newton step A^-1 b once the Krylov space fills the space', async () => {
    const n = 12;
    const rng = createRng(2);
    const a = symmetricWithSpectrum(Array.from({ length: n }, (_, i) => 1 + i), rng);
    const b = randomNormalVector(n, rng);
    const res = await martensCg(asOp(a, n), b, { maxIter: 250, eps: 0 });
    const last = res.iterates[res.iterates.length - 1];
    expect(last.iteration).toBe(n);
    const exact = solveSymmetric(a, n, b)!;
    expect(norm(sub(last.p, exact))).toBeLessThan(1e-10 * norm(exact));
    expect(last.phi).toBeCloseTo(-0.5 * dot(b, exact), 12);
  });

  it('stops at the first i > k = max(10, i/10) with (phi_i - phi_{i-k}) / phi_i < k eps', async () => {
    const n = 60;
    const { a, b } = illConditioned(n, 3);
    const eps = 5e-4;
    const res = await martensCg(asOp(a, n), b, { maxIter: 250, eps });
    const stop = res.iterates[res.iterates.length - 1].iteration;
    expect(stop).toBeGreaterThan(10);
    expect(stop).toBeLessThan(n);
    // phi_i from separate runs capped at i, with the rule off: the same arithmetic, one value each.
    const phis: number[] = [0];
    for (let i = 1; i <= stop; i++) {
      const run = await martensCg(asOp(a, n), b, { maxIter: i, eps: 0 });
      phis.push(run.iterates[run.iterates.length - 1].phi);
    }
    const ruleHolds = (i: number): boolean => {
      const k = Math.max(10, Math.floor(0.1 * i));
      return i > k && (phis[i] - phis[i - k]) / phis[i] < k * eps;
    };
    expect(ruleHolds(stop)).toBe(true);
    for (let i = 1; i < stop; i++) expect(ruleHolds(i)).toBe(false);
  });

  it('reports non-positive curvature with its Rayleigh quotient, which bounds lambda_min from above', async () => {
    const n = 8;
    const rng = createRng(4);
    const spectrum = [-2, -0.5, 1, 2, 3, 4, 5, 6];
    const a = symmetricWithSpectrum(spectrum, rng);
    const res = await martensCg(asOp(a, n), randomNormalVector(n, rng), { maxIter: 250, eps: 5e-4 });
    expect(res.negativeCurvature).not.toBeNull();
    expect(res.negativeCurvature!).toBeLessThanOrEqual(0);
    expect(res.negativeCurvature!).toBeGreaterThanOrEqual(-2);
    const phis = res.iterates.map((it) => it.phi);
    for (let j = 1; j < phis.length; j++) expect(phis[j]).toBeLessThan(phis[j - 1]);
  });

  it('starts from a warm start the model rates below p = 0, and drops one it rates above', async () => {
    const n = 10;
    const rng = createRng(5);
    const a = symmetricWithSpectrum(Array.from({ length: n }, (_, i) => 1 + i), rng);
    const b = randomNormalVector(n, rng);
    const exact = solveSymmetric(a, n, b)!;
    const good = scale(0.9, exact);
    const kept = await martensCg(asOp(a, n), b, { x0: good, maxIter: 3, eps: 0 });
    expect(Array.from(kept.iterates[0].p)).toEqual(Array.from(good));
    expect(kept.iterates[0].phi).toBeCloseTo(phiOf(a, n, b, good), 12);
    expect(kept.products).toBe(4);
    const dropped = await martensCg(asOp(a, n), b, { x0: scale(-1, exact), maxIter: 3, eps: 0 });
    expect(norm(dropped.iterates[0].p)).toBe(0);
    expect(Math.abs(dropped.iterates[0].phi)).toBe(0);
    expect(dropped.products).toBe(4);
  });
});
