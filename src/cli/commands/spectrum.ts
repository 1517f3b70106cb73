import { LIMITS } from '../../core/limits';
import { computeSpectrum, type TraceMethod } from '../../core/analysis/spectrum';
import { type CurvatureMatrixName, getCurvatureMatrix } from '../../core/curvature/registry';
import { averagedSpectralDensity } from '../../core/analysis/density';
import type { Which } from '../../core/eigen/types';
import { type ParsedArgs, UsageError, flagBool, flagOptional, flagValue } from '../args';
import { loadProblemFromArgs } from '../data-problem';
import { type BackendChoice, useBackend } from '../backend';

/** Beside a Hutchinson estimate, the exact trace is printed for problems up to this many parameters. */
const EXACT_TRACE_BESIDE_UP_TO = 200;

/**
 * The limits that depend on the method and the problem's size, checked before any product is
 * spent; the flag table has already held each value to its own range. An unspecified trace is
 * exact only where the budget allows it.
 */
function checkSizes(method: string, k: number, trace: TraceMethod | undefined, dim: number): TraceMethod {
  if (method === 'power' && k > LIMITS.powerK) {
    throw new UsageError(`--k: ${k} is more than ${LIMITS.powerK} for power iteration (the input budget's powerK, src/core/limits.ts)`);
  }
  if (k > dim) throw new UsageError(`--k: ${k} is more than the problem's ${dim} parameters`);
  if (method === 'dense' && dim > LIMITS.denseParams) {
    throw new UsageError(`--method: dense needs at most ${LIMITS.denseParams} parameters (the input budget's denseParams, src/core/limits.ts), the problem has ${dim}; use lanczos`);
  }
  if (trace === 'exact' && dim > LIMITS.exactTraceParams) {
    throw new UsageError(`--trace: exact needs at most ${LIMITS.exactTraceParams} parameters (the input budget's exactTraceParams, src/core/limits.ts), the problem has ${dim}; use hutchinson`);
  }
  return trace ?? (dim <= LIMITS.exactTraceParams ? 'exact' : 'hutchinson');
}

/**
 * `curvscape spectrum`: both ends of the spectrum of a curvature matrix (--matrix: the Hessian by
 * default, the Gauss-Newton matrix or the empirical Fisher) and its trace at the problem's params.
 */
export async function spectrumCommand(args: ParsedArgs): Promise<Record<string, unknown>> {
  const method = flagValue<string>(args, 'method');
  const which = flagValue<Which>(args, 'which');
  const k = flagValue<number>(args, 'k');
  const tol = flagValue<number>(args, 'tol');
  const seed = flagValue<number>(args, 'seed');
  const probes = flagValue<number>(args, 'probes');
  const backend = await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const problem = await loadProblemFromArgs(args);
  const matrix = getCurvatureMatrix(flagValue<CurvatureMatrixName>(args, 'matrix'));
  if (!matrix.available(problem.objective)) {
    throw new UsageError(`--matrix: ${problem.name} has no ${matrix.label} product: ${matrix.unavailable}`);
  }
  const traceMethod = checkSizes(method, k, flagOptional<TraceMethod>(args, 'trace'), problem.objective.dim);
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
    matrix: matrix.name,
    copyCheck: flagValue<string>(args, 'copy-check') === 'on',
  });
  const out: Record<string, unknown> = {
    problem: problem.name,
    num_params: problem.objective.dim,
    method: report.method,
    matrix: report.matrix,
    matrix_note: matrix.note,
    backend,
    top: report.top,
    top_order: report.topOrder,
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
    const products = ['density-runs', 'density-probes', 'density-steps'].map((f) => flagValue<number>(args, f));
    if (products[0] * products[1] * Math.min(problem.objective.dim, products[2]) > LIMITS.densityProducts) {
      throw new UsageError(
        `--density-runs x --density-probes x --density-steps: ${products.join(' x ')} products is more than ${LIMITS.densityProducts} (the input budget's densityProducts, src/core/limits.ts)`,
      );
    }
    const d = await averagedSpectralDensity(matrix.operator(problem.objective, problem.start), problem.objective.dim, {
      runs: flagValue<number>(args, 'density-runs'),
      probes: flagValue<number>(args, 'density-probes'),
      // A Krylov space has at most dim dimensions: more steps than that add no nodes.
      steps: Math.min(problem.objective.dim, flagValue<number>(args, 'density-steps')),
      seed,
      gridSize: flagValue<number>(args, 'density-grid'),
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
    out.hvps = matrix.products(problem.objective.counts);
  }
  out.ms = performance.now() - t0;
  return out;
}
