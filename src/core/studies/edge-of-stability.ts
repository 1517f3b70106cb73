/**
 * Study: full-batch gradient descent trains at the edge of stability (Cohen et al. 2021).
 * Measured with the curvature tracker (warm-started Lanczos every `every` steps) on a digits MLP
 * with tanh and squared error on one-hot targets, as in their fc-tanh runs.
 */
import { trainWithCurvature } from '../analysis/curvature-tracker';
import { getOptimizer } from '../optim/registry';
import { studyDigits } from './digits-data';
import type { NetworkSpec } from './env';
import { settingsSchema, type SettingField } from './settings';
import { type Study, StudyCancelled, type Verdict, type VerdictNumber, checkCancelled } from './types';

export interface EdgeOfStabilitySettings {
  [key: string]: number | number[] | string;
  lrs: number[];
  steps: number;
  every: number;
  hidden: number[];
  trainRows: number;
  seed: number;
  tol: number;
}

export interface EdgeOfStabilityRun {
  lr: number;
  two_over_lr: number;
  /** The measured steps; lambda_max and loss are at these steps (arrays of equal length). */
  steps: number[];
  lambda_max: number[];
  loss: number[];
  /** Steps (of all, not only measured) at which the full-batch loss rose. */
  loss_increases: number;
  hvps: number;
}

export interface EdgeOfStabilityResult {
  backend: string;
  num_params: number;
  runs: EdgeOfStabilityRun[];
}

