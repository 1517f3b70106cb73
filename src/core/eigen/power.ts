/**
 * Power iteration with deflation as in PyHessian's `eigenvalues()` (Yao et al. 2020):
 * at most 100 iterations per eigenvalue, stop when the eigenvalue's relative change is below 1e-3,
 * orthogonalise the iterate against the eigenvectors already found before every product.
 */
import type { EigenOptions, EigenPair, EigenResult, EigenSolver, MatVec } from './types';
import { axpy, dot, norm, scaleInPlace } from '../linalg/vector';
import { type Rng, createRng, randomNormalVector } from '../random';

export const POWER_MAX_ITER = 100;
export const POWER_TOL = 1e-3;
/** PyHessian's guard in the relative-change test. */
const CHANGE_FLOOR = 1e-6;

interface RawPair {
  /** Rayleigh quotient of `vector` for the shifted operator. */
  theta: number;
  vector: Float64Array;
  /** ||(H - shift) x - theta x|| = ||H x - (theta + shift) x||, known without an extra product. */
  residualNorm: number;
  converged: boolean;
}

interface PowerRun {
  pairs: RawPair[];
  products: number;
}

function orthonormalise(v: Float64Array, against: Float64Array[]): Float64Array {
  for (const u of against) axpy(-dot(u, v), u, v);
  const nv = norm(v);
  return nv > 0 ? scaleInPlace(1 / nv, v) : v;
}

/**
 * The k eigenpairs of H - shift I of largest magnitude, one after another with deflation.
 * The returned vector is the one whose Rayleigh quotient was measured (PyHessian returns H v
 * normalised instead, whose residual would cost one more product).
 */
async function deflatedPower(op: MatVec, n: number, k: number, shift: number, rng: Rng, tol: number, budget: number): Promise<PowerRun> {
  const found: Float64Array[] = [];
  const pairs: RawPair[] = [];
  let products = 0;
  for (let j = 0; j < k && products < budget; j++) {
    let v = orthonormalise(randomNormalVector(n, rng), found);
    let theta = Number.NaN;
    let x = v;
    let hx = v;
    let converged = false;
    for (let it = 0; it < POWER_MAX_ITER && products < budget; it++) {
      x = orthonormalise(v, found);
      hx = new Float64Array(await op(x));
      products++;
      if (shift !== 0) axpy(-shift, x, hx);
      const next = dot(hx, x);
      const change = Math.abs(theta - next) / (Math.abs(theta) + CHANGE_FLOOR);
      theta = next;
      const nh = norm(hx);
      if (nh === 0 || change < tol) {
        converged = true;
        break;
      }
      v = scaleInPlace(1 / nh, new Float64Array(hx));
    }
    const r = new Float64Array(hx);
    axpy(-theta, x, r);
    pairs.push({ theta, vector: x, residualNorm: norm(r), converged });
    found.push(x);
  }
  return { pairs, products };
}

/**
 * Top-k is PyHessian's method unchanged, so it returns the eigenvalues of largest magnitude:
 * on a spectrum whose negative end dominates, "top" is that negative end, as in PyHessian.
 * Bottom-k runs the same iteration on H - rho I with rho = |lambda| of the dominant eigenvalue
 * (estimated by one power run, counted): every eigenvalue of the shifted operator is <= 0, so the
 * largest in magnitude is the smallest of H. Its tolerance then applies to lambda - rho, so small
 * eigenvalues are only resolved to about tol * rho, and convergence slows with the ratio of
 * (lambda_2 - rho) to (lambda_1 - rho).
 * `opts.tol` overrides PyHessian's 1e-3 relative-change tolerance (it is not a residual here).
 */
async function solve(op: MatVec, n: number, opts: EigenOptions): Promise<EigenResult> {
  const k = Math.max(1, Math.min(opts.k, n));
  const tol = opts.tol ?? POWER_TOL;
  const rng = createRng(opts.seed ?? 0);
  let budget = opts.maxProducts ?? Number.POSITIVE_INFINITY;
  let products = 0;
  let top: RawPair[] = [];
  let bottom: RawPair[] = [];
  let converged = true;
  let dominant = Number.NaN;
  if (opts.which !== 'bottom') {
    const run = await deflatedPower(op, n, k, 0, rng, tol, budget);
    products += run.products;
    budget -= run.products;
    top = run.pairs;
    dominant = top[0]?.theta ?? Number.NaN;
    converged &&= top.length === k && top.every((p) => p.converged);
  }
  let shift = 0;
  if (opts.which !== 'top') {
    if (Number.isNaN(dominant)) {
      const est = await deflatedPower(op, n, 1, 0, rng, tol, budget);
      products += est.products;
      budget -= est.products;
      dominant = est.pairs[0]?.theta ?? 0;
    }
    shift = Math.abs(dominant);
    const run = await deflatedPower(op, n, k, shift, rng, tol, budget);
    products += run.products;
    bottom = run.pairs;
    converged &&= bottom.length === k && bottom.every((p) => p.converged);
  }
  let scale = Math.max(1e-300, Math.abs(dominant));
  for (const p of top) scale = Math.max(scale, Math.abs(p.theta));
  for (const p of bottom) scale = Math.max(scale, Math.abs(p.theta + shift));
  const toPair = (p: RawPair, s: number): EigenPair => ({ value: p.theta + s, vector: p.vector, residual: p.residualNorm / scale });
  return {
    method: 'power',
    top: top.map((p) => toPair(p, 0)).sort((a, b) => b.value - a.value),
    bottom: bottom.map((p) => toPair(p, shift)).sort((a, b) => a.value - b.value),
    products,
    converged,
  };
}

export const power: EigenSolver = {
  name: 'power',
  label: 'Power iteration with deflation (PyHessian)',
  citation: 'Yao et al. 2020, PyHessian: Neural Networks Through the Lens of the Hessian',
  solve,
};
