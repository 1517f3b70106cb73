/**
 * Powers of small symmetric positive semi-definite matrices and the two-sided products that the
 * Kronecker-factored optimizers (K-FAC, Shampoo) apply per layer, in float64.
 */
import { symmetricEigen } from '../linalg/symmetric-eigen';

/**
 * (M + eps I)^p for the symmetric n x n M (row-major) by its eigen-decomposition; eigenvalues that
 * rounding pushed below zero count as zero, so the result is defined for any PSD M and eps > 0.
 */
export function symmetricPower(m: Float64Array, n: number, p: number, eps: number): Float64Array {
  const { values, vectors } = symmetricEigen(m, n);
  const f = Array.from(values, (v) => (Math.max(v, 0) + eps) ** p);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * f[k] * vectors[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** left (r x r) * g (r x c, row-major) * right (c x c). */
export function twoSided(left: Float64Array, g: ArrayLike<number>, right: Float64Array, r: number, c: number): Float64Array {
  const tmp = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < r; k++) {
      const a = left[i * r + k];
      if (a === 0) continue;
      for (let j = 0; j < c; j++) tmp[i * c + j] += a * g[k * c + j];
    }
  }
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < c; k++) {
      const a = tmp[i * c + k];
      if (a === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += a * right[k * c + j];
    }
  }
  return out;
}

/** g g^T (r x r) and g^T g (c x c) of the r x c row-major g. */
export function gramPair(g: ArrayLike<number>, r: number, c: number): { left: Float64Array; right: Float64Array } {
  const left = new Float64Array(r * r);
  const right = new Float64Array(c * c);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k <= i; k++) {
      let s = 0;
      for (let j = 0; j < c; j++) s += g[i * c + j] * g[k * c + j];
      left[i * r + k] = s;
      left[k * r + i] = s;
    }
  }
  for (let i = 0; i < c; i++) {
    for (let k = 0; k <= i; k++) {
      let s = 0;
      for (let j = 0; j < r; j++) s += g[j * c + i] * g[j * c + k];
      right[i * c + k] = s;
      right[k * c + i] = s;
    }
  }
  return { left, right };
}

/** Trace of the n x n row-major m. */
export function trace(m: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += m[i * n + i];
  return t;
}
