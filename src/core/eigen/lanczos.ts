/**
 * Lanczos with full re-orthogonalisation (Lanczos 1950; Golub & Van Loan 2013, §10.1; the
 * "twice is enough" classical Gram-Schmidt of Giraud et al. 2005), followed by deflated restarts that
 * look for missed copies of (nearly) repeated eigenvalues (locking, as in Saad 2011, "Numerical
 * Methods for Large Eigenvalue Problems", 2nd ed., §4.2.3 and §5.2).
 */
import type { EigenOptions, EigenPair, EigenResult, EigenSolver, MatVec } from './types';
import { type TridiagonalEigenEnds, tridiagonalEigen, tridiagonalEigenEnds } from '../linalg/tridiagonal-eigen';
import { axpy, dot, norm, scaleInPlace } from '../linalg/vector';
import { massBeyond } from './spectral-mass';
import { type Rng, createRng, randomNormalVector } from '../random';

/** Below this fraction of ||H|| the Krylov space is taken as invariant. */
const BREAKDOWN = 1e-12;
const TINY = 1e-300;

export interface LanczosTridiagonalResult {
  /** Diagonal of T (length m, m <= steps; shorter if the Krylov space became invariant). */
  alpha: Float64Array;
  /** Off-diagonal of T (length m - 1). */
  beta: Float64Array;
  /** beta_m: norm of the residual after the last step; H Q = Q T + beta_m q_{m+1} e_m^T. */
  residualBeta: number;
  /** Orthonormal Lanczos vectors q_1..q_m. */
  basis: Float64Array[];
  products: number;
}

/** One Lanczos run, advanced a product at a time so callers can test convergence between steps. */
class LanczosProcess {
  readonly basis: Float64Array[] = [];
  readonly alpha: number[] = [];
  /** beta[j] couples q_j and q_{j+1}. */
  readonly beta: number[] = [];
  residualBeta = 0;
  products = 0;
  private next: Float64Array;
  private normEstimate = 0;

  /**
   * With `locked` (orthonormal), the process runs on P H P, P the projector onto their orthogonal
   * complement: every product and every restart vector has them projected out.
   */
  constructor(
    private readonly op: MatVec,
    private readonly n: number,
    start: Float64Array,
    private readonly locked: readonly Float64Array[] = [],
  ) {
    const q = project(new Float64Array(start), locked);
    this.next = scaleInPlace(1 / norm(q), q);
  }

  /** q_{m+1}, the unit vector along which every Ritz pair's residual lies. */
  get nextVector(): Float64Array {
    return this.next;
  }

  get size(): number {
    return this.basis.length;
  }

  /** Adds one Lanczos vector; returns false when the Krylov space has become invariant. */
  async step(): Promise<boolean> {
    const q = this.next;
    this.basis.push(q);
    const w = new Float64Array(await this.op(q));
    this.products++;
    if (w.length !== this.n) throw new Error(`operator returned ${w.length} entries, expected ${this.n}`);
    this.normEstimate = Math.max(this.normEstimate, norm(w));
    const m = this.basis.length;
    if (m > 1) axpy(-this.beta[m - 2], this.basis[m - 2], w);
    let a = dot(q, w);
    axpy(-a, q, w);
    a += this.reorthogonalise(w);
    // After the Gram-Schmidt passes, not before: the basis' rounding-level components along the locked
    // vectors would otherwise grow by 1 / beta at every step once the run converges.
    project(w, this.locked);
    this.alpha.push(a);
    const b = norm(w);
    this.residualBeta = b;
    if (b <= BREAKDOWN * this.normEstimate || m === this.n - this.locked.length) return false;
    this.next = scaleInPlace(1 / b, w);
    return true;
  }

  /** After an invariant subspace: continue from a random vector orthogonal to the basis (T gets a zero coupling). */
  restart(rng: Rng): void {
    const w = randomNormalVector(this.n, rng);
    this.reorthogonalise(w);
    project(w, this.locked);
    this.beta.push(0);
    this.residualBeta = 0;
    this.next = scaleInPlace(1 / norm(w), w);
  }

  /** Two passes of classical Gram-Schmidt against every basis vector; returns the correction to the last alpha. */
  private reorthogonalise(w: Float64Array): number {
    let lastCoefficient = 0;
    const m = this.basis.length;
    for (let pass = 0; pass < 2; pass++) {
      const c = this.basis.map((qi) => dot(qi, w));
      for (let i = 0; i < m; i++) axpy(-c[i], this.basis[i], w);
      lastCoefficient += c[m - 1];
    }
    return lastCoefficient;
  }

