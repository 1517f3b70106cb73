import { describe, expect, it } from 'vitest';
import { newton } from './newton';
import { resolveHyperParams } from './registry';
import { runOptimizer } from './run';
import { quadraticObjective } from './test-objectives';

/**
 * Damped Newton's `solver: 'cg'` (its default on networks) on a positive-definite quadratic
 * 1/2 x^T A x - b^T x, whose minimiser x* = A^-1 b is known in closed form here. CG runs to the
 * forcing tolerance min(0.5, sqrt ||g||) ||g||, so the iteration is inexact Newton and converges
 * superlinearly (Nocedal & Wright 2006, Thm. 7.2), on Hessian-vector products alone.
 */
describe('Newton-CG route of damped Newton', () => {
  // A = tridiag(-1, 4, -1), b chosen so that x* = (1, 2, 3, 4, 5)
  const n = 5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 4;
    if (i > 0) a[i * n + i - 1] = -1;
    if (i < n - 1) a[i * n + i + 1] = -1;
  }
  const xStar = [1, 2, 3, 4, 5];
  const b = Float64Array.from(xStar.map((_, i) => 4 * xStar[i] - (xStar[i - 1] ?? 0) - (xStar[i + 1] ?? 0)));

  it('reaches the minimiser, at most n products a step', async () => {
    const f = quadraticObjective(a, b);
    const r = await runOptimizer(newton, f, new Float64Array(n), { maxIter: 50, gtol: 1e-10, hp: resolveHyperParams(newton, { solver: 'cg', cgMaxIter: n }) });
    expect(r.reason).toBe('gtol met');
    r.x.forEach((v, i) => expect(v).toBeCloseTo(xStar[i], 9));
    expect(r.nhvp).toBeLessThanOrEqual(n * r.nit);
  });

  it('stops short of it when CG is truncated below n iterations', async () => {
    const f = quadraticObjective(a, b);
    const r = await runOptimizer(newton, f, new Float64Array(n), { maxIter: 1, gtol: 0, hp: resolveHyperParams(newton, { solver: 'cg', cgMaxIter: 1 }) });
    expect(r.nhvp).toBe(1);
    expect(Math.max(...r.x.map((v, i) => Math.abs(v - xStar[i])))).toBeGreaterThan(0.1);
  });
});
