import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import { type MomentState, momentStep, zeroMoments } from './moments';
import type { Optimizer, ParamSpec } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 0.01, networkDefault: 0.05, min: 1e-8, max: 10, log: true, help: 'Largest step per coordinate, roughly.' },
  { key: 'beta1', label: 'beta 1', type: 'number', default: 0.9, min: 0, max: 0.9999, help: 'Decay of the first-moment (mean gradient) estimate.' },
  { key: 'beta2', label: 'beta 2', type: 'number', default: 0.999, min: 0, max: 0.999999, help: 'Decay of the second-moment (squared gradient) estimate.' },
  { key: 'eps', label: 'epsilon', type: 'number', default: 1e-8, min: 0, max: 1, log: true, help: 'Added to the root second moment to avoid division by zero.' },
];

/** Adam with bias correction (Kingma & Ba 2015, Algorithm 1). */
export const adam: Optimizer<MomentState> = {
  name: 'adam',
  label: 'Adam',
  citation: 'Kingma & Ba 2015, Adam: A Method for Stochastic Optimization, Alg. 1',
  params: PARAMS,
  secondOrder: false,
  init: (x0, objective) => evaluateAt(objective, x0, zeroMoments(x0.length)),
  step: (prev, objective, hp) => {
    const p = readParams(PARAMS, hp);
    const settings = { lr: p.num('lr'), beta1: p.num('beta1'), beta2: p.num('beta2'), eps: p.num('eps'), power: 1 };
    const next = momentStep(prev.x, prev.grad, prev.grad, prev.state, settings);
    return evaluateAt(objective, next.x, next.state, prev.x);
  },
};
