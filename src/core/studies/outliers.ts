/**
 * Study: the Hessian of a trained C-class classifier is a bulk near zero plus a few outliers, about
 * one per class (Sagun et al. 2017; Papyan 2019, who traces the outliers to the Gauss-Newton term's
 * class means). Digits restricted to C classes, one model per C, the top eigenvalues by Lanczos of
 * the Hessian and, where the objective offers it, of the Gauss-Newton matrix G; outliers counted by
 * the scree rule of src/core/analysis/outliers.ts.
 */
import { lanczos } from '../eigen/lanczos';
import { getCurvatureMatrix } from '../curvature/registry';
import { countOutliers } from '../analysis/outliers';
import { getOptimizer } from '../optim/registry';
import { accuracy } from './accuracy';
import { studyDigits } from './digits-data';
import type { NetworkSpec } from './env';
import { settingsSchema, type SettingField } from './settings';
import { trainMiniBatches } from './training';
import { type Study, type Verdict, checkCancelled } from './types';

export interface OutliersSettings {
  [key: string]: number | number[] | string;
  classes: number[];
  top: number;
  epochs: number;
  batch: number;
  lr: number;
  hidden: number[];
  activation: string;
  seed: number;
  tol: number;
  minRatio: number;
}

export interface OutliersRun {
  classes: number;
  /** The top eigenvalues of the Hessian, descending. */
  eigenvalues_top: number[];
  outliers: number;
  outlier_ratio: number | null;
  /** The same for the Gauss-Newton matrix, or null when the objective has no G product. */
  ggn_eigenvalues_top: number[] | null;
  ggn_outliers: number | null;
  train_accuracy: number;
  test_accuracy: number;
  converged: boolean;
}

export interface OutliersResult {
  backend: string;
  runs: OutliersRun[];
}

