/** Engine glue for the curvature analyses: network objectives (dense MLPs and layer lists) over chosen data rows. */
import type { BatchObjectiveFactory } from '../core/analysis/minibatch';
import type { Problem } from '../core/problem/problem';
import type { NetworkObjectiveOptions } from './mlp-objective';
import { createProblemObjective } from './model-objective';

/** The factory miniBatchSharpness takes: each call builds (and later disposes) the loss over `rows`. */
export function miniBatchFactory(problem: Problem, opts: Omit<NetworkObjectiveOptions, 'batch'> = {}): BatchObjectiveFactory {
  return (rows) => createProblemObjective(problem, { ...opts, batch: rows });
}

/** Number of data rows of a problem: the range mini-batches are drawn from. */
export function dataRows(problem: Problem): number {
  return problem.X.length;
}
