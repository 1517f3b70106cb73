/**
 * Mini-batch against full-batch sharpness: lambda_max of the Hessian of the loss over random
 * batches of rows, its spread over batches, and the full-batch value it scatters around
 * (the noise that makes SGD's curvature differ from GD's; Jastrzebski et al. 2019, "On the
 * relation between the sharpest directions of DNN loss and the SGD step length").
 */
import type { Objective } from '../objective';
import { lanczos } from '../eigen/lanczos';
import { createRng } from '../random';
import { hessianOperator } from './spectrum';

/** Builds the objective of the loss over the given data rows; `dispose` is called when done, if present. */
export type BatchObjectiveFactory = (rows: number[]) => Objective & { dispose?: () => void };

export interface MiniBatchOptions {
  batchSize: number;
  batches: number;
  seed: number;
  /** Relative residual of the top Ritz pair; default 1e-4. */
  tol?: number;
  maxProducts?: number;
}

export interface MiniBatchSharpness {
  /** Every figure but `fullBatch` is over mini-batches; the UI labels them so. */
  label: 'mini-batch';
  batchSize: number;
  /** Rows in the whole data set. */
  rows: number;
  /** lambda_max of each batch, in the order drawn. */
  values: number[];
  /** The rows of each batch, so a batch can be reproduced. */
  batchRows: number[][];
  mean: number;
  /** Sample standard deviation over batches (0 for a single batch). */
  std: number;
  min: number;
  max: number;
  /** lambda_max of the full-batch loss at the same point. */
  fullBatch: number;
  converged: boolean;
  hvps: number;
}

/** `size` distinct rows out of `n`: a partial Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P). */
export function sampleRows(n: number, size: number, rng: { next(): number }): number[] {
  if (!(size >= 1) || size > n || !Number.isInteger(size)) throw new Error(`batch size must be an integer in 1..${n}, got ${size}`);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, size).sort((a, b) => a - b);
}

async function topEigenvalue(
  f: Objective,
  w: Float64Array,
  opts: MiniBatchOptions,
  seed: number,
): Promise<{ value: number; converged: boolean; products: number }> {
  const r = await lanczos.solve(hessianOperator(f, w), f.dim, { k: 1, which: 'top', tol: opts.tol ?? 1e-4, seed, maxProducts: opts.maxProducts });
  return { value: r.top[0].value, converged: r.converged, products: r.products };
}

async function withObjective<T>(factory: BatchObjectiveFactory, rows: number[], use: (f: Objective) => Promise<T>): Promise<T> {
  const f = factory(rows);
  try {
    return await use(f);
  } finally {
    f.dispose?.();
  }
}

/** lambda_max on `batches` seeded random batches of `batchSize` rows, and on all `rows` rows, at `w`. */
export async function miniBatchSharpness(
  factory: BatchObjectiveFactory,
  rows: number,
  w: Float64Array,
  opts: MiniBatchOptions,
): Promise<MiniBatchSharpness> {
  if (!(opts.batches >= 1)) throw new Error(`batches must be at least 1, got ${opts.batches}`);
  const rng = createRng(opts.seed);
  const all = Array.from({ length: rows }, (_, i) => i);
  const full = await withObjective(factory, all, (f) => topEigenvalue(f, w, opts, opts.seed));
  let hvps = full.products;
  let converged = full.converged;
  const values: number[] = [];
  const batchRows: number[][] = [];
  for (let b = 0; b < opts.batches; b++) {
    const batch = sampleRows(rows, opts.batchSize, rng);
    const r = await withObjective(factory, batch, (f) => topEigenvalue(f, w, opts, opts.seed + b + 1));
    values.push(r.value);
    batchRows.push(batch);
    hvps += r.products;
    converged &&= r.converged;
  }
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return {
    label: 'mini-batch',
    batchSize: opts.batchSize,
    rows,
    values,
    batchRows,
    mean,
    std: Math.sqrt(variance),
    min: Math.min(...values),
    max: Math.max(...values),
    fullBatch: full.value,
    converged,
    hvps,
  };
}
