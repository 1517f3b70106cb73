import { OPTIMIZERS } from '../../core/optim/registry';
import { runOptimizer } from '../../core/optim/run';
import { type ParsedArgs, UsageError, flagChoice, flagNumber, flagString } from '../args';
import { loadProblem } from '../load-problem';
import { optimizerFromArgs } from '../optimizer-args';
import { useBackend, BACKEND_CHOICES } from '../backend';

function parseStart(text: string, dim: number): Float64Array {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== dim || parts.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--start: expected ${dim} comma-separated numbers, got "${text}"`);
  }
  return Float64Array.from(parts);
}

/** `curvscape optimize`: one optimizer's run with scipy-style counts and every record. */
export async function optimizeCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const { optimizer, hp } = optimizerFromArgs(args);
  const steps = flagNumber(args, 'steps', 1000, { integer: true, min: 1 });
  const gtol = flagNumber(args, 'gtol', 1e-6, { min: 0 });
  await useBackend(flagChoice(args, 'backend', BACKEND_CHOICES, 'wasm'));
  const problem = loadProblem(flagString(args, 'problem'));
  const startText = args.flags.get('start');
  const x0 = startText ? parseStart(startText[startText.length - 1], problem.objective.dim) : problem.start;
  const t0 = performance.now();
  const result = await runOptimizer(optimizer, problem.objective, x0, {
    maxIter: steps,
    gtol,
    hp,
    project: problem.kind === 'function' ? undefined : () => [],
  });
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
    x: problem.kind === 'function' ? result.x : null,
    f: result.f,
    grad_norm: result.gradNorm,
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
