/**
 * Training loops the studies share: mini-batch epochs for any registered optimizer (each step's
 * gradients all on one batch), and lambda_max by Lanczos, warm started from the last Ritz vector.
 */
import { lanczos } from '../eigen/lanczos';
import { hessianOperator } from '../analysis/spectrum';
import { resolveParams } from '../optim/hyper-params';
import { evaluateAt } from '../optim/evaluate';
import type { HyperParams, Optimizer, StepResult } from '../optim/types';
import type { Objective } from '../objective';
import { createRng } from '../random';
import type { DisposableObjective, LabelledData, NetworkSpec, StudyEnv } from './env';
import { checkCancelled, type StudyControl } from './types';

export interface MiniBatchTraining {
  batchSize: number;
  epochs: number;
  /** Seed of the per-epoch shuffles. */
  seed: number;
}

export interface MiniBatchResult {
  w: Float64Array;
  steps: number;
  /** Mean batch loss of each epoch. */
  epochLoss: number[];
}

/** Rows 0..n-1 shuffled (Fisher-Yates) and cut into batches of `size`; the last one may be smaller. */
export function epochBatches(n: number, size: number, rng: { next(): number }): number[][] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const out: number[][] = [];
  for (let s = 0; s < n; s += size) out.push(idx.slice(s, s + size));
  return out;
}

/**
 * Mini-batch training with a registered optimizer over rows 0..n-1. Each step builds the batch's loss, evaluates the
 * gradient at the current point on it, and lets the optimizer step (an optimizer that evaluates
 * again, such as SAM's ascent point, does so on the same batch). `onEpoch` is told each epoch's end.
 */
export async function trainMiniBatches(
  optimizer: Optimizer,
  hp: HyperParams,
  batchObjective: (rows: number[]) => DisposableObjective,
  n: number,
  w0: Float64Array,
  opts: MiniBatchTraining,
  control?: StudyControl,
  onEpoch?: (epoch: number, w: Float64Array) => void,
): Promise<MiniBatchResult> {
  const resolved = resolveParams(optimizer.name, optimizer.params, hp, optimizer.constraints, 'network');
  const rng = createRng(opts.seed);
  const size = Math.min(opts.batchSize, n);
  let state: StepResult<unknown> | null = null;
  let w = new Float64Array(w0);
  let steps = 0;
  const epochLoss: number[] = [];
  for (let e = 0; e < opts.epochs; e++) {
    let sum = 0;
    let count = 0;
    for (const rows of epochBatches(n, size, rng)) {
      checkCancelled(control);
      const f = batchObjective(rows);
      try {
        const here: StepResult<unknown> = state ? await evaluateAt(f, w, state.state) : await optimizer.init(w, f, resolved);
        sum += here.loss * rows.length;
        count += rows.length;
        state = await optimizer.step(here, f, resolved);
        w = new Float64Array(state.x);
        steps++;
      } finally {
        f.dispose();
      }
    }
    epochLoss.push(sum / count);
    onEpoch?.(e + 1, w);
  }
  return { w, steps, epochLoss };
}

export interface TopEigen {
  value: number;
  vector: Float64Array;
  products: number;
  converged: boolean;
}

/** lambda_max of `f` at `w` by Lanczos, from `start` when given. */
export async function lambdaMax(f: Objective, w: Float64Array, opts: { tol: number; seed: number; start?: Float64Array; maxProducts?: number }): Promise<TopEigen> {
  const r = await lanczos.solve(hessianOperator(f, w), f.dim, { k: 1, which: 'top', tol: opts.tol, seed: opts.seed, start: opts.start, maxProducts: opts.maxProducts });
  return { value: r.top[0].value, vector: r.top[0].vector, products: r.products, converged: r.converged };
}

/** Mean loss over all rows of `data` at `w`. */
export async function fullLoss(env: StudyEnv, spec: NetworkSpec, data: LabelledData, w: Float64Array): Promise<number> {
  const f = env.network(spec, data);
  try {
    return await f.value(w);
  } finally {
    f.dispose();
  }
}

/** Digits inputs centred by the training set's mean pixel (Cohen et al. centre their data too). */
export function centreInputs(train: LabelledData, others: LabelledData[]): { train: LabelledData; others: LabelledData[] } {
  const d = train.X[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  for (const row of train.X) for (let i = 0; i < d; i++) mean[i] += row[i] / train.X.length;
  const centre = (s: LabelledData): LabelledData => ({ X: s.X.map((r) => r.map((v, i) => v - mean[i])), y: s.y });
  return { train: centre(train), others: others.map(centre) };
}
