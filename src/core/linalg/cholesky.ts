/** Cholesky factorisation A = L L^T and triangular solves (Golub & Van Loan, Alg. 4.2.1). */

/** Lower-triangular L (row-major n x n, zeros above the diagonal), or null when A is not symmetric positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  if (a.length !== n * n) throw new Error(`matrix has ${a.length} entries, expected ${n * n}`);
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const ljj = Math.sqrt(s);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / ljj;
    }
  }
  return l;
}

/** Solves L L^T x = b by forward then back substitution. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** x with A x = b for symmetric positive definite A, or null when A is not. */
export function solveSymmetric(a: Float64Array, n: number, b: Float64Array): Float64Array | null {
  const l = cholesky(a, n);
  return l ? choleskySolve(l, n, b) : null;
}
