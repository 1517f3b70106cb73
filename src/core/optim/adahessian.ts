import { createRng, rademacherVector } from '../random';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import { deriveSeed } from './seed';
import { type MomentState, momentStep, zeroMoments } from './moments';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 0.1, networkDefault: 0.3, min: 1e-8, max: 10, log: true, help: 'Step scale (the paper uses 0.15 for many tasks).' },
  { key: 'beta1', label: 'beta 1', type: 'number', default: 0.9, min: 0, max: 0.9999, help: 'Decay of the gradient momentum.' },
  { key: 'beta2', label: 'beta 2', type: 'number', default: 0.999, min: 0, max: 0.999999, help: 'Decay of the squared Hessian-diagonal estimate.' },
  { key: 'eps', label: 'epsilon', type: 'number', default: 1e-4, min: 0, max: 1, log: true, help: 'Added to the root second moment.' },
  { key: 'hessianPower', label: 'Hessian power', type: 'number', default: 1, min: 0, max: 1, help: 'k in v^(k/2): 1 is the full AdaHessian step, 0 is momentum SGD.' },
  { key: 'seed', label: 'seed', type: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Seed of the Rademacher probes.' },
];

/**
 * AdaHessian (Yao et al. 2021, Alg. 1) without spatial averaging: Adam whose second moment is the
 * EMA of the squared Hutchinson diagonal z * (H z), one Rademacher probe (one HVP) per step.
 */
export const adahessian: Optimizer<MomentState> = {
  name: 'adahessian',
  label: 'AdaHessian',
  citation: 'Yao et al. 2021, ADAHESSIAN: An Adaptive Second Order Optimizer for Machine Learning, Alg. 1',
  params: PARAMS,
  secondOrder: true,
  init: (x0, objective) => evaluateAt(objective, x0, zeroMoments(x0.length)),
  step: async (prev, objective, hp): Promise<StepResult<MomentState>> => {
    const p = readParams(PARAMS, hp);
    const [lr, b1, b2, eps, k] = [p.num('lr'), p.num('beta1'), p.num('beta2'), p.num('eps'), p.num('hessianPower')];
    const t = prev.state.t + 1;
    const n = prev.x.length;
    // One generator per step keeps the state plain data and the run reproducible from the seed.
    const z = rademacherVector(n, createRng(deriveSeed(p.num('seed'), t)));
    const hz = await objective.hvp(prev.x, z);
    const diag = new Float64Array(n);
    for (let i = 0; i < n; i++) diag[i] = z[i] * hz[i];
    const next = momentStep(prev.x, prev.grad, diag, prev.state, { lr, beta1: b1, beta2: b2, eps, power: k });
    return evaluateAt(objective, next.x, next.state, prev.x);
  },
};
