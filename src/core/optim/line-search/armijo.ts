import type { Objective } from '../../objective';
import { addScaled, allFinite, dot } from '../../linalg/vector';
import type { LineSearchPoint } from './types';

export interface ArmijoOptions {
  alpha0?: number;
  c1?: number;
  shrink?: number;
  maxSteps?: number;
}

/**
 * Backtracking line search for the sufficient-decrease condition (Nocedal & Wright Alg. 3.1).
 * A non-finite trial counts as too long a step. Returns null if d is not a descent direction
 * or no step within maxSteps halvings decreases enough.
 */
export async function armijo(
  objective: Objective,
  x: Float64Array,
  f0: number,
  g0: Float64Array,
  d: Float64Array,
  { alpha0 = 1, c1 = 1e-4, shrink = 0.5, maxSteps = 40 }: ArmijoOptions = {},
): Promise<LineSearchPoint | null> {
  const slope = dot(g0, d);
  if (!(slope < 0)) return null;
  let alpha = alpha0;
  for (let i = 0; i < maxSteps; i++) {
    const xt = addScaled(x, alpha, d);
    const { value, grad } = await objective.valueAndGrad(xt);
    if (Number.isFinite(value) && allFinite(grad) && value <= f0 + c1 * alpha * slope) {
      return { alpha, x: xt, value, grad };
    }
    alpha *= shrink;
  }
  return null;
}
