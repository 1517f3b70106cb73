/** Dense Float64 vector kernels; solver state (Lanczos, L-BFGS, CG) lives in these. */

export type Vec = Float64Array;

export function zeros(n: number): Vec {
  return new Float64Array(n);
}

export function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: Vec): number {
  return Math.sqrt(dot(a, a));
}

/** y <- y + alpha * x, in place. */
export function axpy(alpha: number, x: Vec, y: Vec): Vec {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
  return y;
}

/** a + alpha * b, a new vector. */
export function addScaled(a: Vec, alpha: number, b: Vec): Vec {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + alpha * b[i];
  return out;
}

export function sub(a: Vec, b: Vec): Vec {
  return addScaled(a, -1, b);
}

export function scale(alpha: number, a: Vec): Vec {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = alpha * a[i];
  return out;
}

/** Scales in place and returns the same array. */
export function scaleInPlace(alpha: number, a: Vec): Vec {
  for (let i = 0; i < a.length; i++) a[i] *= alpha;
  return a;
}

export function normalize(a: Vec): Vec {
  const n = norm(a);
  return n > 0 ? scale(1 / n, a) : new Float64Array(a);
}

export function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

export function maxAbs(a: Vec): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Row-major dense matrix times vector. */
export function matVec(m: Float64Array, n: number, v: Vec): Vec {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += m[row + j] * v[j];
    out[i] = s;
  }
  return out;
}
