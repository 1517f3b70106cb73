/**
 * Replaces a square matrix by (M + M^T) / 2, in place: float32 Hessian-vector products are symmetric
 * only to rounding, and the symmetric eigen-solvers read one triangle.
 */
export function symmetrise(m: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (m[i * n + j] + m[j * n + i]);
      m[i * n + j] = s;
      m[j * n + i] = s;
    }
  }
  return m;
}
