import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 0.01, min: 1e-8, max: 10, log: true, help: 'Largest step per coordinate, roughly.' },
  { key: 'beta1', label: 'beta 1', type: 'number', default: 0.9, min: 0, max: 0.9999, help: 'Decay of the first-moment (mean gradient) estimate.' },
  { key: 'beta2', label: 'beta 2', type: 'number', default: 0.999, min: 0, max: 0.999999, help: 'Decay of the second-moment (squared gradient) estimate.' },
  { key: 'eps', label: 'epsilon', type: 'number', default: 1e-8, min: 0, max: 1, log: true, help: 'Added to the root second moment to avoid division by zero.' },
];

interface AdamState {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

/** Adam with bias correction (Kingma & Ba 2015, Algorithm 1). */
export const adam: Optimizer<AdamState> = {
  name: 'adam',
  label: 'Adam',
  citation: 'Kingma & Ba 2015, Adam: A Method for Stochastic Optimization, Alg. 1',
  params: PARAMS,
  secondOrder: false,
  init: (x0, objective) =>
    evaluateAt(objective, x0, { m: new Float64Array(x0.length), v: new Float64Array(x0.length), t: 0 }),
  step: (prev, objective, hp) => {
    const p = readParams(PARAMS, hp);
    const [lr, b1, b2, eps] = [p.num('lr'), p.num('beta1'), p.num('beta2'), p.num('eps')];
    const t = prev.state.t + 1;
    const n = prev.x.length;
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    const x = new Float64Array(n);
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let i = 0; i < n; i++) {
      const g = prev.grad[i];
      m[i] = b1 * prev.state.m[i] + (1 - b1) * g;
      v[i] = b2 * prev.state.v[i] + (1 - b2) * g * g;
      x[i] = prev.x[i] - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
    }
    return evaluateAt(objective, x, { m, v, t }, prev.x);
  },
};
