/** Trace of an operator: exactly from unit products, or by Hutchinson's estimator (Hutchinson 1990; Avron & Toledo 2011). */
import type { MatVec } from './types';
import { type UnitProductOptions, forEachUnitProduct } from './unit-products';
import { dot } from '../linalg/vector';
import { createRng, rademacherVector } from '../random';

export interface HutchinsonOptions {
  probes: number;
  seed?: number;
  /** Stop early once stdError <= tol * |mean| (after at least two probes). */
  tol?: number;
}

export interface TraceHistoryPoint {
  probes: number;
  mean: number;
  /** Infinity after a single probe: one sample says nothing about the spread. */
  stdError: number;
}

export interface HutchinsonResult {
  trace: number;
  stdError: number;
  probes: number;
  products: number;
  history: TraceHistoryPoint[];
}

/** Mean of z^T H z over Rademacher probes z, with the running standard error of that mean (Welford's update). */
export async function hutchinsonTrace(op: MatVec, n: number, opts: HutchinsonOptions): Promise<HutchinsonResult> {
  const rng = createRng(opts.seed ?? 0);
  const history: TraceHistoryPoint[] = [];
  let mean = 0;
  let m2 = 0;
  let count = 0;
  let stdError = Number.POSITIVE_INFINITY;
  while (count < opts.probes) {
    const z = rademacherVector(n, rng);
    const sample = dot(z, await op(z));
    count++;
    const delta = sample - mean;
    mean += delta / count;
    m2 += delta * (sample - mean);
    stdError = count > 1 ? Math.sqrt(m2 / (count - 1) / count) : Number.POSITIVE_INFINITY;
    history.push({ probes: count, mean, stdError });
    if (opts.tol !== undefined && count > 1 && stdError <= opts.tol * Math.abs(mean)) break;
  }
  return { trace: mean, stdError, probes: count, products: count, history };
}

export interface ExactTraceResult {
  trace: number;
  diagonal: Float64Array;
  products: number;
}

/** Sum of e_i^T H e_i over all n unit vectors, `opts.chunk` per pass where a batched operator is given. */
export async function exactTrace(op: MatVec, n: number, opts: UnitProductOptions = {}): Promise<ExactTraceResult> {
  const diagonal = new Float64Array(n);
  await forEachUnitProduct(op, n, (i, column) => (diagonal[i] = column[i]), opts);
  let trace = 0;
  for (const d of diagonal) trace += d;
  return { trace, diagonal, products: n };
}
