import { readFileSync } from 'node:fs';
import type { Objective } from '../core/objective';
import { TEST_FUNCTIONS, getTestFunction } from '../core/functions/registry';
import { functionObjective } from '../core/functions/objective';
import { parseProblemText } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { createNetworkObjective } from '../engine/mlp-objective';
import { UsageError } from './args';

export interface LoadedProblem {
  name: string;
  kind: 'function' | 'network';
  objective: Objective;
  /** The problem's own starting point: a function's default start or a file's params. */
  start: Float64Array;
  network: Problem | null;
}

/** `--problem` takes a registered 2-D function's name or a problem file's path. */
export function loadProblem(spec: string): LoadedProblem {
  if (TEST_FUNCTIONS.some((f) => f.name === spec)) {
    const fn = getTestFunction(spec);
    return { name: fn.name, kind: 'function', objective: functionObjective(fn), start: Float64Array.from(fn.defaultStart), network: null };
  }
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch {
    const names = TEST_FUNCTIONS.map((f) => f.name).join(', ');
    throw new UsageError(`--problem: "${spec}" is neither a readable file nor a 2-D function (${names})`);
  }
  let problem: Problem;
  try {
    problem = parseProblemText(text);
  } catch (e) {
    throw new UsageError(`${spec}: ${(e as Error).message}`);
  }
  return {
    name: problem.name,
    kind: 'network',
    objective: createNetworkObjective(problem),
    start: Float64Array.from(problem.params),
    network: problem,
  };
}
