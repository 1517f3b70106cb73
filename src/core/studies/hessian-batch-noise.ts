/**
 * Study: lambda_max measured on a mini-batch is a noisy estimate of the full-batch value, and the
 * noise shrinks as the batch grows (the variance PyHessian users report; Yao et al. 2020 compute on
 * mini-batches). One trained digits MLP; at its final weights, lambda_max on seeded random batches
 * of each size by src/core/analysis/minibatch.ts, beside the full-batch value.
 */
import { miniBatchSharpness } from '../analysis/minibatch';
import { getOptimizer } from '../optim/registry';
import { studyDigits } from './digits-data';
import type { NetworkSpec } from './env';
import { settingsSchema, type SettingField } from './settings';
import { trainMiniBatches } from './training';
import { type Study, type Verdict, checkCancelled } from './types';

export interface HessianBatchNoiseSettings {
  [key: string]: number | number[] | string;
  batchSizes: number[];
  batches: number;
  epochs: number;
  lr: number;
  hidden: number[];
  activation: string;
  seed: number;
  tol: number;
}

export interface BatchNoiseRun {
  batch: number;
  /** lambda_max of each random batch. */
  values: number[];
  mean: number;
  std: number;
  /** Sample standard deviation over the mean: the spread as a share. */
  relative_std: number;
  full_batch: number;
}

export interface HessianBatchNoiseResult {
  backend: string;
  num_params: number;
  train_rows: number;
  full_batch: number;
  runs: BatchNoiseRun[];
}

