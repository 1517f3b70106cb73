/**
 * Study: sharpness-aware minimisation finds flatter minima that generalise better (Foret et al.
 * 2021). The same digits MLP from the same weights and batches, trained with SGD and with SAM
 * (their Algorithm 1, the registry's `sam`); then lambda_max, the Hessian trace and test accuracy.
 */
import { hessianOperator } from '../analysis/spectrum';
import { hutchinsonTrace } from '../eigen/trace';
import { getOptimizer } from '../optim/registry';
import type { HyperParams } from '../optim/types';
import { accuracy } from './accuracy';
import { studyDigits } from './digits-data';
import type { NetworkSpec } from './env';
import { settingsSchema, type SettingField } from './settings';
import { lambdaMax, trainMiniBatches } from './training';
import { type Study, type Verdict, checkCancelled } from './types';

export interface SamFlatnessSettings {
  [key: string]: number | number[] | string;
  epochs: number;
  batch: number;
  lr: number;
  rho: number;
  hidden: number[];
  activation: string;
  probes: number;
  seed: number;
  tol: number;
}

export interface SamRun {
  optimizer: 'sgd' | 'sam';
  steps: number;
  final_loss: number;
  lambda_max: number;
  trace: number;
  trace_std_error: number;
  train_accuracy: number;
  test_accuracy: number;
}

export interface SamFlatnessResult {
  backend: string;
  num_params: number;
  runs: SamRun[];
}

