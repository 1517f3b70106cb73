/**
 * Dense symmetric eigen-decomposition: Householder tridiagonalisation (tred2) then implicit QL
 * (tql2), the EISPACK pair as written in JAMA (Bowdler et al. 1968; Martin, Reinsch & Wilkinson 1968).
 */
import { implicitQL } from './tridiagonal-eigen';

export interface SymmetricEigen {
  /** Ascending. */
  values: Float64Array;
  /** Row-major n x n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

/**
 * Eigenpairs of the symmetric row-major n x n matrix `a` (only its lower triangle is read).
 * The work array holds V transposed so every inner loop of tred2 and every QL rotation runs
 * along contiguous memory; n = 500 takes a fraction of a second.
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new Error(`matrix has ${a.length} entries, expected ${n * n}`);
  if (n === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  // w[c*n + r] = V[r][c]; A symmetric so its transpose is itself, but read the lower triangle.
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    w[j * n + i] = a[i * n + j];
    w[i * n + j] = a[i * n + j];
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(w, n, d, e);
  // tred2 leaves e[i] coupling i-1 and i; the QL kernel wants it coupling i and i+1.
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  implicitQL(d, e, w, n);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) vectors[c * n + i] = w[i * n + c];
  return { values: d, vectors };
}

/** JAMA's tred2 with V(r, c) stored at w[c*n + r]; returns the diagonal in d, sub-diagonal in e[1..]. */
function householderTridiagonal(w: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        const col = j * n;
        w[i * n + j] = f;
        g = e[j] + w[col + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += w[col + k] * d[k];
          e[k] += w[col + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const col = j * n;
        for (let k = j; k <= i - 1; k++) w[col + k] -= f * e[k] + g * d[k];
        d[j] = w[col + i - 1];
        w[col + i] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    w[i * n + n - 1] = w[i * n + i];
    w[i * n + i] = 1;
    const h = d[i + 1];
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[next + k] / h;
      for (let j = 0; j <= i; j++) {
        const col = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[next + k] * w[col + k];
        for (let k = 0; k <= i; k++) w[col + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) w[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}
