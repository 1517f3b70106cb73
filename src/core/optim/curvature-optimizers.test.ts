import { describe, expect, it } from 'vitest';
import { solveSymmetric } from '../linalg/cholesky';
import { symmetricWithSpectrum } from '../linalg/orthogonal';
import { matVec } from '../linalg/vector';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { countedObjective, type Objective } from '../objective';
import { createRng, randomNormalVector } from '../random';
import { hessianFree } from './hessian-free';
import { kfac, kfacInverse, kfacPrecondition } from './kfac';
import { levenbergMarquardt } from './levenberg-marquardt';
import { inverseFourthRoot, shampooDirection } from './shampoo';
import { naturalGradient } from './natural-gradient';
import { applicableOptimizers, FUNCTION_OPTIMIZERS, OPTIMIZERS } from './registry';
import { runOptimizer } from './run';
import { sophia } from './sophia';

/** Dense a (x) b of row-major square matrices. */
function kron(a: Float64Array, m: number, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(m * n * m * n);
  for (let i = 0; i < m; i++)
    for (let k = 0; k < m; k++)
      for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) out[(i * n + j) * m * n + k * n + l] = a[i * m + k] * b[j * n + l];
  return out;
}

function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * n + k] * b[k * n + j];
  return out;
}

function spd(n: number, seed: number, lo = 0.1, hi = 10): Float64Array {
  return symmetricWithSpectrum(Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / Math.max(1, n - 1))), createRng(seed));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * Rosenbrock as the least-squares problem f = r1^2 + r2^2, r = (10 (y - x^2), 1 - x), with its
 * Gauss-Newton matrix G = 2 J^T J (J = [[-20 x, 10], [-1, 0]]): the classic LM test problem.
 */
function rosenbrockLeastSquares(): Objective {
  const residuals = (w: Float64Array): [number, number] => [10 * (w[1] - w[0] ** 2), 1 - w[0]];
  const jac = (w: Float64Array): number[][] => [[-20 * w[0], 10], [-1, 0]];
  const grad = (w: Float64Array): Float64Array => {
    const r = residuals(w);
    const j = jac(w);
    return Float64Array.of(2 * (j[0][0] * r[0] + j[1][0] * r[1]), 2 * (j[0][1] * r[0] + j[1][1] * r[1]));
  };
  const value = (w: Float64Array): number => residuals(w).reduce((s, r) => s + r * r, 0);
  return countedObjective({
    dim: 2,
    value: async (w) => value(w),
    valueAndGrad: async (w) => ({ value: value(w), grad: grad(w) }),
    hvp: async (w, v) => {
      const [hxx, hxy, hyy] = getTestFunction('rosenbrock').hessian(w[0], w[1]);
      return Float64Array.of(hxx * v[0] + hxy * v[1], hxy * v[0] + hyy * v[1]);
    },
    ggnvp: async (w, v) => {
      const j = jac(w);
      const jv = [j[0][0] * v[0] + j[0][1] * v[1], j[1][0] * v[0] + j[1][1] * v[1]];
      return Float64Array.of(2 * (j[0][0] * jv[0] + j[1][0] * jv[1]), 2 * (j[0][1] * jv[0] + j[1][1] * jv[1]));
    },
  });
}

