/**
 * Power iteration with deflation as in PyHessian's `eigenvalues()` (Yao et al. 2020):
 * at most 100 iterations per eigenvalue, stop when the eigenvalue's relative change is below 1e-3
 * (and, here, its residual is small too), orthogonalise the iterate against the eigenvectors already
 * found before every product.
 */
import type { EigenOptions, EigenPair, EigenResult, EigenSolver, MatVec } from './types';
import { axpy, dot, norm, scaleInPlace } from '../linalg/vector';
import { type Rng, createRng, randomNormalVector } from '../random';

export const POWER_MAX_ITER = 100;
/**
 * Iterations per eigenvalue of the shifted run for the bottom end: its convergence ratio
 * (lambda_max - lambda_2) / (lambda_max - lambda_1) is near 1 whenever lambda_max dwarfs |lambda_min|,
 * as at a saddle of a trained network, where 100 iterations leave the Rayleigh quotient in the bulk.
 */
export const POWER_SHIFTED_MAX_ITER = 1000;
export const POWER_TOL = 1e-3;
/** PyHessian's guard in the relative-change test. */
const CHANGE_FLOOR = 1e-6;

interface RawPair {
  /** Rayleigh quotient of `vector` for H itself (the shift added back). */
  value: number;
  vector: Float64Array;
  /** ||(H - shift) x - theta x|| = ||H x - value x||, known without an extra product. */
  residualNorm: number;
  converged: boolean;
}

interface PowerRun {
  pairs: RawPair[];
  products: number;
}

interface PowerSettings {
  k: number;
  shift: number;
  /** Relative-change tolerance on the Rayleigh quotient of H (PyHessian's rule). */
  tol: number;
  /** Residual tolerance, relative to `scale`. */
  residualTol: number;
  /** |lambda| of the dominant eigenvalue, or NaN before it is known (then |theta| stands in). */
  scale: number;
  maxIter: number;
  budget: number;
}

function orthonormalise(v: Float64Array, against: Float64Array[]): Float64Array {
  for (const u of against) axpy(-dot(u, v), u, v);
  const nv = norm(v);
  return nv > 0 ? scaleInPlace(1 / nv, v) : v;
}

/**
 * The k eigenpairs of H - shift I of largest magnitude, one after another with deflation. An
 * eigenvalue counts as converged only when both the Rayleigh quotient of H has stopped changing
 * (PyHessian's relative rule, applied to the larger of the last step and Aitken's estimate of the
 * steps still to come) and the residual ||H x - lambda x|| is below residualTol * scale: after a
 * large shift the quotient moves by little per iteration long before the iterate is near an
 * eigenvector, which the plain change rule took for convergence.
 * The returned vector is the one whose Rayleigh quotient was measured (PyHessian returns H v
 * normalised instead, whose residual would cost one more product).
 */
async function deflatedPower(op: MatVec, n: number, rng: Rng, s: PowerSettings): Promise<PowerRun> {
  const found: Float64Array[] = [];
  const pairs: RawPair[] = [];
  let products = 0;
  for (let j = 0; j < s.k && products < s.budget; j++) {
    let v = orthonormalise(randomNormalVector(n, rng), found);
    let value = Number.NaN;
    let lastStep = Number.NaN;
    let x = v;
    let hx = v;
    let residualNorm = Number.POSITIVE_INFINITY;
    let converged = false;
    for (let it = 0; it < s.maxIter && products < s.budget; it++) {
      x = orthonormalise(v, found);
      hx = new Float64Array(await op(x));
      products++;
      if (s.shift !== 0) axpy(-s.shift, x, hx);
      const theta = dot(hx, x);
      const next = theta + s.shift;
      const step = next - value;
      // Aitken's estimate of the change still to come, |step| rho / (1 - rho) with rho = step / lastStep:
      // a slowly converging quotient takes small steps long before it arrives.
      const rho = step / lastStep;
      const ahead = rho > 0 && rho < 1 ? (Math.abs(step) * rho) / (1 - rho) : rho >= 1 ? Number.POSITIVE_INFINITY : 0;
      const change = Math.max(Math.abs(step), ahead) / (Math.abs(value) + CHANGE_FLOOR);
      lastStep = step;
      value = next;
      const r = new Float64Array(hx);
      axpy(-theta, x, r);
      residualNorm = norm(r);
      const scale = Number.isNaN(s.scale) ? Math.abs(theta) : s.scale;
      const nh = norm(hx);
      if (nh === 0 || (change < s.tol && residualNorm <= s.residualTol * scale)) {
        converged = true;
        break;
      }
      v = scaleInPlace(1 / nh, new Float64Array(hx));
    }
    pairs.push({ value, vector: x, residualNorm, converged });
    found.push(x);
  }
  return { pairs, products };
}

