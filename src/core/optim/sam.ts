import { addScaled, norm } from '../linalg/vector';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 1e-3, networkDefault: 0.8, min: 1e-8, max: 10, log: true, help: 'Step along the sharpness-aware gradient.' },
  { key: 'rho', label: 'rho', type: 'number', default: 0.05, min: 0, max: 10, log: false, help: 'Radius of the adversarial weight perturbation.' },
];

/**
 * Sharpness-aware minimisation (Foret et al. 2021, Alg. 1): take the gradient at the worst
 * nearby point x + rho g/||g|| and apply it at x. Two gradients per step.
 */
export const sam: Optimizer<null> = {
  name: 'sam',
  label: 'SAM',
  citation: 'Foret et al. 2021, Sharpness-Aware Minimization, Alg. 1',
  params: PARAMS,
  secondOrder: false,
  init: (x0, objective) => evaluateAt(objective, x0, null),
  step: async (prev, objective, hp) => {
    const p = readParams(PARAMS, hp);
    const gn = norm(prev.grad);
    const ascent = gn > 0 ? (await objective.valueAndGrad(addScaled(prev.x, p.num('rho') / gn, prev.grad))).grad : prev.grad;
    return evaluateAt(objective, addScaled(prev.x, -p.num('lr'), ascent), null, prev.x);
  },
};
