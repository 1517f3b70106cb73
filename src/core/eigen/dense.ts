/**
 * Dense eigen-decomposition from n products with unit vectors: H e_j is column j, symmetrised as
 * (H + H^T) / 2, then Householder + QL (symmetricEigen). Exact up to rounding; for small n.
 */
import type { EigenOptions, EigenPair, EigenResult, EigenSolver, MatVec } from './types';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { matVec } from '../linalg/vector';
import { type UnitProductOptions, forEachUnitProduct } from './unit-products';

/** The n x n matrix of the operator, row-major and symmetrised, from n products (`opts.chunk` per pass where batched). */
export async function denseMatrix(op: MatVec, n: number, opts: UnitProductOptions = {}): Promise<Float64Array> {
  const h = new Float64Array(n * n);
  await forEachUnitProduct(
    op,
    n,
    (j, col) => {
      for (let i = 0; i < n; i++) h[i * n + j] = col[i];
    },
    opts,
  );
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const s = 0.5 * (h[i * n + j] + h[j * n + i]);
    h[i * n + j] = s;
    h[j * n + i] = s;
  }
  return h;
}

async function solve(op: MatVec, n: number, opts: EigenOptions): Promise<EigenResult> {
  const k = Math.max(1, Math.min(opts.k, n));
  const h = await denseMatrix(op, n);
  const { values, vectors } = symmetricEigen(h, n);
  const scale = Math.max(1e-300, Math.abs(values[0]), Math.abs(values[n - 1]));
  const pair = (j: number): EigenPair => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = vectors[i * n + j];
    // Residual against the symmetrised matrix: no further products needed.
    const hx = matVec(h, n, x);
    let s = 0;
    for (let i = 0; i < n; i++) s += (hx[i] - values[j] * x[i]) ** 2;
    return { value: values[j], vector: x, residual: Math.sqrt(s) / scale };
  };
  const top = opts.which === 'bottom' ? [] : Array.from({ length: k }, (_, i) => pair(n - 1 - i));
  const bottom = opts.which === 'top' ? [] : Array.from({ length: k }, (_, i) => pair(i));
  return { method: 'dense', top, bottom, products: n, converged: true };
}

export const dense: EigenSolver = {
  name: 'dense',
  label: 'Dense (n products, then Householder + QL)',
  citation: 'Golub & Van Loan, Matrix Computations, 4th ed., §8.3 (symmetric QR via tred2/tql2)',
  solve,
};
