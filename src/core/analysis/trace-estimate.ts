/**
 * A trace that says how sure it is: Hutchinson's estimate (Hutchinson 1990; Avron & Toledo 2011)
 * with its running standard error and probe count, and the exact value beside it for small n.
 */
import type { BatchMatVec, MatVec } from '../eigen/types';
import { type TraceHistoryPoint, exactTrace, hutchinsonTrace } from '../eigen/trace';

export interface TraceEstimateOptions {
  probes: number;
  seed: number;
  /** Also compute the exact trace (n unit products) when n is at most this; 0 never does. */
  exactUpTo?: number;
  /** Runs the exact trace's unit products DEFAULT_UNIT_CHUNK at a time. */
  batch?: BatchMatVec;
}

export interface TraceEstimate {
  /** 'exact' when n <= exactUpTo: then `value` is exact and no probes are spent. */
  method: 'hutchinson' | 'exact';
  value: number;
  /** 0 for the exact trace; Infinity after a single probe. */
  stdError: number;
  probes: number;
  /** The running mean and standard error after each probe (empty for the exact trace). */
  history: TraceHistoryPoint[];
  /** The exact trace where it was affordable, else null. */
  exact: number | null;
  products: number;
}

/** Exact for n <= exactUpTo (the estimate would cost as much and say less), else Hutchinson. */
export async function estimateTrace(op: MatVec, n: number, opts: TraceEstimateOptions): Promise<TraceEstimate> {
  if (n <= (opts.exactUpTo ?? 0)) {
    const t = await exactTrace(op, n, { batch: opts.batch });
    return { method: 'exact', value: t.trace, stdError: 0, probes: 0, history: [], exact: t.trace, products: t.products };
  }
  const h = await hutchinsonTrace(op, n, { probes: opts.probes, seed: opts.seed });
  return { method: 'hutchinson', value: h.trace, stdError: h.stdError, probes: h.probes, history: h.history, exact: null, products: h.products };
}

/** Hutchinson's estimate and, for n <= exactUpTo, the exact trace beside it (both paid for). */
export async function traceWithReference(op: MatVec, n: number, opts: TraceEstimateOptions): Promise<TraceEstimate> {
  const h = await hutchinsonTrace(op, n, { probes: opts.probes, seed: opts.seed });
  const exact = n <= (opts.exactUpTo ?? 0) ? await exactTrace(op, n, { batch: opts.batch }) : null;
  return {
    method: 'hutchinson',
    value: h.trace,
    stdError: h.stdError,
    probes: h.probes,
    history: h.history,
    exact: exact ? exact.trace : null,
    products: h.products + (exact ? exact.products : 0),
  };
}