/**
 * Top-k is PyHessian's method, so it returns the eigenvalues of largest magnitude: on a spectrum
 * whose negative end dominates, "top" holds that negative end, as in PyHessian, and the result says
 * so (topOrder 'largest-magnitude'), sorted by magnitude.
 * Bottom-k runs the same iteration on H - lambda_max I, whose eigenvalues are all <= 0, so the
 * largest in magnitude is the smallest of H. lambda_max is the dominant eigenvalue when that is
 * positive (estimated by one power run, counted, unless the top run gave it); when the dominant one
 * is negative it is lambda_min itself, and the shift |lambda| is still an upper bound of lambda_max.
 * A pair is converged when the Rayleigh quotient of H changes by less than tol (relative, PyHessian's
 * 1e-3 by default) and its residual is below sqrt(tol) |lambda_dominant|: the quotient's error is about
 * the squared residual over the gap, so the two rules ask for the same accuracy.
 */
async function solve(op: MatVec, n: number, opts: EigenOptions): Promise<EigenResult> {
  const k = Math.max(1, Math.min(opts.k, n));
  const tol = opts.tol ?? POWER_TOL;
  const residualTol = Math.sqrt(tol);
  const rng = createRng(opts.seed ?? 0);
  let budget = opts.maxProducts ?? Number.POSITIVE_INFINITY;
  let products = 0;
  let top: RawPair[] = [];
  let bottom: RawPair[] = [];
  let converged = true;
  let dominant = Number.NaN;
  const base = { tol, residualTol, scale: Number.NaN, maxIter: POWER_MAX_ITER, shift: 0 };
  if (opts.which !== 'bottom') {
    const run = await deflatedPower(op, n, rng, { ...base, k, budget });
    products += run.products;
    budget -= run.products;
    top = run.pairs;
    dominant = top[0]?.value ?? Number.NaN;
    converged &&= top.length === k && top.every((p) => p.converged);
  }
  if (opts.which !== 'top') {
    if (Number.isNaN(dominant)) {
      const est = await deflatedPower(op, n, rng, { ...base, k: 1, budget });
      products += est.products;
      budget -= est.products;
      dominant = est.pairs[0]?.value ?? 0;
      converged &&= est.pairs.length === 1 && est.pairs[0].converged;
    }
    const shift = Math.abs(dominant);
    const run = await deflatedPower(op, n, rng, { ...base, k, budget, shift, scale: Math.max(1e-300, shift), maxIter: POWER_SHIFTED_MAX_ITER });
    products += run.products;
    bottom = run.pairs;
    converged &&= bottom.length === k && bottom.every((p) => p.converged);
  }
  let scale = Math.max(1e-300, Math.abs(dominant));
  for (const p of [...top, ...bottom]) scale = Math.max(scale, Math.abs(p.value));
  const toPair = (p: RawPair): EigenPair => ({ value: p.value, vector: p.vector, residual: p.residualNorm / scale });
  return {
    method: 'power',
    top: top.map(toPair).sort((a, b) => Math.abs(b.value) - Math.abs(a.value)),
    topOrder: 'largest-magnitude',
    bottom: bottom.map(toPair).sort((a, b) => a.value - b.value),
    products,
    converged,
  };
}

export const power: EigenSolver = {
  name: 'power',
  label: 'Power iteration with deflation (PyHessian; top = largest in magnitude)',
  citation: 'Yao et al. 2020, PyHessian: Neural Networks Through the Lens of the Hessian',
  solve,
};
