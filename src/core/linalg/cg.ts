/**
 * Conjugate gradient over an async matrix-vector product (Nocedal & Wright 2006, Alg. 5.2),
 * with the truncated-Newton exit on non-positive curvature (their Alg. 7.1).
 */
import { axpy, dot, norm } from './vector';

export type NegativeCurvaturePolicy = 'stop' | 'continue';

export interface CgOptions {
  x0?: Float64Array;
  /** Stop when ||A x - b|| <= tol * ||b||. */
  tol?: number;
  /** Defaults to the dimension. */
  maxIter?: number;
  /** 'stop' (default): truncated Newton exit; 'continue': carry on while p^T A p != 0. */
  onNegativeCurvature?: NegativeCurvaturePolicy;
}

export interface CgResult {
  x: Float64Array;
  iterations: number;
  /** ||A x - b|| by the recurrence. */
  residualNorm: number;
  products: number;
  negativeCurvature: boolean;
  converged: boolean;
}

/**
 * Solves A x = b. On p^T A p <= 0 with policy 'stop' it returns the iterate reached so far, or,
 * when that happens at iteration 0, the first search direction p0 = b - A x0 (for x0 = 0 and
 * b = -grad this is the steepest-descent step Newton-CG falls back on).
 */
export async function conjugateGradient(
  op: (v: Float64Array) => Promise<Float64Array>,
  b: Float64Array,
  opts: CgOptions = {},
): Promise<CgResult> {
  const n = b.length;
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? n;
  const policy = opts.onNegativeCurvature ?? 'stop';
  const x = opts.x0 ? new Float64Array(opts.x0) : new Float64Array(n);
  let products = 0;
  // r = b - A x (the negative of N&W's r), so p starts equal to r.
  const r = new Float64Array(b);
  if (opts.x0 && opts.x0.some((v) => v !== 0)) {
    axpy(-1, await op(x), r);
    products++;
  }
  const bNorm = norm(b);
  const target = tol * bNorm;
  let rr = dot(r, r);
  let residualNorm = Math.sqrt(rr);
  const p = new Float64Array(r);
  let negativeCurvature = false;
  let iterations = 0;
  while (residualNorm > target && iterations < maxIter) {
    const ap = await op(p);
    products++;
    const pAp = dot(p, ap);
    if (pAp <= 0) {
      negativeCurvature = true;
      if (policy === 'stop' || pAp === 0) {
        if (iterations === 0) return { x: new Float64Array(p), iterations, residualNorm, products, negativeCurvature, converged: false };
        break;
      }
    }
    const alpha = rr / pAp;
    axpy(alpha, p, x);
    axpy(-alpha, ap, r);
    const rrNext = dot(r, r);
    const beta = rrNext / rr;
    rr = rrNext;
    residualNorm = Math.sqrt(rr);
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
    iterations++;
  }
  return { x, iterations, residualNorm, products, negativeCurvature, converged: residualNorm <= target };
}
