import { type CurvaturePoint, trainWithCurvature } from '../../core/analysis/curvature-tracker';
import { float32GradientNote } from '../../core/analysis/float32-limit';
import { type ParsedArgs, flagValue } from '../args';
import { type BackendChoice, useBackend } from '../backend';
import { loadProblemFromArgs } from '../data-problem';
import { testMetrics } from '../../engine/model-metrics';
import { checkApplicable, optimizerFromArgs } from '../optimizer-args';

/** Exact trace beside the estimate at each point for problems up to this many parameters. */
const EXACT_TRACE_BESIDE_UP_TO = 200;

/**
 * A point where the Hessian-vector products overflowed carries no curvature: it is printed with
 * the reason and without the NaN fields, rather than with nulls that read as "not asked for".
 */
function curvaturePoint(p: CurvaturePoint): Record<string, unknown> {
  if (!Number.isNaN(p.lambdaMax)) return { ...p };
  const { step, loss, gradNorm, hvps } = p;
  return { step, loss, gradNorm, hvps, skipped: 'Hessian-vector products overflowed at this point' };
}

/** `curvscape train`: an optimizer's run with the Hessian's ends, trace and gradient norm every k steps. */
export async function trainCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const { optimizer, hp } = optimizerFromArgs(args);
  const steps = flagValue<number>(args, 'steps');
  const every = flagValue<number>(args, 'every');
  const tol = flagValue<number>(args, 'tol');
  const probes = flagValue<number>(args, 'probes');
  const seed = flagValue<number>(args, 'seed');
  const backend = await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const problem = await loadProblemFromArgs(args);
  checkApplicable(optimizer, problem.objective);
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
    nggnvp: res.run.nggnvp ?? 0,
    nkfac: res.run.nkfac ?? 0,
    f: res.run.f,
    grad_norm: res.run.gradNorm,
    grad_norm_note: problem.kind === 'network' ? float32GradientNote(res.run.gradNorm, res.run.f, problem.network?.loss) : null,
    edge_of_stability: res.edgeOfStability,
    curvature: res.curvature.map(curvaturePoint),
    warm_start: res.warmStart,
    curvature_hvps: res.curvatureHvps,
    ms: performance.now() - t0,
    ...(problem.test ? { test: await testMetrics(problem.test, Float64Array.from(res.run.x)) } : {}),
  };
}
