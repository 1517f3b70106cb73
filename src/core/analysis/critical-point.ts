/**
 * What kind of point the Hessian says this is: the second-order test (Nocedal & Wright, Numerical
 * Optimization, 2nd ed. 2006, Theorems 2.3-2.4), applied only where the first-order condition
 * holds. Away from a stationary point the eigenvalues describe the local bowl, not a minimum or
 * saddle: gradient descent's iterate 500 on Rosenbrock (gradient norm 2.1) has a positive
 * definite Hessian and is no minimum.
 */

/**
 * Stationary when ||g|| <= STATIONARY_TOL * max(1, |f|, |lambda|max * ||x||): the gradient is small
 * against the values the function and its curvature take at this scale (a relative step of
 * 1e-4 along the stiffest direction would change the gradient by more).
 */
export const STATIONARY_TOL = 1e-4;

/** Eigenvalues with |lambda| <= ZERO_EIGEN_TOL * |lambda|max are zero within rounding (Lanczos residuals, float32 passes). */
export const ZERO_EIGEN_TOL = 1e-6;

export type PointKind = 'not a critical point' | 'minimum' | 'maximum' | 'saddle' | 'flat';

export interface CriticalPointInput {
  gradNorm: number;
  /** Objective value at the point. */
  value: number;
  /** Largest and smallest Hessian eigenvalue (the extremes suffice for the test). */
  lambdaMax: number;
  lambdaMin: number;
  /** ||x||, when the point's coordinates are known (2-D functions); omitted, the scale is max(1, |f|). */
  pointNorm?: number;
}

export interface CriticalPoint {
  kind: PointKind;
  stationary: boolean;
  /** The gradient norm the point had to stay under to count as stationary. */
  gradTolerance: number;
  /** An extreme eigenvalue is zero within ZERO_EIGEN_TOL: the second-order test cannot decide (e.g. the minimum of x^4). */
  degenerate: boolean;
  /** |lambda|max / |lambda|min, only for a definite Hessian; null otherwise. */
  condition: number | null;
}

/** Classifies a point by its gradient and Hessian extremes; see STATIONARY_TOL and ZERO_EIGEN_TOL. */
export function classifyPoint(p: CriticalPointInput): CriticalPoint {
  const big = Math.max(Math.abs(p.lambdaMax), Math.abs(p.lambdaMin));
  const zero = ZERO_EIGEN_TOL * big;
  const positive = p.lambdaMax > zero;
  const negative = p.lambdaMin < -zero;
  const degenerate = Math.abs(p.lambdaMin) <= zero || Math.abs(p.lambdaMax) <= zero;
  const definite = p.lambdaMin > zero || p.lambdaMax < -zero;
  const condition = definite ? big / Math.min(Math.abs(p.lambdaMax), Math.abs(p.lambdaMin)) : null;
  const scale = Math.max(1, Math.abs(p.value), p.pointNorm === undefined ? 0 : big * p.pointNorm);
  const gradTolerance = STATIONARY_TOL * scale;
  const finite = [p.gradNorm, p.value, p.lambdaMax, p.lambdaMin].every(Number.isFinite);
  const stationary = finite && p.gradNorm <= gradTolerance;
  let kind: PointKind = 'not a critical point';
  if (stationary) {
    if (positive && negative) kind = 'saddle';
    else if (positive) kind = 'minimum';
    else if (negative) kind = 'maximum';
    else kind = 'flat';
  }
  return { kind, stationary, gradTolerance, degenerate, condition };
}
