/**
 * Lanczos with full re-orthogonalisation (Lanczos 1950; Golub & Van Loan 2013, §10.1; the
 * "twice is enough" classical Gram-Schmidt of Giraud et al. 2005).
 */
import type { EigenOptions, EigenPair, EigenResult, EigenSolver, MatVec } from './types';
import { tridiagonalEigen, tridiagonalEigenEnds } from '../linalg/tridiagonal-eigen';
import { axpy, dot, norm, scaleInPlace } from '../linalg/vector';
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

  constructor(
    private readonly op: MatVec,
    private readonly n: number,
    start: Float64Array,
  ) {
    this.next = scaleInPlace(1 / norm(start), new Float64Array(start));
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
    this.alpha.push(a);
    const b = norm(w);
    this.residualBeta = b;
    if (b <= BREAKDOWN * this.normEstimate || m === this.n) return false;
    this.next = scaleInPlace(1 / b, w);
    return true;
  }

  /** After an invariant subspace: continue from a random vector orthogonal to the basis (T gets a zero coupling). */
  restart(rng: Rng): void {
    const w = randomNormalVector(this.n, rng);
    this.reorthogonalise(w);
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

/**
 * Eigenpairs at one or both ends of the spectrum. Each pair's residual is the Lanczos-relation
 * value beta_m |y_m| / max|theta|, which equals ||H x - theta x|| / max|theta| to rounding because
 * full re-orthogonalisation keeps Q orthonormal; it costs no extra products.
 * Plain Lanczos sees one copy of a repeated eigenvalue per start vector, so a multiple eigenvalue
 * appears once among the returned pairs.
 */
async function solve(op: MatVec, n: number, opts: EigenOptions): Promise<EigenResult> {
  const k = Math.max(1, Math.min(opts.k, n));
  const tol = opts.tol ?? 1e-6;
  const maxProducts = Math.max(1, Math.min(opts.maxProducts ?? Math.min(n, 200), n));
  const rng = createRng(opts.seed ?? 0);
  const needed = opts.which === 'both' ? Math.min(2 * k, n) : k;
  const proc = new LanczosProcess(op, n, startVector(n, opts.start, rng));
  let converged = false;
  while (proc.products < maxProducts) {
    const grew = await proc.step();
    const m = proc.size;
    if (m >= needed) {
      const { alpha, beta } = proc.tridiagonal();
      const ends = tridiagonalEigenEnds(alpha, beta);
      const scale = maxAbsValue(ends.values);
      const { top, bottom } = wantedIndices(m, k, opts.which);
      converged = [...top, ...bottom].every((i) => (proc.residualBeta * Math.abs(ends.last[i])) / scale <= tol);
      if (converged) break;
    }
    if (!grew) {
      if (m >= n) break;
      proc.restart(rng);
    } else {
      proc.commit();
    }
  }
  return { method: 'lanczos', ...ritzPairs(proc, k, opts.which), products: proc.products, converged };
}

function ritzPairs(proc: LanczosProcess, k: number, which: EigenOptions['which']): { top: EigenPair[]; bottom: EigenPair[] } {
  const { alpha, beta } = proc.tridiagonal();
  const m = alpha.length;
  const { values, vectors } = tridiagonalEigen(alpha, beta);
  const scale = maxAbsValue(values);
  const pair = (i: number): EigenPair => {
    const x = new Float64Array(proc.basis[0].length);
    for (let j = 0; j < m; j++) axpy(vectors[j * m + i], proc.basis[j], x);
    return { value: values[i], vector: x, residual: (proc.residualBeta * Math.abs(vectors[(m - 1) * m + i])) / scale };
  };
  const { top, bottom } = wantedIndices(m, k, which);
  return { top: top.map(pair), bottom: bottom.map(pair) };
}

export const lanczos: EigenSolver = {
  name: 'lanczos',
  label: 'Lanczos (full re-orthogonalisation)',
  citation: 'Lanczos 1950; Golub & Van Loan, Matrix Computations, 4th ed., §10.1',
  solve,
};
