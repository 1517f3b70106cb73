import type { Objective } from '../objective';
import { createRng, rademacherVector } from '../random';
import { hasCapability } from './capabilities';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import { deriveSeed } from './seed';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 0.01, min: 1e-8, max: 10, log: true, help: 'Largest move of any coordinate per step (the update is clipped to [-1, 1] before it).' },
  { key: 'beta1', label: 'beta 1', type: 'number', default: 0.965, min: 0, max: 0.9999, help: 'Decay of the gradient momentum (the paper uses 0.965).' },
  { key: 'beta2', label: 'beta 2', type: 'number', default: 0.99, min: 0, max: 0.99999, help: 'Decay of the diagonal curvature estimate (the paper uses 0.99).' },
  { key: 'gamma', label: 'gamma', type: 'number', default: 0.1, min: 1e-8, max: 100, log: true, help: 'Scale of the curvature in max(gamma h, eps): larger clips fewer coordinates. The paper tunes it so 10-50% of coordinates go unclipped; 0.1 with lr 0.01 lowered every fixture\'s loss in 50 steps.' },
  { key: 'eps', label: 'epsilon', type: 'number', default: 1e-12, min: 0, max: 1, log: true, help: 'Floor of gamma h; coordinates below it (or with negative h) take a sign step.' },
  { key: 'interval', label: 'curvature interval', type: 'integer', default: 10, min: 1, max: 1000, help: 'Steps between diagonal estimates (k = 10 in the paper).' },
  {
    key: 'estimator',
    label: 'diagonal estimator',
    type: 'choice',
    default: 'gauss-newton-bartlett',
    choices: ['gauss-newton-bartlett', 'gauss-newton', 'hutchinson'],
    help: "gauss-newton-bartlett: N g * g with g the gradient at targets drawn from the model (the paper's GNB, one gradient); gauss-newton: u * (G u) with Rademacher u, unbiased for the same diag(G) (one G product); hutchinson: u * (H u). Where the objective lacks one (2-D functions draw no targets, and only sums of squares have G), the next in this list is used.",
  },
  { key: 'seed', label: 'seed', type: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Seed of the Rademacher probes.' },
];

export interface SophiaState {
  m: Float64Array;
  h: Float64Array;
  t: number;
}

/** One draw of the diagonal estimator, falling back along gauss-newton-bartlett, gauss-newton, hutchinson. */
async function diagonalEstimate(objective: Objective, x: Float64Array, estimator: string, seed: number): Promise<Float64Array> {
  const n = x.length;
  const out = new Float64Array(n);
  if (estimator === 'gauss-newton-bartlett' && objective.sampledTargetGradient) {
    const { grad, rows } = await objective.sampledTargetGradient(x, seed);
    for (let i = 0; i < n; i++) out[i] = rows * grad[i] * grad[i];
    return out;
  }
  const u = rademacherVector(n, createRng(seed));
  const useG = estimator !== 'hutchinson' && hasCapability(objective, 'ggnvp');
  const cu = useG ? await objective.ggnvp!(x, u) : await objective.hvp(x, u);
  for (let i = 0; i < n; i++) out[i] = u[i] * cu[i];
  return out;
}

/**
 * Sophia (Liu, Li, Hall, Liang & Ma 2023, Sophia: A Scalable Stochastic Second-order Optimizer for
 * Language Model Pre-training, Alg. 1): momentum m, an EMA h of a diagonal curvature estimate
 * refreshed every k steps, and the clipped per-coordinate step x -= lr clip(m / max(gamma h, eps), 1).
 * The default diagonal is the paper's Gauss-Newton-Bartlett estimate B g * g, g the mini-batch
 * gradient at labels sampled from the model, whose mean is the Gauss-Newton diagonal; u * (G u) with
 * a Rademacher u is unbiased for the same diagonal, and u * (H u) is Hutchinson's on the Hessian.
 */
export const sophia: Optimizer<SophiaState> = {
  name: 'sophia',
  label: 'Sophia',
  citation: 'Liu et al. 2023, Sophia: A Scalable Stochastic Second-order Optimizer for Language Model Pre-training, Alg. 1',
  params: PARAMS,
  secondOrder: true,
  init: (x0, objective) => evaluateAt(objective, x0, { m: new Float64Array(x0.length), h: new Float64Array(x0.length), t: 0 }),
  step: async (prev, objective, hp): Promise<StepResult<SophiaState>> => {
    const p = readParams(PARAMS, hp);
    const [lr, b1, b2, gamma, eps] = [p.num('lr'), p.num('beta1'), p.num('beta2'), p.num('gamma'), p.num('eps')];
    const n = prev.x.length;
    const t = prev.state.t + 1;
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) m[i] = b1 * prev.state.m[i] + (1 - b1) * prev.grad[i];
    let h = prev.state.h;
    if ((t - 1) % p.num('interval') === 0) {
      const diag = await diagonalEstimate(objective, prev.x, p.str('estimator'), deriveSeed(p.num('seed'), t));
      h = new Float64Array(n);
      for (let i = 0; i < n; i++) h[i] = b2 * prev.state.h[i] + (1 - b2) * diag[i];
    }
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ratio = m[i] / Math.max(gamma * h[i], eps);
      x[i] = prev.x[i] - lr * Math.max(-1, Math.min(1, ratio));
    }
    return evaluateAt(objective, x, { m, h, t }, prev.x);
  },
};
