import type { Objective } from '../objective';
import type { MatVec, Which } from '../eigen/types';
import { getEigenSolver } from '../eigen/registry';
import { exactTrace, hutchinsonTrace } from '../eigen/trace';

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
}

export interface TraceReport {
  method: TraceMethod;
  value: number;
  /** Standard error of the estimate; 0 for the exact trace. */
  stdError: number;
  probes: number;
}

export interface SpectrumReport {
  method: string;
  /** Descending. */
  top: number[];
  /** Ascending. */
  bottom: number[];
  residuals: { top: number[]; bottom: number[] };
  converged: boolean;
  /** Products the eigen-solver spent. */
  eigenHvps: number;
  trace: TraceReport | null;
  /** Every Hessian-vector product spent, eigen-solver and trace together. */
  hvps: number;
}

/** The Hessian at `w` as an operator that spends the objective's (counted) HVPs. */
export function hessianOperator(objective: Objective, w: Float64Array): MatVec {
  return (v) => objective.hvp(w, v);
}

/** Eigenvalues at both ends and the trace of the Hessian at `w`, with what each cost. */
export async function computeSpectrum(objective: Objective, w: Float64Array, opts: SpectrumOptions): Promise<SpectrumReport> {
  const op = hessianOperator(objective, w);
  const n = objective.dim;
  const before = objective.counts.hvps;
  const solver = getEigenSolver(opts.method);
  const k = Math.min(opts.k, n);
  const eig = await solver.solve(op, n, { k, which: opts.which, tol: opts.tol, seed: opts.seed });
  const eigenHvps = objective.counts.hvps - before;
  let trace: TraceReport | null = null;
  if (opts.trace === 'exact') {
    const t = await exactTrace(op, n);
    trace = { method: 'exact', value: t.trace, stdError: 0, probes: n };
  } else if (opts.trace === 'hutchinson') {
    const t = await hutchinsonTrace(op, n, { probes: opts.probes, seed: opts.seed });
    trace = { method: 'hutchinson', value: t.trace, stdError: t.stdError, probes: t.probes };
  }
  return {
    method: solver.name,
    top: eig.top.map((p) => p.value),
    bottom: eig.bottom.map((p) => p.value),
    residuals: { top: eig.top.map((p) => p.residual), bottom: eig.bottom.map((p) => p.residual) },
    converged: eig.converged,
    eigenHvps,
    trace,
    hvps: objective.counts.hvps - before,
  };
}
