import { EIGEN_SOLVERS } from '../../core/eigen/registry';
import { computeSpectrum, hessianOperator, type TraceMethod } from '../../core/analysis/spectrum';
import { averagedSpectralDensity } from '../../core/analysis/density';
import type { Which } from '../../core/eigen/types';
import { type ParsedArgs, flagBool, flagChoice, flagNumber, flagString } from '../args';
import { loadProblem } from '../load-problem';
import { useBackend, BACKEND_CHOICES } from '../backend';

/** Beside a Hutchinson estimate, the exact trace is printed for problems up to this many parameters. */
const EXACT_TRACE_BESIDE_UP_TO = 200;

/** `curvscape spectrum`: both ends of the Hessian spectrum and its trace at the problem's params. */
export async function spectrumCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const method = flagChoice(args, 'method', EIGEN_SOLVERS.map((s) => s.name), 'lanczos');
  const which = flagChoice<Which>(args, 'which', ['top', 'bottom', 'both'], 'both');
  const traceMethod = flagChoice<TraceMethod>(args, 'trace', ['exact', 'hutchinson', 'none'], 'exact');
  const k = flagNumber(args, 'k', 5, { integer: true, min: 1 });
  const tol = flagNumber(args, 'tol', 1e-6, { min: 0 });
  const seed = flagNumber(args, 'seed', 0, { integer: true });
  const probes = flagNumber(args, 'probes', 100, { integer: true, min: 1 });
  const backend = await useBackend(flagChoice(args, 'backend', BACKEND_CHOICES, 'wasm'));
  const problem = loadProblem(flagString(args, 'problem'));
  const t0 = performance.now();
  const report = await computeSpectrum(problem.objective, problem.start, {
    method,
    k,
    which,
    trace: traceMethod,
    tol,
    seed,
    probes,
    exactTraceUpTo: EXACT_TRACE_BESIDE_UP_TO,
  });
  const out: Record<string, unknown> = {
    problem: problem.name,
    num_params: problem.objective.dim,
    method: report.method,
    backend,
    top: report.top,
    bottom: report.bottom,
    residuals: report.residuals,
    converged: report.converged,
    trace: report.trace?.value ?? null,
    trace_detail: report.trace,
    eigen_hvps: report.eigenHvps,
    hvps: report.hvps,
    ms: 0,
  };
  if (flagBool(args, 'density')) {
    const d = await averagedSpectralDensity(hessianOperator(problem.objective, problem.start), problem.objective.dim, {
      runs: flagNumber(args, 'density-runs', 3, { integer: true, min: 1 }),
      probes: flagNumber(args, 'density-probes', 5, { integer: true, min: 1 }),
      steps: Math.min(problem.objective.dim, flagNumber(args, 'density-steps', 60, { integer: true, min: 2 })),
      seed,
      gridSize: flagNumber(args, 'density-grid', 200, { integer: true, min: 10 }),
    });
    out.grid = d.grid;
    out.density = d.density;
    out.density_log = d.logDensity;
    out.density_log_floor = d.logFloor;
    out.density_runs = d.runs;
    out.density_per_run = d.perRun;
    out.density_spread = d.spread;
    out.density_probes = d.probes;
    out.density_steps = d.steps;
    out.density_width = d.width;
    out.density_moments = d.moments;
    out.density_hvps = d.products;
    out.hvps = problem.objective.counts.hvps;
  }
  out.ms = performance.now() - t0;
  return out;
}