const FIELDS: SettingField[] = [
  { key: 'batchSizes', label: 'batch sizes', kind: 'integers', default: [16, 32, 64, 128, 256, 512], min: 2, max: 1346, maxItems: 10, help: 'Mini-batch sizes at which lambda_max is estimated.' },
  { key: 'batches', label: 'batches per size', kind: 'integer', default: 10, min: 2, max: 200, help: 'Random batches drawn at each size.' },
  { key: 'epochs', label: 'training epochs', kind: 'integer', default: 20, min: 0, max: 10000, help: 'Adam epochs (batch 32) before the measurement.' },
  { key: 'lr', label: 'Adam learning rate', kind: 'number', default: 3e-3, min: 1e-6, max: 1, log: true, help: 'Adam (Kingma and Ba 2015).' },
  { key: 'hidden', label: 'hidden widths', kind: 'integers', default: [64, 64], min: 1, max: 512, maxItems: 6, help: 'Hidden layers (input 64, output 10).' },
  { key: 'activation', label: 'activation', kind: 'choice', default: 'tanh', choices: ['tanh', 'relu', 'gelu', 'softplus', 'sigmoid'], help: 'Hidden activation.' },
  { key: 'seed', label: 'seed', kind: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Initial weights, batches and Lanczos starts.' },
  { key: 'tol', label: 'Lanczos tolerance', kind: 'number', default: 1e-4, min: 1e-10, max: 0.1, log: true, help: 'Relative residual of the top Ritz pair.' },
];

/** Spearman's rank correlation (average ranks for ties). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const rank = (v: readonly number[]): number[] => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
      for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mean = (rx.length - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** A rank correlation of spread against batch size at or below this counts as "shrinks". */
export const SHRINKS_BELOW = -0.8;

export function batchNoiseVerdict(result: HessianBatchNoiseResult): Verdict {
  const runs = [...result.runs].sort((a, b) => a.batch - b.batch);
  const rho = spearman(
    runs.map((r) => r.batch),
    runs.map((r) => r.std),
  );
  const bias = (r: BatchNoiseRun): number => Math.abs(r.mean - result.full_batch) / Math.abs(result.full_batch);
  const smallest = runs[0];
  const largest = runs[runs.length - 1];
  const shrinks = rho <= SHRINKS_BELOW;
  const approaches = bias(largest) < bias(smallest);
  const outcome = shrinks && approaches ? 'agrees' : shrinks || approaches ? 'partly' : 'disagrees';
  return {
    outcome,
    summary: `lambda_max spread ${smallest.std.toPrecision(3)} at batch ${smallest.batch} down to ${largest.std.toPrecision(3)} at batch ${largest.batch} (rank correlation ${rho.toFixed(2)}); mean off the full-batch ${result.full_batch.toPrecision(4)} by ${(100 * bias(smallest)).toFixed(1)}% -> ${(100 * bias(largest)).toFixed(1)}%.`,
    numbers: [
      { label: 'Spearman correlation of spread with batch size', value: rho, expected: `<= ${SHRINKS_BELOW} (shrinks)` },
      { label: `relative spread at batch ${smallest.batch}`, value: smallest.relative_std, expected: 'larger than at the largest batch' },
      { label: `relative spread at batch ${largest.batch}`, value: largest.relative_std, expected: 'small' },
      { label: `|mean - full| / full at batch ${smallest.batch}`, value: bias(smallest), expected: 'larger than at the largest batch' },
      { label: `|mean - full| / full at batch ${largest.batch}`, value: bias(largest), expected: 'smaller (approaches the full batch)' },
    ],
  };
}

export const hessianBatchNoiseStudy: Study<HessianBatchNoiseSettings, HessianBatchNoiseResult> = {
  name: 'hessian-batch-noise',
  title: 'Mini-batch noise in lambda_max',
  claim:
    'The largest Hessian eigenvalue estimated on a mini-batch, as Hessian tools commonly do to save time, scatters around the full-batch value: the spread across batches is large for small batches and shrinks as the batch grows, and the mean approaches the full-batch value (small batches overestimate it: the top eigenvalue of a noisy matrix is biased upwards).',
  citations: [
    { title: 'PyHessian: Neural Networks Through the Lens of the Hessian', authors: 'Zhewei Yao, Amir Gholami, Kurt Keutzer, Michael W. Mahoney', year: 2020 },
    { title: 'On the Relation Between the Sharpest Directions of DNN Loss and the SGD Step Length', authors: 'Stanislaw Jastrzebski, Zachary Kenton, Nicolas Ballas, Asja Fischer, Yoshua Bengio, Amos Storkey', year: 2019 },
  ],
  paperNumbers: [],
  fields: FIELDS,
  schema: settingsSchema<HessianBatchNoiseSettings>(FIELDS),
  async run(s, env, control) {
    const { train } = await studyDigits(env, {});
    const spec: NetworkSpec = { layers: [64, ...s.hidden, 10], activation: s.activation as NetworkSpec['activation'], loss: 'softmax_cross_entropy', weightDecay: 0 };
    const w0 = env.initParams(spec, s.seed);
    const trained = await trainMiniBatches(getOptimizer('adam'), { lr: s.lr }, (rows) => env.network(spec, train, rows), train.X.length, w0, { batchSize: 32, epochs: s.epochs, seed: s.seed }, control, (e) =>
      control?.onProgress?.({ fraction: (0.3 * e) / Math.max(1, s.epochs), message: `training: epoch ${e} of ${s.epochs}` }),
    );
    const n = train.X.length;
    const runs: BatchNoiseRun[] = [];
    let fullBatch = NaN;
    for (const [i, batch] of s.batchSizes.entries()) {
      checkCancelled(control);
      control?.onProgress?.({ fraction: 0.3 + (0.7 * i) / s.batchSizes.length, message: `batch ${batch}: ${s.batches} batches` });
      const m = await miniBatchSharpness((rows) => env.network(spec, train, rows), n, trained.w, {
        batchSize: Math.min(batch, n),
        batches: s.batches,
        seed: s.seed + 1000 * i,
        tol: s.tol,
      });
      fullBatch = m.fullBatch;
      runs.push({ batch: m.batchSize, values: m.values, mean: m.mean, std: m.std, relative_std: m.std / Math.abs(m.mean), full_batch: m.fullBatch });
    }
    control?.onProgress?.({ fraction: 1, message: 'done' });
    return { backend: env.backend, num_params: w0.length, train_rows: n, full_batch: fullBatch, runs };
  },
  verdict: (r) => batchNoiseVerdict(r),
  tables: (r) => [
    {
      name: 'spread',
      columns: ['batch', 'mean', 'std', 'relative_std', 'full_batch', 'min', 'max'],
      rows: r.runs.map((x) => [x.batch, x.mean, x.std, x.relative_std, x.full_batch, Math.min(...x.values), Math.max(...x.values)]),
    },
    {
      name: 'samples',
      columns: ['batch', 'draw', 'lambda_max'],
      rows: r.runs.flatMap((x) => x.values.map((v, k) => [x.batch, k + 1, v])),
    },
  ],
};
