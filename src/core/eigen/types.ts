/** Curvature as a linear operator: every eigen-solver sees only products (curvlinops' habit). */
export type MatVec = (v: Float64Array) => Promise<Float64Array>;

/**
 * k products at once: V holds k vectors row-major (k x n), the result H v_i in the same layout.
 * Tensor backends run k directions as one pass (one matmul per layer against [v_1 | ... | v_k]).
 */
export type BatchMatVec = (V: Float64Array, k: number) => Promise<Float64Array>;

export type Which = 'top' | 'bottom' | 'both';

export interface EigenPair {
  value: number;
  vector: Float64Array;
  /** ||H x - lambda x|| / max(|lambda_max|, tiny): relative residual of the Ritz pair. */
  residual: number;
}

export interface EigenOptions {
  k: number;
  which: Which;
  /** Stop when every wanted Ritz pair's relative residual is below this. */
  tol?: number;
  maxProducts?: number;
  seed?: number;
  /** Warm start (e.g. the last Ritz vector while training). */
  start?: Float64Array;
  /**
   * Lanczos only: after the first run, search fresh deflated starts for missed copies of repeated
   * eigenvalues (default true). Off, the cost is the first run's alone, as in ARPACK, which does no such check.
   */
  copyCheck?: boolean;
}

export interface EigenResult {
  method: string;
  /** Largest first. */
  top: EigenPair[];
  /**
   * What `top` holds when it is not the algebraically largest: 'largest-magnitude' for power
   * iteration (PyHessian's semantics), whose "top" may then hold negative values, largest |lambda| first.
   */
  topOrder?: 'largest-magnitude';
  /** Smallest first. */
  bottom: EigenPair[];
  products: number;
  converged: boolean;
  /**
   * Lanczos' search for missed copies of repeated eigenvalues: the products it spent (included in
   * `products`), the pairs it added to the first run's, and whether a fresh start found nothing new.
   * Absent when the check was switched off (copyCheck false).
   */
  missedCopyCheck?: { products: number; added: number; passed: boolean };
}

export interface EigenSolver {
  name: string;
  label: string;
  citation: string;
  solve(op: MatVec, n: number, opts: EigenOptions): Promise<EigenResult>;
}
