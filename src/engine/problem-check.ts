import { allFinite } from '../core/linalg/vector';
import { ProblemError } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import type { NetworkObjective, NetworkObjectiveOptions } from './mlp-objective';
import { createProblemObjective } from './model-objective';

/** Where the largest magnitude in a problem's numbers sits, as a reader of the file names it. */
export function largestValue(problem: Problem): { field: string; value: number } {
  let best = { field: 'params', value: 0 };
  const consider = (field: () => string, v: number): void => {
    if (!(Math.abs(v) <= Math.abs(best.value))) best = { field: field(), value: v };
  };
  consider(() => 'weight_decay', problem.weightDecay);
  problem.X.forEach((row, i) => row.forEach((v, j) => consider(() => `X[${i}][${j}]`, v)));
  if (problem.loss === 'mse') {
    (problem.y as number[][]).forEach((row, i) => row.forEach((v, j) => consider(() => `y[${i}][${j}]`, v)));
  }
  problem.params.forEach((v, i) => consider(() => `params[${i}]`, v));
  return best;
}

/**
 * Builds the problem's objective and evaluates it once at the problem's params: a loss or a
 * gradient that is not finite there (values that overflow float32 on the way, a weight decay
 * that squares past the range) rejects the problem with one message naming the field that
 * holds the largest magnitude, the likeliest cause. The check's call is not counted.
 */
export async function checkedNetworkObjective(problem: Problem, opts: NetworkObjectiveOptions = {}): Promise<NetworkObjective> {
  const objective = createProblemObjective(problem, opts);
  const { value, grad } = await objective.valueAndGrad(problem.params);
  objective.counts.values = 0;
  objective.counts.gradients = 0;
  if (Number.isFinite(value) && allFinite(grad)) return objective;
  objective.dispose();
  const what = Number.isFinite(value) ? 'gradient' : `loss (${value})`;
  const { field, value: biggest } = largestValue(problem);
  throw new ProblemError(`${field}: the objective's ${what} is not finite at the problem's params; ${biggest} is the largest magnitude in the problem`);
}