const FIELDS: SettingField[] = [
  { key: 'classes', label: 'class counts C', kind: 'integers', default: [2, 5, 10], min: 2, max: 10, maxItems: 9, help: 'One model per C, trained on digits 0..C-1.' },
  { key: 'top', label: 'eigenvalues', kind: 'integer', default: 30, min: 6, max: 100, help: 'How many of the largest eigenvalues Lanczos finds.' },
  { key: 'epochs', label: 'epochs', kind: 'integer', default: 60, min: 1, max: 10000, help: 'Training epochs of each model.' },
  { key: 'batch', label: 'batch', kind: 'integer', default: 64, min: 1, max: 1346, help: 'Rows per Adam step.' },
  { key: 'lr', label: 'Adam learning rate', kind: 'number', default: 3e-3, min: 1e-6, max: 1, log: true, help: 'Adam (Kingma and Ba 2015).' },
  { key: 'hidden', label: 'hidden widths', kind: 'integers', default: [32], min: 1, max: 512, maxItems: 6, help: 'Hidden layers (input 64, output C).' },
  { key: 'activation', label: 'activation', kind: 'choice', default: 'tanh', choices: ['tanh', 'relu', 'gelu', 'softplus', 'sigmoid'], help: 'Hidden activation.' },
  { key: 'seed', label: 'seed', kind: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Initial weights, batch order and Lanczos start.' },
  { key: 'tol', label: 'Lanczos tolerance', kind: 'number', default: 1e-3, min: 1e-10, max: 0.1, log: true, help: 'Relative residual every wanted Ritz pair reaches.' },
  { key: 'minRatio', label: 'outlier ratio', kind: 'number', default: 1.3, min: 1, max: 100, help: "How far above the bulk's line (log eigenvalue against rank, fitted to the ranks below) an outlier stands." },
];

/** A count within this of C - 1 (softmax: each output Hessian has rank C - 1) or C counts as "about C". */
export const COUNT_SLACK = 1;

function tracksClasses(counts: { classes: number; outliers: number }[]): { within: number; rises: boolean } {
  const within = counts.filter((c) => c.outliers >= c.classes - 1 - COUNT_SLACK && c.outliers <= c.classes + COUNT_SLACK).length;
  const sorted = [...counts].sort((a, b) => a.classes - b.classes);
  const rises = sorted.every((c, i) => i === 0 || c.outliers > sorted[i - 1].outliers);
  return { within, rises };
}

export function outliersVerdict(result: OutliersResult): Verdict {
  const h = tracksClasses(result.runs.map((r) => ({ classes: r.classes, outliers: r.outliers })));
  const n = result.runs.length;
  const outcome = h.within === n && h.rises ? 'agrees' : h.rises || h.within > 0 ? 'partly' : 'disagrees';
  const list = result.runs.map((r) => `C=${r.classes}: ${r.outliers}${r.ggn_outliers !== null ? ` (G: ${r.ggn_outliers})` : ''}`).join(', ');
  return {
    outcome,
    summary: `Hessian outliers by the scree rule: ${list}. ${h.within} of ${n} counts lie within ${COUNT_SLACK} of C-1..C; the count ${h.rises ? 'rises' : 'does not rise'} with C.`,
    numbers: result.runs.flatMap((r) => [
      { label: `C=${r.classes}: Hessian outliers`, value: r.outliers, expected: `${Math.max(0, r.classes - 1 - COUNT_SLACK)}..${r.classes + COUNT_SLACK} (about C)` },
      { label: `C=${r.classes}: last outlier over the bulk line`, value: r.outlier_ratio, expected: '>= the outlier ratio setting' },
      ...(r.ggn_outliers !== null ? [{ label: `C=${r.classes}: Gauss-Newton outliers`, value: r.ggn_outliers, expected: 'about C (Papyan 2019: they come from G)' }] : []),
    ]),
  };
}

export const outliersStudy: Study<OutliersSettings, OutliersResult> = {
  name: 'outliers',
  title: 'Outliers of the spectrum and the number of classes',
  claim:
    'The Hessian of a trained classifier has two parts: a bulk of eigenvalues concentrated near zero, and a small number of large outliers set apart from it. The number of outliers follows the data, not the size of the network: it is about the number of classes C. The outliers come from the Gauss-Newton part of the Hessian (its class-mean structure), so G shows them too.',
  citations: [
    { title: 'Empirical Analysis of the Hessian of Over-Parametrized Neural Networks', authors: 'Levent Sagun, Utku Evci, V. Ugur Guney, Yann Dauphin, Leon Bottou', year: 2017 },
    { title: 'Measurements of Three-Level Hierarchical Structure in the Outliers in the Spectrum of Deepnet Hessians', authors: 'Vardan Papyan', year: 2019 },
  ],
  paperNumbers: [{ label: 'outliers against classes', value: 'about C outliers for C classes', source: 'Sagun et al. 2017, Section 3; Papyan 2019, Section 1' }],
  fields: FIELDS,
  schema: settingsSchema<OutliersSettings>(FIELDS),
  async run(s, env, control) {
    const runs: OutliersRun[] = [];
    for (const [i, C] of s.classes.entries()) {
      const { train, test } = await studyDigits(env, { classes: C });
      const spec: NetworkSpec = { layers: [64, ...s.hidden, C], activation: s.activation as NetworkSpec['activation'], loss: 'softmax_cross_entropy', weightDecay: 0 };
      const progress = (p: number, message: string): void => control?.onProgress?.({ fraction: (i + p) / s.classes.length, message: `C=${C}: ${message}` });
      const trained = await trainMiniBatches(getOptimizer('adam'), { lr: s.lr }, (rows) => env.network(spec, train, rows), train.X.length, env.initParams(spec, s.seed), { batchSize: s.batch, epochs: s.epochs, seed: s.seed }, control, (e) =>
        progress((0.6 * e) / s.epochs, `epoch ${e} of ${s.epochs}`),
      );
      const f = env.network(spec, train);
      try {
        const k = Math.min(s.top, f.dim - 1);
        checkCancelled(control);
        progress(0.6, 'Hessian eigenvalues');
        const hess = await lanczos.solve(getCurvatureMatrix('hessian').operator(f, trained.w), f.dim, { k, which: 'top', tol: s.tol, seed: s.seed });
        const top = hess.top.map((p) => p.value);
        const counted = countOutliers(top, { minRatio: s.minRatio });
        let ggnTop: number[] | null = null;
        let ggnCount: number | null = null;
        let converged = hess.converged;
        const ggn = getCurvatureMatrix('ggn');
        if (ggn.available(f)) {
          checkCancelled(control);
          progress(0.8, 'Gauss-Newton eigenvalues');
          const g = await lanczos.solve(ggn.operator(f, trained.w), f.dim, { k, which: 'top', tol: s.tol, seed: s.seed });
          ggnTop = g.top.map((p) => p.value);
          ggnCount = countOutliers(ggnTop, { minRatio: s.minRatio }).count;
          converged &&= g.converged;
        }
        runs.push({
          classes: C,
          eigenvalues_top: top,
          outliers: counted.count,
          outlier_ratio: Number.isFinite(counted.ratio) ? counted.ratio : null,
          ggn_eigenvalues_top: ggnTop,
          ggn_outliers: ggnCount,
          train_accuracy: accuracy(spec, trained.w, train),
          test_accuracy: accuracy(spec, trained.w, test),
          converged,
        });
      } finally {
        f.dispose();
      }
    }
    control?.onProgress?.({ fraction: 1, message: 'done' });
    return { backend: env.backend, runs };
  },
  verdict: (r) => outliersVerdict(r),
  tables: (r) => [
    {
      name: 'eigenvalues',
      columns: ['classes', 'rank', 'hessian', 'ggn'],
      rows: r.runs.flatMap((run) => run.eigenvalues_top.map((v, k) => [run.classes, k + 1, v, run.ggn_eigenvalues_top?.[k] ?? null])),
    },
    {
      name: 'counts',
      columns: ['classes', 'outliers', 'outlier_ratio', 'ggn_outliers', 'train_accuracy', 'test_accuracy'],
      rows: r.runs.map((run) => [run.classes, run.outliers, run.outlier_ratio, run.ggn_outliers, run.train_accuracy, run.test_accuracy]),
    },
  ],
};
