/**
 * Random orthogonal matrices and symmetric matrices with a prescribed spectrum, for testing
 * solvers against known eigenvalues (Stewart 1980: Householder QR of a Gaussian matrix is Haar).
 */
import { type Rng, randomNormalVector } from '../random';

/** Haar-distributed n x n orthogonal matrix, row-major, built as a product of n-1 Householder reflections. */
export function randomOrthogonal(n: number, rng: Rng): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const signs = new Float64Array(n).fill(1);
  for (let k = 0; k < n - 1; k++) {
    const x = randomNormalVector(n - k, rng);
    let xn = 0;
    for (let i = 0; i < x.length; i++) xn += x[i] * x[i];
    xn = Math.sqrt(xn);
    const s = x[0] >= 0 ? 1 : -1;
    signs[k] = -s;
    x[0] += s * xn;
    let vv = 0;
    for (let i = 0; i < x.length; i++) vv += x[i] * x[i];
    if (vv === 0) continue;
    // Q <- Q (I - 2 v v^T / v^T v) acting on columns k..n-1.
    for (let r = 0; r < n; r++) {
      const row = r * n + k;
      let t = 0;
      for (let i = 0; i < x.length; i++) t += q[row + i] * x[i];
      t = (2 * t) / vv;
      for (let i = 0; i < x.length; i++) q[row + i] -= t * x[i];
    }
  }
  signs[n - 1] = rng.next() < 0.5 ? -1 : 1;
  // Sign fix of each column makes the distribution exactly Haar (Mezzadri 2007).
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) q[r * n + c] *= signs[c];
  return q;
}

/** Q diag(values) Q^T for a random orthogonal Q: a dense symmetric matrix whose spectrum is `values`. */
export function symmetricWithSpectrum(values: ArrayLike<number>, rng: Rng): Float64Array {
  const n = values.length;
  const q = randomOrthogonal(n, rng);
  const qd = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) qd[r * n + c] = q[r * n + c] * values[c];
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += qd[i * n + c] * q[j * n + c];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  }
  return a;
}
