import { OPTIMIZERS } from '../../core/optim/registry';
import { NonFiniteStartError, runOptimizer } from '../../core/optim/run';
import { float32GradientNote } from '../../core/analysis/float32-limit';
import { type ParsedArgs, UsageError, flagOptional, flagValue } from '../args';
import { loadProblemFromArgs } from '../data-problem';
import { checkApplicable, optimizerFromArgs } from '../optimizer-args';
import { type BackendChoice, useBackend } from '../backend';

function startPoint(parts: number[], dim: number): Float64Array {
  if (parts.length !== dim) throw new UsageError(`--start: expected ${dim} comma-separated numbers, got ${parts.length}`);
  return Float64Array.from(parts);
}

/** `curvscape optimize`: one optimizer's run with scipy-style counts and every record. */
export async function optimizeCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const { optimizer, hp } = optimizerFromArgs(args);
  const steps = flagValue<number>(args, 'steps');
  const gtol = flagValue<number>(args, 'gtol');
  await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const problem = await loadProblemFromArgs(args);
  const start = flagOptional<number[]>(args, 'start');
  checkApplicable(optimizer, problem.objective);
  const x0 = start ? startPoint(start, problem.objective.dim) : problem.start;
  const t0 = performance.now();
  let result;
  try {
    result = await runOptimizer(optimizer, problem.objective, x0, {
      maxIter: steps,
      gtol,
      hp,
      project: problem.kind === 'function' ? undefined : () => [],
    });
  } catch (e) {
    if (e instanceof NonFiniteStartError) throw new UsageError(`${start ? '--start' : '--problem'}: ${e.message}`);
    throw e;
  }
  return {
    problem: problem.name,
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

/** `curvscape optimizers`: the registry, with each hyper-parameter's schema. */
export async function optimizersCommand(): Promise<Record<string, unknown>> {
  return {
    optimizers: OPTIMIZERS.map((o) => ({
      name: o.name,
      label: o.label,
      citation: o.citation,
      second_order: o.secondOrder,
      params: o.params,
    })),
  };
}
