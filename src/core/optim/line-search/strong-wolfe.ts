import type { Objective } from '../../objective';
import { addScaled, allFinite, dot } from '../../linalg/vector';
import type { LineSearchPoint } from './types';

export interface StrongWolfeOptions {
  alpha0?: number;
  c1?: number;
  c2?: number;
  alphaMax?: number;
  maxIter?: number;
}

interface Trial extends LineSearchPoint {
  slope: number;
  finite: boolean;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db) (Nocedal & Wright eq. 3.59), or NaN. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/**
 * Trial inside a bracket (Moré & Thuente 1994, dcstep case 1 when hi is higher): the cubic
 * step, or halfway to the quadratic step through (lo, lo', hi) when that one is closer to lo.
 */
function interpolate(lo: Trial, hi: Trial): number {
  const cubic = cubicMin(lo.alpha, lo.value, lo.slope, hi.alpha, hi.value, hi.slope);
  if (!(hi.value > lo.value)) return cubic;
  const w = hi.alpha - lo.alpha;
  const quad = lo.alpha + (lo.slope / ((lo.value - hi.value) / w + lo.slope) / 2) * w;
  return Math.abs(cubic - lo.alpha) < Math.abs(quad - lo.alpha) ? cubic : cubic + (quad - cubic) / 2;
}

/**
 * Next bracketing trial past t, as MINPACK's dcstep does before a minimiser is bracketed
 * (Moré & Thuente 1994, cases 3 and 4): if the slope is shrinking, the farther of the cubic and
 * secant steps, else the largest step; always within [t + 1.1 (t - prev), t + 4 (t - prev)].
 */
function extrapolate(prev: Trial, t: Trial): number {
  const width = t.alpha - prev.alpha;
  const lo = t.alpha + 1.1 * width;
  const hi = t.alpha + 4 * width;
  if (Math.abs(t.slope) >= Math.abs(prev.slope)) return hi;
  const cubic = cubicMin(prev.alpha, prev.value, prev.slope, t.alpha, t.value, t.slope);
  const secant = t.alpha + (t.slope / (t.slope - prev.slope)) * (prev.alpha - t.alpha);
  const step = Number.isFinite(cubic) && cubic > t.alpha && Math.abs(cubic - t.alpha) > Math.abs(secant - t.alpha) ? cubic : secant;
  return Math.min(Math.max(step, lo), hi);
}

/**
 * Line search for the strong Wolfe conditions: bracketing (Nocedal & Wright Alg. 3.5) then
 * zoom with safeguarded cubic interpolation (Alg. 3.6). A non-finite trial is treated as a
 * step that overshoots. Returns null if d is not a descent direction or the search fails.
 */
export async function strongWolfe(
  objective: Objective,
  x: Float64Array,
  f0: number,
  g0: Float64Array,
  d: Float64Array,
  { alpha0 = 1, c1 = 1e-4, c2 = 0.9, alphaMax = 1e10, maxIter = 40 }: StrongWolfeOptions = {},
): Promise<LineSearchPoint | null> {
  const slope0 = dot(g0, d);
  if (!(slope0 < 0)) return null;
  let budget = maxIter;

  const trial = async (alpha: number): Promise<Trial> => {
    budget--;
    const xt = addScaled(x, alpha, d);
    const { value, grad } = await objective.valueAndGrad(xt);
    const finite = Number.isFinite(value) && allFinite(grad);
    return { alpha, x: xt, value, grad, slope: finite ? dot(grad, d) : NaN, finite };
  };
  const armijoFails = (t: Trial): boolean => !t.finite || t.value > f0 + c1 * t.alpha * slope0;
  const curvatureHolds = (t: Trial): boolean => Math.abs(t.slope) <= -c2 * slope0;
  const start: Trial = { alpha: 0, x, value: f0, grad: g0, slope: slope0, finite: true };

  const zoom = async (lo: Trial, hi: Trial): Promise<LineSearchPoint | null> => {
    while (budget > 0) {
      const width = hi.alpha - lo.alpha;
      if (Math.abs(width) <= 1e-14 * Math.max(1, Math.abs(lo.alpha))) return null;
      let a = hi.finite ? interpolate(lo, hi) : NaN;
      const left = Math.min(lo.alpha, hi.alpha) + 0.1 * Math.abs(width);
      const right = Math.max(lo.alpha, hi.alpha) - 0.1 * Math.abs(width);
      if (!(a >= left && a <= right)) a = lo.alpha + 0.5 * width;
      const t = await trial(a);
      if (armijoFails(t) || t.value >= lo.value) {
        hi = t;
      } else {
        if (curvatureHolds(t)) return t;
        if (t.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = t;
      }
    }
    return null;
  };

  let prev = start;
  let alpha = Math.min(alpha0, alphaMax);
  for (let i = 0; budget > 0; i++) {
    const t = await trial(alpha);
    if (armijoFails(t) || (i > 0 && t.value >= prev.value)) return zoom(prev, t);
    if (curvatureHolds(t)) return t;
    if (t.slope >= 0) return zoom(t, prev);
    if (alpha >= alphaMax) return null;
    alpha = Math.min(extrapolate(prev, t), alphaMax);
    prev = t;
  }
  return null;
}
