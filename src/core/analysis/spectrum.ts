import type { Objective } from '../objective';
import type { BatchMatVec, MatVec, Which } from '../eigen/types';
import { getEigenSolver } from '../eigen/registry';
import { type TraceHistoryPoint, exactTrace } from '../eigen/trace';
import { traceWithReference } from './trace-estimate';
import { type CurvatureMatrixName, getCurvatureMatrix } from '../curvature/registry';

export type TraceMethod = 'exact' | 'hutchinson' | 'none';

export interface SpectrumOptions {
  method: string;
  k: number;
  which: Which;
  trace: TraceMethod;
  tol: number;
  seed: number;
  /** Hutchinson probes. */
  probes: number;
  /** With the Hutchinson trace, also compute the exact one beside it when dim is at most this; default 0. */
  exactTraceUpTo?: number;
  /** Which curvature matrix (see core/curvature/registry.ts); default the Hessian. */
  matrix?: CurvatureMatrixName;
  /** Lanczos' missed-copy check for repeated eigenvalues (EigenOptions.copyCheck); default on. */
  copyCheck?: boolean;
}

export interface TraceReport {
  method: TraceMethod;
  value: number;
  /** Standard error of the estimate; 0 for the exact trace. */
  stdError: number;
  probes: number;
  /** Running mean and standard error after each Hutchinson probe. */
  history?: TraceHistoryPoint[];
  /** Beside a Hutchinson estimate: the exact trace where it was affordable, else null. */
  exact?: number | null;
}

export interface SpectrumReport {
  method: string;
  matrix: CurvatureMatrixName;
  /** Descending; by magnitude where topOrder is 'largest-magnitude'. */
  top: number[];
  /** 'largest-magnitude' where the solver's "top" is the eigenvalues of largest |lambda| (power iteration, as PyHessian). */
  topOrder: 'largest' | 'largest-magnitude';
  /** Ascending. */
  bottom: number[];
  residuals: { top: number[]; bottom: number[] };
  converged: boolean;
  /** Products the eigen-solver spent. */
  eigenHvps: number;
  trace: TraceReport | null;
  /** Every product of the chosen matrix spent, eigen-solver and trace together. */
  hvps: number;
}

/** The Hessian at `w` as an operator that spends the objective's (counted) HVPs. */
export function hessianOperator(objective: Objective, w: Float64Array): MatVec {
  return (v) => objective.hvp(w, v);
}

/** The Hessian at `w` as a batched operator, where the objective runs several HVPs per pass. */
export function hessianBatchOperator(objective: Objective, w: Float64Array): BatchMatVec | undefined {
  const batch = objective.hvpBatch;
  return batch ? (V, k) => batch.call(objective, w, V, k) : undefined;
}

/** Eigenvalues at both ends and the trace of the Hessian at `w`, with what each cost. */
export async function computeSpectrum(objective: Objective, w: Float64Array, opts: SpectrumOptions): Promise<SpectrumReport> {
  const matrix = getCurvatureMatrix(opts.matrix ?? 'hessian');
  const op = matrix.operator(objective, w);
  const n = objective.dim;
  const spent = (): number => matrix.products(objective.counts);
  const before = spent();
  const solver = getEigenSolver(opts.method);
  const k = Math.min(opts.k, n);
  const eig = await solver.solve(op, n, { k, which: opts.which, tol: opts.tol, seed: opts.seed, copyCheck: opts.copyCheck });
  const eigenHvps = spent() - before;
  // Unit products for the exact trace run as batched passes where the matrix is the Hessian and the objective batches.
  const batch = matrix.name === 'hessian' ? hessianBatchOperator(objective, w) : undefined;
  let trace: TraceReport | null = null;
  if (opts.trace === 'exact') {
    const t = await exactTrace(op, n, { batch });
    trace = { method: 'exact', value: t.trace, stdError: 0, probes: n };
  } else if (opts.trace === 'hutchinson') {
    const t = await traceWithReference(op, n, { probes: opts.probes, seed: opts.seed, exactUpTo: opts.exactTraceUpTo ?? 0, batch });
    trace = { method: 'hutchinson', value: t.value, stdError: t.stdError, probes: t.probes, history: t.history, exact: t.exact };
  }
  return {
    method: solver.name,
    matrix: matrix.name,
    top: eig.top.map((p) => p.value),
    topOrder: eig.topOrder ?? 'largest',
    bottom: eig.bottom.map((p) => p.value),
    residuals: { top: eig.top.map((p) => p.residual), bottom: eig.bottom.map((p) => p.residual) },
    converged: eig.converged,
    eigenHvps,
    trace,
    hvps: spent() - before,
  };
}