describe("K-FAC's preconditioner", () => {
  it('equals the dense float64 solve with (A + pi sqrt(lambda) I) (x) (S + sqrt(lambda) / pi I)', () => {
    const [nIn, nOut, lambda] = [3, 2, 0.05];
    const A = spd(nIn + 1, 1);
    const S = spd(nOut, 2, 0.01, 1);
    const g = randomNormalVector((nIn + 1) * nOut + 5, createRng(3));
    const inv = kfacInverse({ nIn, nOut, offset: 5, A, S }, lambda);
    const got = kfacPrecondition([inv], g);
    let trA = 0;
    let trS = 0;
    for (let i = 0; i <= nIn; i++) trA += A[i * (nIn + 1) + i];
    for (let i = 0; i < nOut; i++) trS += S[i * nOut + i];
    const pi = Math.sqrt(trA / (nIn + 1) / (trS / nOut));
    const dampedA = A.map((v, i) => (i % (nIn + 2) === 0 ? v + pi * Math.sqrt(lambda) : v));
    const dampedS = S.map((v, i) => (i % (nOut + 1) === 0 ? v + Math.sqrt(lambda) / pi : v));
    const expected = solveSymmetric(kron(dampedA, nIn + 1, dampedS, nOut), (nIn + 1) * nOut, g.slice(5))!;
    expect(maxAbsDiff(got.subarray(5), expected)).toBeLessThan(1e-10);
    // Coordinates outside every layer are left alone.
    expect(Array.from(got.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("Shampoo's preconditioner", () => {
  it('(M + eps I)^(-1/4) to the fourth power inverts M + eps I', () => {
    const n = 5;
    const M = spd(n, 4, 1e-3, 50);
    const eps = 1e-4;
    const r = inverseFourthRoot(M, n, eps);
    let largestDiag = 0;
    for (let i = 0; i < n; i++) largestDiag = Math.max(largestDiag, M[i * n + i]);
    const damped = M.map((v, i) => (i % (n + 1) === 0 ? v + eps * largestDiag : v));
    const r2 = matMul(r, r, n);
    const identity = matMul(matMul(r2, r2, n), damped, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(identity[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 9);
  });

  it('L^(-1/4) G R^(-1/4) is (L^(-1/4) (x) R^(-1/4)) vec(G) for the row-major G', () => {
    const [rows, cols] = [4, 3];
    const L = inverseFourthRoot(spd(rows, 5), rows, 1e-6);
    const R = inverseFourthRoot(spd(cols, 6), cols, 1e-6);
    const G = randomNormalVector(rows * cols, createRng(7));
    const got = shampooDirection(G, { offset: 0, rows, cols }, L, R);
    expect(maxAbsDiff(got, matVec(kron(L, rows, R, cols), rows * cols, G))).toBeLessThan(1e-12);
  });
});

describe('Gauss-Newton optimizers on the Rosenbrock least-squares problem', () => {
  it('Levenberg-Marquardt reaches (1, 1) from (-1.2, 1), never raising f, spending Gauss-Newton products only', async () => {
    const f = rosenbrockLeastSquares();
    const res = await runOptimizer(levenbergMarquardt, f, Float64Array.of(-1.2, 1), { maxIter: 100, gtol: 1e-10 });
    expect(res.reason).toBe('gtol met');
    expect(maxAbsDiff(res.x, [1, 1])).toBeLessThan(1e-8);
    for (let i = 1; i < res.records.length; i++) expect(res.records[i].loss).toBeLessThanOrEqual(res.records[i - 1].loss);
    expect(f.counts.hvps).toBe(0);
    expect(f.counts.ggnvps).toBeGreaterThan(0);
  });

  it('Hessian-free spends Gauss-Newton products by default and Hessian products with curvature = hessian', async () => {
    for (const curvature of ['gauss-newton', 'hessian']) {
      const f = rosenbrockLeastSquares();
      const res = await runOptimizer(hessianFree, f, Float64Array.of(-1.2, 1), { maxIter: 200, gtol: 1e-8, hp: { curvature } });
      expect(maxAbsDiff(res.x, [1, 1])).toBeLessThan(1e-6);
      expect(curvature === 'gauss-newton' ? f.counts.hvps : f.counts.ggnvps).toBe(0);
    }
  });

  /** f(w) = w^T A w / 2 - b^T w with G = H = A: the quadratic model is exact, so rho = 1 for every step. */
  function quadratic(): { f: Objective; A: Float64Array; b: Float64Array; n: number } {
    const n = 6;
    const A = spd(n, 8);
    const b = randomNormalVector(n, createRng(9));
    const value = (w: Float64Array): number => 0.5 * w.reduce((s, x, i) => s + x * matVec(A, n, w)[i], 0) - w.reduce((s, x, i) => s + x * b[i], 0);
    const f = countedObjective({
      dim: n,
      value: async (w) => value(w),
      valueAndGrad: async (w) => ({ value: value(w), grad: matVec(A, n, w).map((x, i) => x - b[i]) }),
      hvp: async (_w, v) => matVec(A, n, v),
      ggnvp: async (_w, v) => matVec(A, n, v),
    });
    return { f, A, b, n };
  }

  it('natural gradient with lr 1 and no damping is the Newton step on a quadratic whose G is its Hessian', async () => {
    const { f, A, b, n } = quadratic();
    const res = await runOptimizer(naturalGradient, f, new Float64Array(n), { maxIter: 1, gtol: 0, hp: { lr: 1, damping: 0, cgTol: 1e-13 } });
    expect(maxAbsDiff(res.x, solveSymmetric(A, n, b)!)).toBeLessThan(1e-9);
  });

  it('natural gradient moves its damping by the reduction ratio (Martens 2010, Sec. 4.1): x 2/3 where the model is exact, and refuses a step that raises the loss', async () => {
    const { f, n } = quadratic();
    const x0 = new Float64Array(n);
    const start = await naturalGradient.init(x0, f, { damping: 1 });
    const exact = await naturalGradient.step(start, f, { lr: 1, damping: 1, cgTol: 1e-13 });
    expect(exact.loss).toBeLessThan(start.loss);
    expect(exact.state.damping).toBeCloseTo(2 / 3, 12);
    // Three times the Newton step d = A^-1 b overshoots: f(3 d) - f(0) = 3/2 b^T A^-1 b > 0.
    const newton = await naturalGradient.init(x0, f, { damping: 0 });
    const refused = await naturalGradient.step(newton, f, { lr: 3, damping: 0, cgTol: 1e-13 });
    expect(Array.from(refused.x)).toEqual(Array.from(x0));
    expect(refused.loss).toBe(start.loss);
    expect(refused.stepSize).toBe(0);
    expect(refused.state.damping).toBeGreaterThan(0);
  });
});

describe('Sophia', () => {
  it('moves no coordinate by more than lr per step (the clipped update), on a 2-D function with the Hutchinson fallback', async () => {
    // Six-hump camel is no sum of squares, so it has no Gauss-Newton product to fall back on.
    const f = functionObjective(getTestFunction('six-hump-camel'));
    const lr = 0.02;
    const res = await runOptimizer(sophia, f, Float64Array.of(-1.2, 1), { maxIter: 40, gtol: 0, hp: { lr } });
    for (let i = 1; i < res.records.length; i++) {
      const [a, b] = [res.records[i - 1].point, res.records[i].point];
      expect(Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]))).toBeLessThanOrEqual(lr * (1 + 1e-12));
    }
    // One curvature probe per 10 steps.
    expect(f.counts.hvps).toBe(4);
    expect(res.f).toBeLessThan(res.records[0].loss);
  });
});

describe('optimizers that need a network', () => {
  it('K-FAC, Gauss-Newton and natural gradient say on a 2-D function that is no sum of squares that they do not apply', async () => {
    const f = functionObjective(getTestFunction('six-hump-camel'));
    await expect(kfac.init(Float64Array.of(0, 0), f, {})).rejects.toThrow(/K-FAC does not apply to this objective: it needs per-layer Kronecker factors/);
    await expect(levenbergMarquardt.init(Float64Array.of(0, 0), f, {})).rejects.toThrow(/needs a Gauss-Newton product/);
    await expect(naturalGradient.init(Float64Array.of(0, 0), f, {})).rejects.toThrow(/needs a Gauss-Newton product/);
  });
});

describe('registry', () => {
  it('leaves K-FAC, Gauss-Newton and natural gradient out for 2-D functions that are no sums of squares and keeps Shampoo, Sophia and Hessian-free', () => {
    const f = functionObjective(getTestFunction('six-hump-camel'));
    const names = applicableOptimizers(f).map((o) => o.name);
    expect(names).toEqual(FUNCTION_OPTIMIZERS.map((o) => o.name));
    for (const out of ['kfac', 'levenberg-marquardt', 'natural-gradient']) expect(names).not.toContain(out);
    for (const kept of ['shampoo', 'sophia', 'hessian-free']) expect(names).toContain(kept);
    expect(OPTIMIZERS.length - names.length).toBe(3);
  });
});