const FIELDS: SettingField[] = [
  { key: 'lrs', label: 'step sizes', kind: 'numbers', default: [1.0, 1.2, 1.4], min: 1e-4, max: 100, maxItems: 6, help: 'One gradient-descent run per step size eta; each is drawn against its 2/eta line.' },
  { key: 'steps', label: 'steps', kind: 'integer', default: 1000, min: 1, max: 100000, help: 'Full-batch gradient steps per run.' },
  { key: 'every', label: 'measure every', kind: 'integer', default: 10, min: 1, max: 10000, help: 'Steps between lambda_max measurements (warm-started Lanczos).' },
  { key: 'hidden', label: 'hidden widths', kind: 'integers', default: [64, 64], min: 1, max: 512, maxItems: 6, help: 'Widths of the tanh hidden layers (input 64, output 10).' },
  { key: 'trainRows', label: 'training rows', kind: 'integer', default: 1000, min: 10, max: 1346, help: 'Rows of the fixed digits training split, inputs centred.' },
  { key: 'seed', label: 'seed', kind: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Initial weights (Glorot uniform) and Lanczos start.' },
  { key: 'tol', label: 'Lanczos tolerance', kind: 'number', default: 1e-3, min: 1e-10, max: 0.1, log: true, help: 'Relative residual both Ritz pairs reach at each measurement (1e-4 costs about three times the products).' },
];

/** How close to 2/eta counts as having reached the edge (Cohen et al.'s plots reach it from below). */
export const EDGE_REACHED = 0.9;
/** Band of lambda_max * eta / 2 after reaching the edge that counts as hovering at it. */
export const HOVER_BAND = [0.85, 1.3] as const;
/** Measurements after reaching the edge needed to judge hovering. */
export const HOVER_MIN_POINTS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

export interface EdgeJudgement {
  lr: number;
  reachedAtStep: number | null;
  hoverRatio: number | null;
  lossAtEdge: number | null;
  finalLoss: number;
  lossIncreases: number;
  /** lambda_max at the first measurement over 2/eta. */
  startRatio: number;
  reached: boolean;
  /** Reached from below: the first measurement was under the edge (progressive sharpening). */
  sharpened: boolean;
  hovers: boolean;
  lossFalls: boolean;
}

/** One run against the claim: sharpens from below to 2/eta, hovers in the band after, loss falls overall but not monotonically. */
export function judgeEdgeRun(run: EdgeOfStabilityRun): EdgeJudgement {
  const edge = run.two_over_lr;
  const at = run.lambda_max.findIndex((l) => l >= EDGE_REACHED * edge);
  const finalLoss = run.loss[run.loss.length - 1];
  const startRatio = run.lambda_max[0] / edge;
  if (at < 0) {
    return { lr: run.lr, reachedAtStep: null, hoverRatio: null, lossAtEdge: null, finalLoss, lossIncreases: run.loss_increases, startRatio, reached: false, sharpened: false, hovers: false, lossFalls: false };
  }
  const after = run.lambda_max.slice(at).filter(Number.isFinite);
  const hoverRatio = after.length >= HOVER_MIN_POINTS ? median(after) / edge : null;
  const lossAtEdge = run.loss[at];
  return {
    lr: run.lr,
    reachedAtStep: run.steps[at],
    hoverRatio,
    lossAtEdge,
    finalLoss,
    lossIncreases: run.loss_increases,
    startRatio,
    reached: true,
    sharpened: at > 0,
    hovers: hoverRatio !== null && hoverRatio >= HOVER_BAND[0] && hoverRatio <= HOVER_BAND[1],
    lossFalls: finalLoss < lossAtEdge && run.loss_increases > 0,
  };
}

export function edgeOfStabilityVerdict(result: EdgeOfStabilityResult): Verdict {
  const judged = result.runs.map(judgeEdgeRun);
  const numbers: VerdictNumber[] = judged.flatMap((j) => [
    { label: `eta ${j.lr}: lambda_max / (2/eta) at step 0`, value: j.startRatio, expected: `< ${EDGE_REACHED} (starts below the edge)` },
    { label: `eta ${j.lr}: first step with lambda_max >= ${EDGE_REACHED} x 2/eta`, value: j.reachedAtStep, expected: 'reached (progressive sharpening)' },
    { label: `eta ${j.lr}: median lambda_max / (2/eta) after that`, value: j.hoverRatio, expected: `in [${HOVER_BAND[0]}, ${HOVER_BAND[1]}]` },
    { label: `eta ${j.lr}: loss at the edge -> final loss`, value: j.finalLoss, expected: `below ${j.lossAtEdge === null ? 'the loss at the edge' : j.lossAtEdge.toPrecision(4)}` },
    { label: `eta ${j.lr}: steps where the loss rose`, value: j.lossIncreases, expected: '> 0 (non-monotone)' },
  ]);
  const full = judged.filter((j) => j.sharpened && j.hovers && j.lossFalls).length;
  const reached = judged.filter((j) => j.reached).length;
  const outcome = full === judged.length ? 'agrees' : reached === 0 ? 'disagrees' : 'partly';
  const summary =
    outcome === 'agrees'
      ? `Every run sharpened to 2/eta and hovered there (median ratio ${judged.map((j) => j.hoverRatio?.toFixed(2)).join(', ')}) while the loss kept falling non-monotonically.`
      : outcome === 'disagrees'
        ? `No run's lambda_max reached ${EDGE_REACHED} x 2/eta within the steps run.`
        : `${full} of ${judged.length} runs showed the whole pattern; ${reached} reached the edge (${judged.filter((j) => j.reached && !j.sharpened).length} of them started there).`;
  return { outcome, summary, numbers };
}

export const edgeOfStabilityStudy: Study<EdgeOfStabilitySettings, EdgeOfStabilityResult> = {
  name: 'edge-of-stability',
  title: 'Edge of stability',
  claim:
    'Full-batch gradient descent with step size eta first sharpens: the largest Hessian eigenvalue lambda_max rises during training (progressive sharpening) until it reaches about 2/eta, the largest curvature at which a step of eta is stable on a quadratic. It then hovers at or just above 2/eta instead of diverging, while the training loss keeps falling over long times, though no longer monotonically.',
  citations: [{ title: 'Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability', authors: 'Jeremy M. Cohen, Simran Kaur, Yuanzhi Li, J. Zico Kolter, Ameet Talwalkar', year: 2021 }],
  paperNumbers: [{ label: 'lambda_max after reaching the edge', value: 'hovers just above 2/eta', source: 'Figure 1 and Section 3 (fc-tanh on a 5k subset of CIFAR-10, squared loss)' }],
  fields: FIELDS,
  schema: settingsSchema<EdgeOfStabilitySettings>(FIELDS),
  async run(s, env, control) {
    const data = await studyDigits(env, { trainRows: s.trainRows, centre: true });
    const spec: NetworkSpec = { layers: [64, ...s.hidden, 10], activation: 'tanh', loss: 'mse', weightDecay: 0 };
    const w0 = env.initParams(spec, s.seed);
    const runs: EdgeOfStabilityRun[] = [];
    const sgd = getOptimizer('sgd');
    for (const [i, lr] of s.lrs.entries()) {
      checkCancelled(control);
      const f = env.network(spec, data.train);
      try {
        let previousLoss = Infinity;
        let increases = 0;
        const res = await trainWithCurvature(sgd, { lr }, f, w0, {
          steps: s.steps,
          every: s.every,
          lanczosTol: s.tol,
          traceProbes: 1,
          seed: s.seed,
          project: () => [],
          onRecord: (r) => {
            if (r.loss > previousLoss) increases++;
            previousLoss = r.loss;
            if (r.iteration % 50 === 0) control?.onProgress?.({ fraction: (i + r.iteration / s.steps) / s.lrs.length, message: `eta ${lr}: step ${r.iteration} of ${s.steps}` });
          },
          shouldStop: () => control?.signal?.aborted === true,
        });
        if (res.run.reason === 'cancelled') throw new StudyCancelled();
        runs.push({
          lr,
          two_over_lr: 2 / lr,
          steps: res.curvature.map((p) => p.step),
          lambda_max: res.curvature.map((p) => p.lambdaMax),
          loss: res.curvature.map((p) => p.loss),
          loss_increases: increases,
          hvps: res.curvatureHvps,
        });
      } finally {
        f.dispose();
      }
    }
    control?.onProgress?.({ fraction: 1, message: 'done' });
    return { backend: env.backend, num_params: w0.length, runs };
  },
  verdict: (r) => edgeOfStabilityVerdict(r),
  tables: (r) => [
    {
      name: 'curvature',
      columns: ['lr', 'two_over_lr', 'step', 'lambda_max', 'loss'],
      rows: r.runs.flatMap((run) => run.steps.map((st, k) => [run.lr, run.two_over_lr, st, run.lambda_max[k], run.loss[k]])),
    },
  ],
};
