import { float32GradientNote } from '../core/analysis/float32-limit';
import type { HyperParams, Optimizer } from '../core/optim/types';
import { NonFiniteStartError, runOptimizer } from '../core/optim/run';
import { UsageError } from './args';
import type { LoadedProblem } from './load-problem';

/** --start's numbers as a point of the problem's dimension. */
export function startPoint(parts: number[], dim: number): Float64Array {
  if (parts.length !== dim) throw new UsageError(`--start: expected ${dim} comma-separated numbers, got ${parts.length}`);
  return Float64Array.from(parts);
}

export interface OptimizerRunOptions {
  steps: number;
  gtol: number;
  hp: HyperParams;
  /** Whether the start came from --start (named in the error when it is not finite) or from the problem. */
  startGiven: boolean;
}

/**
 * One optimizer's run from x0, as `optimize` and `compare` print it: scipy-style counts, every
 * record, the final point of a 2-D function (a network's parameters are not printed).
 */
export async function optimizerRun(optimizer: Optimizer, problem: LoadedProblem, x0: Float64Array, opts: OptimizerRunOptions): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  let result;
  try {
    result = await runOptimizer(optimizer, problem.objective, x0, {
      maxIter: opts.steps,
      gtol: opts.gtol,
      hp: opts.hp,
      project: problem.kind === 'function' ? undefined : () => [],
    });
  } catch (e) {
    if (e instanceof NonFiniteStartError) throw new UsageError(`${opts.startGiven ? '--start' : '--problem'}: ${e.message}`);
    throw e;
  }
  return {
    optimizer: result.optimizer,
    hyper_params: result.hyperParams,
    success: result.success,
    reason: result.reason,
    nit: result.nit,
    nfev: result.nfev,
    ngev: result.ngev,
    nhvp: result.nhvp,
    nggnvp: result.nggnvp ?? 0,
    nkfac: result.nkfac ?? 0,
    x: problem.kind === 'function' ? result.x : null,
    f: result.f,
    grad_norm: result.gradNorm,
    grad_norm_note: problem.kind === 'network' ? float32GradientNote(result.gradNorm, result.f, problem.network?.loss) : null,
    ms: performance.now() - t0,
    records: result.records,
  };
}
