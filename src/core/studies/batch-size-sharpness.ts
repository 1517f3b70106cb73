/**
 * Study: large-batch training ends at sharper minima that generalise worse (Keskar et al. 2017).
 * The same digits MLP from the same initial weights, trained with Adam (as they did) for the same
 * epochs with small and with large batches; then lambda_max, their epsilon-sharpness, accuracies.
 */
import { epsilonSharpness } from '../analysis/epsilon-sharpness';
import { getOptimizer } from '../optim/registry';
import { accuracy } from './accuracy';
import { studyDigits } from './digits-data';
import type { NetworkSpec } from './env';
import { settingsSchema, type SettingField } from './settings';
import { lambdaMax, trainMiniBatches } from './training';
import { type Study, type Verdict, checkCancelled } from './types';

export interface BatchSizeSharpnessSettings {
  [key: string]: number | number[] | string;
  smallBatch: number;
  largeFraction: number;
  epochs: number;
  lr: number;
  hidden: number[];
  activation: string;
  eps: number;
  sharpnessSteps: number;
  seed: number;
  tol: number;
}

export interface BatchSizeRun {
  batch: number;
  steps: number;
  final_loss: number;
  lambda_max: number;
  /** Keskar et al.'s Metric 2.1 in percent, at eps. */
  sharpness: number;
  train_accuracy: number;
  test_accuracy: number;
}

export interface BatchSizeSharpnessResult {
  backend: string;
  num_params: number;
  train_rows: number;
  test_rows: number;
  runs: BatchSizeRun[];
}

