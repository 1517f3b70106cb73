/** Coordinates on a plane origin + a d1 + b d2 (directions need not be orthogonal), and straight lines between two points. */

export interface PlaneCoordinates {
  alpha: number;
  beta: number;
  /** Euclidean distance from the point to the plane. */
  distance: number;
}

/**
 * Least-squares plane coordinates of each point, from the 2x2 normal equations
 * [d1.d1 d1.d2; d1.d2 d2.d2] [a; b] = [d1.r; d2.r] with r = w - origin, and the residual's norm.
 */
export function projectOntoPlane(origin: Float64Array, d1: Float64Array, d2: Float64Array, points: readonly ArrayLike<number>[]): PlaneCoordinates[] {
  const n = origin.length;
  if (d1.length !== n || d2.length !== n) throw new Error(`directions have ${d1.length} and ${d2.length} entries, origin ${n}`);
  let g11 = 0;
  let g12 = 0;
  let g22 = 0;
  for (let k = 0; k < n; k++) {
    g11 += d1[k] * d1[k];
    g12 += d1[k] * d2[k];
    g22 += d2[k] * d2[k];
  }
  const det = g11 * g22 - g12 * g12;
  // Relative to g11 g22 this is sin^2 of the angle between the directions.
  if (!(det > 1e-14 * g11 * g22)) throw new Error('the two directions are parallel (or zero); they do not span a plane');
  return points.map((w, index) => {
    if (w.length !== n) throw new Error(`point ${index} has ${w.length} entries, origin ${n}`);
    let r1 = 0;
    let r2 = 0;
    for (let k = 0; k < n; k++) {
      const r = w[k] - origin[k];
      r1 += d1[k] * r;
      r2 += d2[k] * r;
    }
    const alpha = (g22 * r1 - g12 * r2) / det;
    const beta = (g11 * r2 - g12 * r1) / det;
    // The residual directly, not by Pythagoras, so a point near the plane keeps its small distance.
    let s = 0;
    for (let k = 0; k < n; k++) {
      const e = w[k] - origin[k] - alpha * d1[k] - beta * d2[k];
      s += e * e;
    }
    return { alpha, beta, distance: Math.sqrt(s) };
  });
}

export function planePoint(origin: Float64Array, d1: Float64Array, d2: Float64Array, alpha: number, beta: number): Float64Array {
  const w = new Float64Array(origin.length);
  for (let k = 0; k < w.length; k++) w[k] = origin[k] + alpha * d1[k] + beta * d2[k];
  return w;
}

/** n evenly spaced numbers from lo to hi inclusive (numpy's linspace). */
export function linspace(lo: number, hi: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`linspace needs a positive integer count, got ${n}`);
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}

/** w(t) = (1 - t) a + t b for each t: the 1-D linear interpolation of Goodfellow, Vinyals & Saxe 2015. */
export function interpolationPoints(a: Float64Array, b: Float64Array, ts: readonly number[]): Float64Array[] {
  if (a.length !== b.length) throw new Error(`end points have ${a.length} and ${b.length} entries`);
  return ts.map((t) => {
    const w = new Float64Array(a.length);
    for (let k = 0; k < w.length; k++) w[k] = (1 - t) * a[k] + t * b[k];
    return w;
  });
}

export interface InterpolationResult {
  t: number[];
  loss: number[];
}

/** The loss along the line from a to b, one objective call per t (for any objective; networks have a batched engine path). */
export async function interpolateLoss(
  a: Float64Array,
  b: Float64Array,
  ts: readonly number[],
  value: (w: Float64Array) => Promise<number>,
): Promise<InterpolationResult> {
  const loss: number[] = [];
  for (const w of interpolationPoints(a, b, ts)) loss.push(await value(w));
  return { t: [...ts], loss };
}
