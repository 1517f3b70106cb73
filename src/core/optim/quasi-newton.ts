import { norm } from '../linalg/vector';
import type { ParamConstraint, ParamSpec } from './types';

/** Line-search constants shared by BFGS and L-BFGS (Nocedal & Wright's recommended c1, c2). */
export const WOLFE_PARAMS: ParamSpec[] = [
  { key: 'c1', label: 'c1 (sufficient decrease)', type: 'number', default: 1e-4, min: 1e-10, max: 0.5, log: true, help: 'Armijo constant of the strong Wolfe line search.' },
  { key: 'c2', label: 'c2 (curvature)', type: 'number', default: 0.9, min: 1e-4, max: 0.9999, help: 'Curvature constant of the strong Wolfe line search; must exceed c1.' },
];

/**
 * The strong Wolfe conditions admit a step only when 0 < c1 < c2 < 1 (Nocedal & Wright,
 * Numerical Optimization, 2006, section 3.1); with c1 >= c2 the acceptable set can be empty.
 */
export const WOLFE_CONSTRAINTS: ParamConstraint[] = [
  {
    keys: ['c1', 'c2'],
    check: (hp) => (Number(hp.c1) < Number(hp.c2) ? undefined : `c1 (${hp.c1}) must be less than c2 (${hp.c2})`),
  },
];

/**
 * Trial step before any curvature is known: move about unit length along -g (scipy's
 * old_old_fval heuristic gives the same 1/||g|| when the gradient is large).
 */
export function firstStepLength(g: Float64Array): number {
  const gn = norm(g);
  return gn > 0 ? Math.min(1, 1 / gn) : 1;
}

/**
 * Trial step from the last decrease, alpha0 = min(1, 2.02 (f_k - f_{k-1}) / phi'(0))
 * (Nocedal & Wright eq. 3.60 as scipy applies it); 1 when there is no history.
 */
export function interpolatedStepLength(loss: number, prevLoss: number, slope: number): number {
  const a = (2.02 * (loss - prevLoss)) / slope;
  return Number.isFinite(a) && a > 0 ? Math.min(1, a) : 1;
}
