import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../core/limits';
import type { Objective } from '../core/objective';
import { TEST_FUNCTIONS, getTestFunction } from '../core/functions/registry';
import { functionObjective } from '../core/functions/objective';
import { ProblemError, parseProblemText } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { checkedNetworkObjective } from '../engine/problem-check';
import { UsageError } from './args';

export interface LoadedProblem {
  name: string;
  kind: 'function' | 'network';
  objective: Objective;
  /** The problem's own starting point: a function's default start or a file's params. */
  start: Float64Array;
  network: Problem | null;
}

/**
 * `--problem` takes a registered 2-D function's name or a problem file's path. A file is read
 * only within the input budget, validated field by field, and accepted only if its objective
 * is finite at its params.
 */
export async function loadProblem(spec: string): Promise<LoadedProblem> {
  if (TEST_FUNCTIONS.some((f) => f.name === spec)) {
    const fn = getTestFunction(spec);
    return { name: fn.name, kind: 'function', objective: functionObjective(fn), start: Float64Array.from(fn.defaultStart), network: null };
  }
  let text: string;
  try {
    const bytes = statSync(spec).size;
    if (bytes > LIMITS.fileBytes) {
      throw new UsageError(`--problem: "${spec}" is ${bytes} bytes, more than ${LIMITS.fileBytes} (the input budget's fileBytes, src/core/limits.ts)`);
    }
    text = readFileSync(spec, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const names = TEST_FUNCTIONS.map((f) => f.name).join(', ');
    throw new UsageError(`--problem: "${spec}" is neither a readable file nor a 2-D function (${names})`);
  }
  let problem: Problem;
  let objective: Objective;
  try {
    problem = parseProblemText(text);
    objective = await checkedNetworkObjective(problem);
  } catch (e) {
    if (e instanceof ProblemError) throw new UsageError(`${spec}: ${e.message}`);
    throw e;
  }
  return {
    name: problem.name,
    kind: 'network',
    objective,
    start: Float64Array.from(problem.params),
    network: problem,
  };
}