  /** Records the coupling to the next vector (called after a successful step). */
  commit(): void {
    this.beta.push(this.residualBeta);
  }

  tridiagonal(): { alpha: Float64Array; beta: Float64Array } {
    return { alpha: Float64Array.from(this.alpha), beta: Float64Array.from(this.beta.slice(0, this.alpha.length - 1)) };
  }
}

/** v minus its components along the orthonormal `against`, twice (Giraud et al. 2005), in place. */
function project(v: Float64Array, against: readonly Float64Array[]): Float64Array {
  for (let pass = 0; pass < 2 && against.length > 0; pass++) for (const u of against) axpy(-dot(u, v), u, v);
  return v;
}

function startVector(n: number, start: Float64Array | undefined, rng: Rng): Float64Array {
  if (start) {
    if (start.length !== n) throw new Error(`start vector has ${start.length} entries, expected ${n}`);
    if (norm(start) > 0) return start;
  }
  return randomNormalVector(n, rng);
}

/** `steps` Lanczos steps from `start` (stopping early on an invariant subspace): T's entries and the basis. */
export async function lanczosTridiagonal(op: MatVec, n: number, steps: number, start: Float64Array): Promise<LanczosTridiagonalResult> {
  if (norm(start) === 0) throw new Error('Lanczos start vector must be non-zero');
  const proc = new LanczosProcess(op, n, start);
  const limit = Math.min(steps, n);
  while (proc.size < limit) {
    if (!(await proc.step())) break;
    if (proc.size < limit) proc.commit();
  }
  const { alpha, beta } = proc.tridiagonal();
  return { alpha, beta, residualBeta: proc.residualBeta, basis: proc.basis, products: proc.products };
}

interface WantedIndices {
  top: number[];
  bottom: number[];
}

function wantedIndices(m: number, k: number, which: EigenOptions['which']): WantedIndices {
  const kk = Math.min(k, m);
  const top = which === 'bottom' ? [] : Array.from({ length: kk }, (_, i) => m - 1 - i);
  const bottom = which === 'top' ? [] : Array.from({ length: kk }, (_, i) => i);
  return { top, bottom };
}

function maxAbsValue(values: Float64Array): number {
  let s = TINY;
  for (const v of values) s = Math.max(s, Math.abs(v));
  return s;
}

/** A Ritz pair with its residual vector H x - theta x, which later deflated runs need to correct theirs. */
interface RitzPair {
  value: number;
  vector: Float64Array;
  residualVector: Float64Array;
}

interface RunResult {
  /** The wanted pairs, each once (the two ends share pairs when the space is small). */
  pairs: RitzPair[];
  /** max |theta| over all of T's Ritz values. */
  scale: number;
  /** T's smallest and largest Ritz values. */
  range: [number, number];
  converged: boolean;
  products: number;
}

/** Whether a run may stop after m steps, given T, its extreme eigenpairs and beta_m. */
type Settled = (m: number, ends: TridiagonalEigenEnds, residualBeta: number, t: { alpha: Float64Array; beta: Float64Array }) => boolean;

/** Every wanted Ritz pair has relative residual <= tol. */
function wantedConverged(k: number, which: EigenOptions['which'], tol: number): Settled {
  return (m, ends, residualBeta) => {
    const scale = maxAbsValue(ends.values);
    const { top, bottom } = wantedIndices(m, k, which);
    return [...top, ...bottom].every((i) => (residualBeta * Math.abs(ends.last[i])) / scale <= tol);
  };
}

/**
 * One Lanczos run (restarted on invariant subspaces) until `settled` or `budget` products are spent;
 * with `locked`, on the operator deflated by them. Returns the k wanted Ritz pairs at the requested
 * ends; each residual comes from the Lanczos relation H Q y = Q T y + beta_m q_{m+1} y_m, which full
 * re-orthogonalisation keeps exact to rounding, so it costs no extra products.
 */
