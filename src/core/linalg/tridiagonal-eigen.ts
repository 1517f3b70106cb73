/**
 * Eigenpairs of a symmetric tridiagonal matrix by implicit QL with Wilkinson-type shifts
 * (tql2 of EISPACK, as in JAMA; Bowdler, Martin, Reinsch & Wilkinson 1968).
 */

export interface TridiagonalEigen {
  /** Ascending. */
  values: Float64Array;
  /** Row-major k x k; column j is the eigenvector of values[j]. */
  vectors: Float64Array;
}

export interface TridiagonalEigenEnds {
  /** Ascending. */
  values: Float64Array;
  /** First component of each eigenvector (Gauss quadrature weights are their squares). */
  first: Float64Array;
  /** Last component of each eigenvector (Lanczos residuals are beta_m times these). */
  last: Float64Array;
}

const EPS = 2 ** -52;
const MAX_SWEEPS_PER_VALUE = 60;

/**
 * Diagonalises T = tridiag(e, d, e) in place: on return d holds the eigenvalues ascending and row i
 * of z (r tracked components, z[i*r + c]) holds the tracked components of eigenvector i.
 * e[i] couples i and i+1; e[k-1] must be 0. Tracking only some components keeps the Lanczos
 * convergence test and the quadrature weights O(k^2) instead of O(k^3).
 */
export function implicitQL(d: Float64Array, e: Float64Array, z: Float64Array, r: number): void {
  const k = d.length;
  // Work on T / max|T_ij| so subnormal or huge entries cannot break the rotations' normalisation.
  let size = 0;
  for (let i = 0; i < k; i++) size = Math.max(size, Math.abs(d[i]), Math.abs(e[i]));
  if (size === 0) return;
  for (let i = 0; i < k; i++) {
    d[i] /= size;
    e[i] /= size;
  }
  qlSweeps(d, e, z, r);
  for (let i = 0; i < k; i++) d[i] *= size;
  sortAscending(d, z, r);
}

function qlSweeps(d: Float64Array, e: Float64Array, z: Float64Array, r: number): void {
  const k = d.length;
  let f = 0;
  // Deflation test against the whole matrix's size (JAMA grows it from the top, which lets a tiny
  // leading block divide by a subnormal coupling and overflow).
  let tst1 = 0;
  for (let i = 0; i < k; i++) tst1 = Math.max(tst1, Math.abs(d[i]) + Math.abs(e[i]));
  for (let l = 0; l < k; l++) {
    let m = l;
    while (m < k - 1 && Math.abs(e[m]) > EPS * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > MAX_SWEEPS_PER_VALUE) throw new Error(`implicit QL did not converge for eigenvalue ${l} of ${k}`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let rr = Math.hypot(p, 1);
        if (p < 0) rr = -rr;
        d[l] = e[l] / (p + rr);
        d[l + 1] = e[l] * (p + rr);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < k; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          rr = Math.hypot(p, e[i]);
          e[i + 1] = s * rr;
          s = e[i] / rr;
          c = p / rr;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const a = i * r;
          const b = a + r;
          for (let q = 0; q < r; q++) {
            const zi1 = z[b + q];
            z[b + q] = s * z[a + q] + c * zi1;
            z[a + q] = c * z[a + q] - s * zi1;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

function sortAscending(d: Float64Array, z: Float64Array, r: number): void {
  const k = d.length;
  for (let i = 0; i < k - 1; i++) {
    let m = i;
    for (let j = i + 1; j < k; j++) if (d[j] < d[m]) m = j;
    if (m === i) continue;
    const t = d[i];
    d[i] = d[m];
    d[m] = t;
    for (let q = 0; q < r; q++) {
      const zq = z[i * r + q];
      z[i * r + q] = z[m * r + q];
      z[m * r + q] = zq;
    }
  }
}

function checkShapes(alpha: Float64Array, beta: Float64Array): void {
  if (alpha.length === 0) throw new Error('tridiagonal matrix must have at least one row');
  if (beta.length < alpha.length - 1) throw new Error(`beta needs ${alpha.length - 1} entries, got ${beta.length}`);
}

function offDiagonal(alpha: Float64Array, beta: Float64Array): Float64Array {
  const e = new Float64Array(alpha.length);
  e.set(beta.subarray(0, alpha.length - 1));
  return e;
}

/** All eigenpairs of tridiag(beta, alpha, beta): alpha the diagonal (k), beta the off-diagonal (k-1). */
export function tridiagonalEigen(alpha: Float64Array, beta: Float64Array): TridiagonalEigen {
  checkShapes(alpha, beta);
  const k = alpha.length;
  const d = new Float64Array(alpha);
  const e = offDiagonal(alpha, beta);
  const z = new Float64Array(k * k);
  for (let i = 0; i < k; i++) z[i * k + i] = 1;
  implicitQL(d, e, z, k);
  const vectors = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let c = 0; c < k; c++) vectors[c * k + i] = z[i * k + c];
  return { values: d, vectors };
}

/** Eigenvalues with only the first and last component of each eigenvector, in O(k^2). */
export function tridiagonalEigenEnds(alpha: Float64Array, beta: Float64Array): TridiagonalEigenEnds {
  checkShapes(alpha, beta);
  const k = alpha.length;
  const d = new Float64Array(alpha);
  const e = offDiagonal(alpha, beta);
  const z = new Float64Array(k * 2);
  z[0] = 1;
  z[(k - 1) * 2 + 1] = 1;
  implicitQL(d, e, z, 2);
  const first = new Float64Array(k);
  const last = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    first[i] = z[i * 2];
    last[i] = z[i * 2 + 1];
  }
  return { values: d, first, last };
}
