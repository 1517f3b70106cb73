import type { Objective } from '../objective';
import { norm, sub } from '../linalg/vector';
import type { StepResult } from './types';

/** Evaluates loss and gradient at x and packs them with the optimizer's state; most steps end here. */
export async function evaluateAt<S>(
  objective: Objective,
  x: Float64Array,
  state: S,
  from?: Float64Array,
): Promise<StepResult<S>> {
  const { value, grad } = await objective.valueAndGrad(x);
  return { state, x, loss: value, grad, stepSize: from ? norm(sub(x, from)) : 0 };
}
