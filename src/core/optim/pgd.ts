import { addScaled, norm, scaleInPlace } from '../linalg/vector';
import { createRng, randomNormalVector } from '../random';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import { deriveSeed } from './seed';
import type { Optimizer, ParamSpec } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 1e-3, networkDefault: 0.7, min: 1e-8, max: 10, log: true, help: 'Gradient-descent step.' },
  { key: 'gThreshold', label: 'gradient threshold', type: 'number', default: 1e-3, min: 0, max: 1e3, log: true, help: 'Perturb when the gradient norm falls to this.' },
  { key: 'radius', label: 'perturbation radius', type: 'number', default: 0.1, min: 0, max: 100, log: true, help: 'Radius of the uniform ball the perturbation is drawn from.' },
  { key: 'interval', label: 'steps between perturbations', type: 'integer', default: 20, min: 1, max: 1e6, help: 'At least this many steps pass between two perturbations.' },
  { key: 'seed', label: 'seed', type: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Seed of the perturbations.' },
];

interface PgdState {
  t: number;
  /** Iteration of the last perturbation, -Infinity before the first. */
  lastPerturbation: number;
  perturbations: number;
}

/** A point uniform in the n-ball: Gaussian direction, radius r u^(1/n). */
function uniformBall(n: number, r: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const v = randomNormalVector(n, rng);
  const len = norm(v);
  return scaleInPlace(len > 0 ? (r * rng.next() ** (1 / n)) / len : 0, v);
}

/**
 * Perturbed gradient descent (Jin et al. 2017, Alg. 2): gradient descent that, when the gradient
 * is small and no perturbation happened in the last `interval` steps, jumps to a uniform random
 * point in a ball so it cannot sit on a strict saddle. The paper's stop test on the function
 * decrease after a perturbation is left out: the runner's gtol decides when to stop.
 */
export const pgd: Optimizer<PgdState> = {
  name: 'pgd',
  label: 'Perturbed gradient descent',
  citation: 'Jin et al. 2017, How to Escape Saddle Points Efficiently, Alg. 2',
  params: PARAMS,
  secondOrder: false,
  init: (x0, objective) => evaluateAt(objective, x0, { t: 0, lastPerturbation: -Infinity, perturbations: 0 }),
  step: async (prev, objective, hp) => {
    const p = readParams(PARAMS, hp);
    const lr = p.num('lr');
    const { t, lastPerturbation, perturbations } = prev.state;
    let x = prev.x;
    let grad = prev.grad;
    const state = { t: t + 1, lastPerturbation, perturbations };
    if (norm(grad) <= p.num('gThreshold') && t - lastPerturbation >= p.num('interval')) {
      // Each perturbation draws from its own seed, so the state stays plain data.
      const seed = deriveSeed(p.num('seed'), perturbations);
      x = addScaled(x, 1, uniformBall(x.length, p.num('radius'), seed));
      grad = (await objective.valueAndGrad(x)).grad;
      state.lastPerturbation = t;
      state.perturbations = perturbations + 1;
    }
    return evaluateAt(objective, addScaled(x, -lr, grad), state, prev.x);
  },
};