async function run(
  op: MatVec,
  n: number,
  start: Float64Array,
  k: number,
  which: EigenOptions['which'],
  settled: Settled,
  budget: number,
  rng: Rng,
  locked: readonly Float64Array[],
): Promise<RunResult> {
  const proc = new LanczosProcess(op, n, start, locked);
  const dimension = n - locked.length;
  const needed = which === 'both' ? Math.min(2 * k, dimension) : Math.min(k, dimension);
  let converged = false;
  while (proc.products < budget) {
    const grew = await proc.step();
    const m = proc.size;
    if (m >= needed) {
      const t = proc.tridiagonal();
      converged = settled(m, tridiagonalEigenEnds(t.alpha, t.beta), proc.residualBeta, t);
      if (converged) break;
    }
    if (!grew) {
      if (m >= dimension) break;
      proc.restart(rng);
    } else {
      proc.commit();
    }
  }
  const { alpha, beta } = proc.tridiagonal();
  const m = alpha.length;
  const { values, vectors } = tridiagonalEigen(alpha, beta);
  const { top, bottom } = wantedIndices(m, k, which);
  const pairs = [...new Set([...top, ...bottom])].map((i): RitzPair => {
    const x = new Float64Array(n);
    for (let j = 0; j < m; j++) axpy(vectors[j * m + i], proc.basis[j], x);
    const residualVector = scaleInPlace(proc.residualBeta * vectors[(m - 1) * m + i], new Float64Array(proc.nextVector));
    return { value: values[i], vector: x, residualVector };
  });
  return { pairs, scale: maxAbsValue(values), range: [values[0], values[m - 1]], converged, products: proc.products };
}

/** Chance that a missed-copy check passes although a copy lies beyond the edge (see certifiedSteps). */
const CHECK_FAILURE = 1e-6;

/**
 * Lanczos steps after which, from a start uniform on the sphere in dimension d, the extreme Ritz
 * value is within eps (relative to the spectrum's width) of the extreme eigenvalue except with
 * probability CHECK_FAILURE: Kuczyński & Woźniakowski 1992, "Estimating the largest eigenvalue by the
 * power and Lanczos algorithms with a random start", Theorem 4.2: P <= 1.648 sqrt(d) exp(-sqrt(eps) (2m - 1)).
 */
function certifiedSteps(d: number, eps: number): number {
  return (Math.log((1.648 * Math.sqrt(d)) / CHECK_FAILURE) / Math.sqrt(eps) + 1) / 2;
}

/**
 * The smallest |u . z| a missed copy's unit eigenvector z can have except with probability
 * CHECK_FAILURE, u the check's start, uniform on the unit sphere of dimension d: u . z has the
 * density Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)) (1 - c^2)^((d-3)/2) <= sqrt((d-1) / (2 pi)) (with
 * Gamma(x + 1/2) / Gamma(x) <= sqrt(x), Wendel 1948, "Note on the gamma function"), so
 * P(|u . z| < s) <= s sqrt(2 (d-1) / pi).
 */
function componentFloor(d: number): number {
  return CHECK_FAILURE / Math.sqrt((2 * Math.max(d - 1, 1)) / Math.PI);
}

/**
 * When a check run may stop at one end, t the edge moved out by the margin: its extreme Ritz value
 * rho lies beyond t (a missed copy) and has converged; or it lies inside and the run certifies that
 * no eigenvalue lies beyond t, except with probability CHECK_FAILURE: the start's mass beyond t is
 * below componentFloor^2 (massBeyond), or enough steps have passed that an eigenvalue beyond t would
 * have pulled rho past it (certifiedSteps with eps the distance from rho to t over that from t to the
 * far end of the spectrum, an upper bound of which is `far`). "Converged" is measured against
 * `known`, the largest |value| found so far, as every returned residual is: the deflated operator's
 * own Ritz values (missing the found top) would set a stricter bar and cost products for nothing.
 */
function checkSettled(which: EigenOptions['which'], tol: number, edge: { bottom: number; top: number }, margin: number, far: { low: number; high: number }, d: number, known: number): Settled {
  const floor = componentFloor(d);
  return (m, ends, residualBeta, t) => {
    const scale = Math.max(known, maxAbsValue(ends.values));
    const end = (i: number, xi: number, beyond: (rho: number) => boolean, eps: (rho: number) => number): boolean => {
      const rho = ends.values[i];
      if (beyond(rho)) return (residualBeta * Math.abs(ends.last[i])) / scale <= tol;
      return massBeyond(t, residualBeta, xi) < floor * floor || m >= certifiedSteps(d, eps(rho));
    };
    const low = edge.bottom - margin;
    const high = edge.top + margin;
    const bottomOk = which === 'top' || end(0, low, (rho) => rho <= low, (rho) => (rho - low) / (far.high - low));
    const topOk = which === 'bottom' || end(m - 1, high, (rho) => rho >= high, (rho) => (high - rho) / (high - far.low));
    return bottomOk && topOk;
  };
}

/**
 * H x - theta x for a pair found on the operator deflated by `locked` (x orthogonal to them): the
 * deflated residual plus sum_i x_i (r_i . x), since x_i^T H x = (H x_i)^T x = r_i^T x.
 */
function undeflatedResidual(pair: RitzPair, locked: readonly RitzPair[]): Float64Array {
  const r = new Float64Array(pair.residualVector);
  for (const l of locked) axpy(dot(l.residualVector, pair.vector), l.vector, r);
  return r;
}