const FIELDS: SettingField[] = [
  { key: 'epochs', label: 'epochs', kind: 'integer', default: 40, min: 1, max: 10000, help: 'Passes over the training rows, the same for both.' },
  { key: 'batch', label: 'batch', kind: 'integer', default: 32, min: 1, max: 1346, help: 'Rows per step; SAM\'s ascent uses the same batch as its descent.' },
  { key: 'lr', label: 'learning rate', kind: 'number', default: 0.1, min: 1e-6, max: 10, log: true, help: 'Step size of both SGD and SAM.' },
  { key: 'rho', label: 'SAM rho', kind: 'number', default: 0.05, min: 0, max: 10, help: 'Radius of SAM\'s weight perturbation (Foret et al.\'s default 0.05).' },
  { key: 'hidden', label: 'hidden widths', kind: 'integers', default: [64, 64], min: 1, max: 512, maxItems: 6, help: 'Hidden layers (input 64, output 10).' },
  { key: 'activation', label: 'activation', kind: 'choice', default: 'relu', choices: ['relu', 'tanh', 'gelu', 'softplus', 'sigmoid'], help: 'Hidden activation.' },
  { key: 'probes', label: 'trace probes', kind: 'integer', default: 30, min: 1, max: 1000, help: 'Hutchinson probes for the trace (Rademacher).' },
  { key: 'seed', label: 'seed', kind: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Initial weights, batch order, Lanczos start and probes.' },
  { key: 'tol', label: 'Lanczos tolerance', kind: 'number', default: 1e-4, min: 1e-10, max: 0.1, log: true, help: 'Relative residual of the top Ritz pair.' },
];

export function samVerdict(result: SamFlatnessResult): Verdict {
  const sgd = result.runs.find((r) => r.optimizer === 'sgd')!;
  const sam = result.runs.find((r) => r.optimizer === 'sam')!;
  const flatter = sam.lambda_max < sgd.lambda_max;
  // a trace lower by more than two standard errors of the difference
  const traceSe = Math.hypot(sam.trace_std_error, sgd.trace_std_error);
  const lowerTrace = sgd.trace - sam.trace > 2 * traceSe;
  const better = sam.test_accuracy >= sgd.test_accuracy;
  const outcome = flatter && lowerTrace && better ? 'agrees' : flatter || better ? 'partly' : 'disagrees';
  const pct = (v: number): string => (100 * v).toFixed(1) + '%';
  return {
    outcome,
    summary: `SAM vs SGD: lambda_max ${sam.lambda_max.toPrecision(3)} vs ${sgd.lambda_max.toPrecision(3)}, trace ${sam.trace.toPrecision(3)} vs ${sgd.trace.toPrecision(3)} (+-${traceSe.toPrecision(2)}), test accuracy ${pct(sam.test_accuracy)} vs ${pct(sgd.test_accuracy)}.`,
    numbers: [
      { label: 'lambda_max, SAM / SGD', value: sam.lambda_max / sgd.lambda_max, expected: '< 1 (flatter)' },
      { label: 'trace, SGD minus SAM, in standard errors', value: (sgd.trace - sam.trace) / traceSe, expected: '> 2 (lower trace)' },
      { label: 'test accuracy, SAM minus SGD', value: sam.test_accuracy - sgd.test_accuracy, expected: '>= 0 (generalises as well or better)' },
    ],
  };
}

export const samFlatnessStudy: Study<SamFlatnessSettings, SamFlatnessResult> = {
  name: 'sam-flatness',
  title: 'SAM and flat minima',
  claim:
    'Sharpness-aware minimisation, which descends along the gradient taken at the worst point within a radius rho of the weights, converges to minima with lower curvature than plain SGD (a smaller largest Hessian eigenvalue and a smaller bulk of the spectrum), and these flatter minima generalise better.',
  citations: [{ title: 'Sharpness-Aware Minimization for Efficiently Improving Generalization', authors: 'Pierre Foret, Ariel Kleiner, Hossein Mobahi, Behnam Neyshabur', year: 2021 }],
  paperNumbers: [{ label: 'Hessian spectrum at convergence', value: 'SAM: smaller lambda_max and bulk than SGD', source: 'Section 4.2, Figure 3' }],
  fields: FIELDS,
  schema: settingsSchema<SamFlatnessSettings>(FIELDS),
  async run(s, env, control) {
    const { train, test } = await studyDigits(env, {});
    const spec: NetworkSpec = { layers: [64, ...s.hidden, 10], activation: s.activation as NetworkSpec['activation'], loss: 'softmax_cross_entropy', weightDecay: 0 };
    const w0 = env.initParams(spec, s.seed);
    const runs: SamRun[] = [];
    const plan: { optimizer: 'sgd' | 'sam'; hp: HyperParams }[] = [
      { optimizer: 'sgd', hp: { lr: s.lr } },
      { optimizer: 'sam', hp: { lr: s.lr, rho: s.rho } },
    ];
    for (const [i, p] of plan.entries()) {
      const trained = await trainMiniBatches(getOptimizer(p.optimizer), p.hp, (rows) => env.network(spec, train, rows), train.X.length, w0, { batchSize: s.batch, epochs: s.epochs, seed: s.seed }, control, (e) =>
        control?.onProgress?.({ fraction: (i + (0.85 * e) / s.epochs) / 2, message: `${p.optimizer}: epoch ${e} of ${s.epochs}` }),
      );
      checkCancelled(control);
      const f = env.network(spec, train);
      try {
        const top = await lambdaMax(f, trained.w, { tol: s.tol, seed: s.seed });
        checkCancelled(control);
        const tr = await hutchinsonTrace(hessianOperator(f, trained.w), f.dim, { probes: s.probes, seed: s.seed });
        runs.push({
          optimizer: p.optimizer,
          steps: trained.steps,
          final_loss: await f.value(trained.w),
          lambda_max: top.value,
          trace: tr.trace,
          trace_std_error: tr.stdError,
          train_accuracy: accuracy(spec, trained.w, train),
          test_accuracy: accuracy(spec, trained.w, test),
        });
      } finally {
        f.dispose();
      }
    }
    control?.onProgress?.({ fraction: 1, message: 'done' });
    return { backend: env.backend, num_params: w0.length, runs };
  },
  verdict: (r) => samVerdict(r),
  tables: (r) => [
    {
      name: 'runs',
      columns: ['optimizer', 'steps', 'final_loss', 'lambda_max', 'trace', 'trace_std_error', 'train_accuracy', 'test_accuracy'],
      rows: r.runs.map((x) => [x.optimizer, x.steps, x.final_loss, x.lambda_max, x.trace, x.trace_std_error, x.train_accuracy, x.test_accuracy]),
    },
  ],
};
