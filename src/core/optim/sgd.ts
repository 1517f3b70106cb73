import { addScaled } from '../linalg/vector';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec } from './types';

const PARAMS: ParamSpec[] = [
  {
    key: 'lr',
    label: 'learning rate',
    type: 'number',
    default: 1e-3,
    // 0.7 lowers every built-in dataset's loss in 50 steps; Sine's lambda_max ~3.9 at init makes 1 diverge
    networkDefault: 0.7,
    min: 1e-8,
    max: 10,
    log: true,
    help: 'Step = -lr * gradient. Stable only below 2 / (largest Hessian eigenvalue).',
  },
];

/** Plain gradient descent, x <- x - lr g (Cauchy 1847; optax.sgd without momentum). */
export const sgd: Optimizer<null> = {
  name: 'sgd',
  label: 'Gradient descent',
  citation: 'Cauchy 1847, steepest descent with a fixed step (optax.sgd)',
  params: PARAMS,
  secondOrder: false,
  init: (x0, objective) => evaluateAt(objective, x0, null),
  step: (prev, objective, hp) => {
    const lr = readParams(PARAMS, hp).num('lr');
    return evaluateAt(objective, addScaled(prev.x, -lr, prev.grad), null, prev.x);
  },
};
