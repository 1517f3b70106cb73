import { trainWithCurvature } from '../../core/analysis/curvature-tracker';
import { type ParsedArgs, flagChoice, flagNumber, flagString } from '../args';
import { BACKEND_CHOICES, useBackend } from '../backend';
import { loadProblem } from '../load-problem';
import { optimizerFromArgs } from '../optimizer-args';

/** Exact trace beside the estimate at each point for problems up to this many parameters. */
const EXACT_TRACE_BESIDE_UP_TO = 200;

/** JSON has no Infinity or NaN: a standard error after one probe, or a diverged value, prints as null. */
function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

/** `curvscape train`: an optimizer's run with the Hessian's ends, trace and gradient norm every k steps. */
export async function trainCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const { optimizer, hp } = optimizerFromArgs(args);
  const steps = flagNumber(args, 'steps', 100, { integer: true, min: 0 });
  const every = flagNumber(args, 'every', 10, { integer: true, min: 1 });
  const tol = flagNumber(args, 'tol', 1e-4, { min: 0 });
  const probes = flagNumber(args, 'probes', 20, { integer: true, min: 1 });
  const seed = flagNumber(args, 'seed', 0, { integer: true });
  const backend = await useBackend(flagChoice(args, 'backend', BACKEND_CHOICES, 'wasm'));
  const problem = loadProblem(flagString(args, 'problem'));
  const t0 = performance.now();
  const res = await trainWithCurvature(optimizer, hp, problem.objective, problem.start, {
    steps,
    every,
    lanczosTol: tol,
    traceProbes: probes,
    seed,
    exactTraceUpTo: EXACT_TRACE_BESIDE_UP_TO,
    project: problem.kind === 'function' ? undefined : () => [],
  });
  return {
    problem: problem.name,
    num_params: problem.objective.dim,
    backend,
    optimizer: res.run.optimizer,
    hyper_params: res.run.hyperParams,
    success: res.run.success,
    reason: res.run.reason,
    nit: res.run.nit,
    nfev: res.run.nfev,
    ngev: res.run.ngev,
    nhvp: res.run.nhvp,
    f: res.run.f,
    grad_norm: res.run.gradNorm,
    edge_of_stability: res.edgeOfStability,
    curvature: res.curvature.map((p) => ({
      ...p,
      lambdaMax: finiteOrNull(p.lambdaMax),
      lambdaMin: finiteOrNull(p.lambdaMin),
      trace: finiteOrNull(p.trace),
      traceStdError: finiteOrNull(p.traceStdError),
    })),
    warm_start: res.warmStart,
    curvature_hvps: res.curvatureHvps,
    ms: performance.now() - t0,
  };
}
