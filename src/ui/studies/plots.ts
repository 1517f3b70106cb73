/** What each study's page draws from its measured series. */
import type { BatchSizeSharpnessResult } from '../../core/studies/batch-size-sharpness';
import type { EdgeOfStabilityResult } from '../../core/studies/edge-of-stability';
import type { HessianBatchNoiseResult } from '../../core/studies/hessian-batch-noise';
import type { OutliersResult } from '../../core/studies/outliers';
import type { SamFlatnessResult } from '../../core/studies/sam-flatness';
import type { SkipConnectionsResult } from '../../core/studies/skip-connections';
import type { PlotSpec } from './SeriesPlot';

/** Okabe-Ito: distinguishable in the common colour-vision deficiencies. */
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

type Plotter = (result: Record<string, unknown>) => PlotSpec[];

const edge: Plotter = (r) => {
  const { runs } = r as unknown as EdgeOfStabilityResult;
  return [
    {
      title: 'lambda_max against step, each with its 2/eta line (dashed)',
      xLabel: 'step',
      yLabel: 'lambda_max',
      series: runs.flatMap((run, i) => [
        { label: `eta ${run.lr}`, color: COLORS[i % COLORS.length], points: run.steps.map((s, k): [number, number] => [s, run.lambda_max[k]]) },
        { label: `_2/eta ${run.lr}`, color: COLORS[i % COLORS.length], dashed: true, points: [[run.steps[0], run.two_over_lr], [run.steps[run.steps.length - 1], run.two_over_lr]] as [number, number][] },
      ]),
    },
    {
      title: 'training loss at the measured steps',
      xLabel: 'step',
      yLabel: 'loss',
      logY: true,
      series: runs.map((run, i) => ({ label: `eta ${run.lr}`, color: COLORS[i % COLORS.length], points: run.steps.map((s, k): [number, number] => [s, run.loss[k]]) })),
    },
  ];
};

const outliers: Plotter = (r) => {
  const { runs } = r as unknown as OutliersResult;
  return [
    {
      title: 'top Hessian eigenvalues by rank (G dashed)',
      xLabel: 'rank',
      yLabel: 'eigenvalue',
      logY: true,
      series: runs.flatMap((run, i) => [
        { label: `C = ${run.classes} (${run.outliers} outliers)`, color: COLORS[i % COLORS.length], points: run.eigenvalues_top.map((v, k): [number, number] => [k + 1, v]) },
        ...(run.ggn_eigenvalues_top ? [{ label: `_G C=${run.classes}`, color: COLORS[i % COLORS.length], dashed: true, points: run.ggn_eigenvalues_top.map((v, k): [number, number] => [k + 1, v]) }] : []),
      ]),
    },
  ];
};

const batchSize: Plotter = (r) => {
  const { runs } = r as unknown as BatchSizeSharpnessResult;
  return [
    { title: 'epsilon-sharpness against batch size', xLabel: 'batch', yLabel: 'sharpness (%)', logX: true, series: [{ label: 'sharpness', color: COLORS[0], points: runs.map((x): [number, number] => [x.batch, x.sharpness]) }] },
    {
      title: 'accuracy against batch size',
      xLabel: 'batch',
      yLabel: 'accuracy',
      logX: true,
      series: [
        { label: 'train', color: COLORS[1], points: runs.map((x): [number, number] => [x.batch, x.train_accuracy]) },
        { label: 'test', color: COLORS[2], points: runs.map((x): [number, number] => [x.batch, x.test_accuracy]) },
      ],
    },
  ];
};

const sam: Plotter = (r) => {
  const { runs } = r as unknown as SamFlatnessResult;
  return [
    {
      title: 'lambda_max and trace / 100 (SGD at 1, SAM at 2)',
      xLabel: 'optimizer (1 = SGD, 2 = SAM)',
      yLabel: 'value',
      series: [
        { label: 'lambda_max', color: COLORS[0], points: runs.map((x, i): [number, number] => [i + 1, x.lambda_max]) },
        { label: 'trace / 100', color: COLORS[1], points: runs.map((x, i): [number, number] => [i + 1, x.trace / 100]) },
      ],
    },
  ];
};

const noise: Plotter = (r) => {
  const res = r as unknown as HessianBatchNoiseResult;
  const sizes = res.runs.map((x) => x.batch);
  return [
    {
      title: 'lambda_max on each random batch, full batch dashed',
      xLabel: 'batch size',
      yLabel: 'lambda_max',
      logX: true,
      series: [
        { label: 'one batch', color: COLORS[0], scatter: true, points: res.runs.flatMap((x) => x.values.map((v): [number, number] => [x.batch, v])) },
        { label: 'mean', color: COLORS[1], points: res.runs.map((x): [number, number] => [x.batch, x.mean]) },
        { label: 'full batch', color: COLORS[2], dashed: true, points: [[Math.min(...sizes), res.full_batch], [Math.max(...sizes), res.full_batch]] },
      ],
    },
    { title: 'spread (standard deviation) against batch size', xLabel: 'batch size', yLabel: 'std of lambda_max', logX: true, logY: true, series: [{ label: 'std', color: COLORS[3], points: res.runs.map((x): [number, number] => [x.batch, x.std]) }] },
  ];
};

const skips: Plotter = (r) => {
  const { runs } = r as unknown as SkipConnectionsResult;
  const name = (x: { depth: number; skips: boolean }): string => `depth ${x.depth} ${x.skips ? 'with' : 'without'} skips`;
  return [
    {
      title: 'loss along the plane\'s first direction (beta = 0)',
      xLabel: 'alpha',
      yLabel: 'loss',
      logY: true,
      series: runs.map((x, i) => ({ label: name(x), color: COLORS[i % COLORS.length], dashed: x.skips, points: x.alphas.map((a, k): [number, number] => [a, x.loss[x.loss.length >> 1][k]]) })),
    },
    {
      title: 'mean |lambda_min / lambda_max| over the plane against depth',
      xLabel: 'hidden blocks',
      yLabel: 'mean ratio',
      series: [false, true].map((sk, i) => ({ label: sk ? 'with skips' : 'without skips', color: COLORS[i], points: runs.filter((x) => x.skips === sk).map((x): [number, number] => [x.depth, x.mean_ratio]) })),
    },
  ];
};

export const STUDY_PLOTS: Record<string, Plotter> = {
  'skip-connections': skips,
  'edge-of-stability': edge,
  outliers,
  'batch-size-sharpness': batchSize,
  'sam-flatness': sam,
  'hessian-batch-noise': noise,
};