/** The k-th smallest and k-th largest values found (-/+ infinity when fewer than k). */
function edges(found: readonly RitzPair[], k: number): { bottom: number; top: number } {
  const sorted = found.map((p) => p.value).sort((a, b) => a - b);
  if (sorted.length < k) return { bottom: Number.POSITIVE_INFINITY, top: Number.NEGATIVE_INFINITY };
  return { bottom: sorted[k - 1], top: sorted[sorted.length - k] };
}

/**
 * Eigenpairs at one or both ends of the spectrum. A single Krylov space holds one copy of a
 * repeated eigenvalue (and finds a near copy only after many steps), so once the first run has
 * converged, fresh random starts run on H deflated by every pair found so far (checkSettled): an
 * extreme Ritz pair converged beyond the k-th value found (by more than tol * scale) is a missed copy
 * and joins them; the check passes when a fresh start certifies that nothing lies beyond, failing
 * with probability at most CHECK_FAILURE per end (for k = 1 there is nothing to miss: a copy of the
 * extreme value is the same value). With copyCheck false the check is skipped (ARPACK's cost and risk).
 * `converged` means the first run converged, the check passed (or was skipped), and every
 * returned pair's residual (undeflated, exact to rounding) is below tol.
 */
async function solve(op: MatVec, n: number, opts: EigenOptions): Promise<EigenResult> {
  const k = Math.max(1, Math.min(opts.k, n));
  const tol = opts.tol ?? 1e-6;
  const maxProducts = Math.max(1, opts.maxProducts ?? Math.min(4 * n, 600));
  const rng = createRng(opts.seed ?? 0);
  const first = await run(op, n, startVector(n, opts.start, rng), k, opts.which, wantedConverged(k, opts.which, tol), maxProducts, rng, []);
  const found = [...first.pairs];
  let scale = first.scale;
  let [low, high] = first.range;
  let products = first.products;
  let checkProducts = 0;
  const checking = opts.copyCheck ?? true;
  // A copy of the one extreme value asked for cannot change the answer, so k = 1 needs no check.
  let passed = k === 1 || !checking;
  while (first.converged && !passed && products < maxProducts) {
    if (found.length >= n) {
      passed = true;
      break;
    }
    const locked = found.map((p) => p.vector);
    const start = project(randomNormalVector(n, rng), locked);
    const edge = edges(found, k);
    const margin = tol * scale;
    // The Ritz range under-estimates the spectrum's width; a tenth more keeps certifiedSteps on the safe side.
    const far = { low: low - 0.1 * (high - low), high: high + 0.1 * (high - low) };
    const settled = checkSettled(opts.which, tol, edge, margin, far, n - locked.length, scale);
    const check = await run(op, n, start, 1, opts.which, settled, maxProducts - products, rng, locked);
    products += check.products;
    checkProducts += check.products;
    scale = Math.max(scale, check.scale);
    low = Math.min(low, check.range[0]);
    high = Math.max(high, check.range[1]);
    if (!check.converged) break;
    const fresh = check.pairs.filter(
      (p) =>
        norm(p.residualVector) / scale <= tol &&
        ((opts.which !== 'top' && p.value < edge.bottom - margin) || (opts.which !== 'bottom' && p.value > edge.top + margin)),
    );
    if (fresh.length === 0) {
      passed = true;
      break;
    }
    const before = [...found];
    for (const p of fresh) found.push({ ...p, residualVector: undeflatedResidual(p, before) });
  }
  for (const p of found) scale = Math.max(scale, Math.abs(p.value));
  const pair = (p: RitzPair): EigenPair => ({ value: p.value, vector: p.vector, residual: norm(p.residualVector) / scale });
  const descending = [...found].sort((a, b) => b.value - a.value);
  const top = opts.which === 'bottom' ? [] : descending.slice(0, k).map(pair);
  const bottom = opts.which === 'top' ? [] : descending.reverse().slice(0, k).map(pair);
  const converged = first.converged && passed && [...top, ...bottom].every((p) => p.residual <= tol);
  return {
    method: 'lanczos',
    top,
    bottom,
    products,
    converged,
    ...(checking ? { missedCopyCheck: { products: checkProducts, added: found.length - first.pairs.length, passed } } : {}),
  };
}

export const lanczos: EigenSolver = {
  name: 'lanczos',
  label: 'Lanczos (full re-orthogonalisation, deflated restarts)',
  citation: 'Lanczos 1950; Golub & Van Loan, Matrix Computations, 4th ed., §10.1; Saad 2011, Numerical Methods for Large Eigenvalue Problems, §4.2.3',
  solve,
};