const FIELDS: SettingField[] = [
  { key: 'smallBatch', label: 'small batch', kind: 'integer', default: 32, min: 1, max: 1346, help: 'Rows per step of the small-batch run.' },
  { key: 'largeFraction', label: 'large batch (share of the data)', kind: 'number', default: 0.5, min: 0.01, max: 1, help: 'The large batch as a share of the training rows (Keskar et al. used 10%; the issue asks for half).' },
  { key: 'epochs', label: 'epochs', kind: 'integer', default: 100, min: 1, max: 10000, help: 'Passes over the training rows, the same for both runs.' },
  { key: 'lr', label: 'Adam learning rate', kind: 'number', default: 1e-3, min: 1e-6, max: 1, log: true, help: 'Adam (Kingma and Ba 2015), as Keskar et al. trained with.' },
  { key: 'hidden', label: 'hidden widths', kind: 'integers', default: [64, 64], min: 1, max: 512, maxItems: 6, help: 'Hidden layers of the fully connected network (input 64, output 10).' },
  { key: 'activation', label: 'activation', kind: 'choice', default: 'relu', choices: ['relu', 'tanh', 'gelu', 'softplus', 'sigmoid'], help: 'Hidden activation (their F1 network used ReLU).' },
  { key: 'eps', label: 'sharpness box eps', kind: 'number', default: 1e-3, min: 1e-6, max: 0.1, log: true, help: 'Relative box size of the epsilon-sharpness (their Table 3 uses 1e-3 and 5e-4).' },
  { key: 'sharpnessSteps', label: 'sharpness ascent steps', kind: 'integer', default: 20, min: 1, max: 1000, help: 'Projected ascent steps of the box maximisation (they ran 10 of L-BFGS-B).' },
  { key: 'seed', label: 'seed', kind: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Initial weights (shared by both runs) and batch order.' },
  { key: 'tol', label: 'Lanczos tolerance', kind: 'number', default: 1e-4, min: 1e-10, max: 0.1, log: true, help: 'Relative residual of the top Ritz pair.' },
];

/** LB sharpness over SB sharpness at or above this counts as "sharper" (Keskar et al. report about 170). */
export const SHARPER_RATIO = 2;

export function batchSizeVerdict(result: BatchSizeSharpnessResult): Verdict {
  const [small, large] = [...result.runs].sort((a, b) => a.batch - b.batch);
  const sharpRatio = large.sharpness / small.sharpness;
  const lambdaRatio = large.lambda_max / small.lambda_max;
  const sharper = sharpRatio >= SHARPER_RATIO;
  const worse = large.test_accuracy < small.test_accuracy;
  const outcome = sharper && worse ? 'agrees' : sharper || worse ? 'partly' : 'disagrees';
  const pct = (v: number): string => (100 * v).toFixed(1) + '%';
  return {
    outcome,
    summary:
      `Batch ${large.batch} vs ${small.batch}: epsilon-sharpness ${large.sharpness.toPrecision(3)} vs ${small.sharpness.toPrecision(3)} (x${sharpRatio.toFixed(2)}), ` +
      `lambda_max ${large.lambda_max.toPrecision(3)} vs ${small.lambda_max.toPrecision(3)}, test accuracy ${pct(large.test_accuracy)} vs ${pct(small.test_accuracy)}.`,
    numbers: [
      { label: 'epsilon-sharpness, large / small batch', value: sharpRatio, expected: `>= ${SHARPER_RATIO} (Keskar et al. Table 3: 205.14 / 1.23 on F1)` },
      { label: 'lambda_max, large / small batch', value: lambdaRatio, expected: '> 1' },
      { label: 'test accuracy, large minus small batch', value: large.test_accuracy - small.test_accuracy, expected: '< 0 (large batches generalise worse)' },
      { label: 'train accuracy, large minus small batch', value: large.train_accuracy - small.train_accuracy, expected: 'about 0 (both fit the data)' },
    ],
  };
}

export const batchSizeSharpnessStudy: Study<BatchSizeSharpnessSettings, BatchSizeSharpnessResult> = {
  name: 'batch-size-sharpness',
  title: 'Large batches and sharp minima',
  claim:
    'Trained for the same number of epochs, large-batch methods converge to sharp minimisers of the training loss, with large positive eigenvalues of the Hessian and a large rise of the loss within a small box around the weights, while small-batch methods converge to flat ones; the sharp minimisers generalise worse (a lower test accuracy at a similar training accuracy).',
  citations: [{ title: 'On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima', authors: 'Nitish Shirish Keskar, Dheevatsa Mudigere, Jorge Nocedal, Mikhail Smelyanskiy, Ping Tak Peter Tang', year: 2017 }],
  paperNumbers: [
    { label: 'epsilon-sharpness (eps 1e-3), small batch', value: '1.23 +- 0.83', source: 'Table 3, network F1 (fully connected, MNIST)' },
    { label: 'epsilon-sharpness (eps 1e-3), large batch', value: '205.14 +- 69.52', source: 'Table 3, network F1 (fully connected, MNIST)' },
  ],
  fields: FIELDS,
  schema: settingsSchema<BatchSizeSharpnessSettings>(FIELDS),
  async run(s, env, control) {
    const { train, test } = await studyDigits(env, {});
    const spec: NetworkSpec = { layers: [64, ...s.hidden, 10], activation: s.activation as NetworkSpec['activation'], loss: 'softmax_cross_entropy', weightDecay: 0 };
    const w0 = env.initParams(spec, s.seed);
    const large = Math.max(1, Math.round(s.largeFraction * train.X.length));
    const batches = [s.smallBatch, large];
    const runs: BatchSizeRun[] = [];
    for (const [i, batch] of batches.entries()) {
      const trained = await trainMiniBatches(getOptimizer('adam'), { lr: s.lr }, (rows) => env.network(spec, train, rows), train.X.length, w0, { batchSize: batch, epochs: s.epochs, seed: s.seed }, control, (e) =>
        control?.onProgress?.({ fraction: (i + (0.9 * e) / s.epochs) / 2, message: `batch ${batch}: epoch ${e} of ${s.epochs}` }),
      );
      checkCancelled(control);
      const f = env.network(spec, train);
      try {
        const top = await lambdaMax(f, trained.w, { tol: s.tol, seed: s.seed });
        checkCancelled(control);
        const sharp = await epsilonSharpness(f, trained.w, { eps: s.eps, maxSteps: s.sharpnessSteps });
        runs.push({
          batch,
          steps: trained.steps,
          final_loss: sharp.loss,
          lambda_max: top.value,
          sharpness: sharp.sharpness,
          train_accuracy: accuracy(spec, trained.w, train),
          test_accuracy: accuracy(spec, trained.w, test),
        });
      } finally {
        f.dispose();
      }
    }
    control?.onProgress?.({ fraction: 1, message: 'done' });
    return { backend: env.backend, num_params: w0.length, train_rows: train.X.length, test_rows: test.X.length, runs };
  },
  verdict: (r) => batchSizeVerdict(r),
  tables: (r) => [
    {
      name: 'runs',
      columns: ['batch', 'steps', 'final_loss', 'lambda_max', 'sharpness', 'train_accuracy', 'test_accuracy'],
      rows: r.runs.map((x) => [x.batch, x.steps, x.final_loss, x.lambda_max, x.sharpness, x.train_accuracy, x.test_accuracy]),
    },
  ],
};
