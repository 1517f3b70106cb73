import { addScaled } from '../linalg/vector';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec } from './types';

function momentumParams(nesterov: boolean): ParamSpec[] {
  return [
    { key: 'lr', label: 'learning rate', type: 'number', default: 1e-3, networkDefault: 0.1, min: 1e-8, max: 10, log: true, help: 'Scale of each update.' },
    { key: 'beta', label: 'momentum', type: 'number', default: 0.9, min: 0, max: 0.9999, help: 'Decay of the velocity (trace) of past gradients.' },
    { key: 'nesterov', label: 'Nesterov', type: 'boolean', default: nesterov, help: 'Look ahead along the velocity before applying the gradient.' },
  ];
}

interface MomentumState {
  trace: Float64Array;
}

/**
 * Heavy ball (Polyak 1964) / Nesterov momentum in the trace form of optax.trace and
 * Sutskever et al. 2013: t <- g + beta t; update = nesterov ? g + beta t : t; x <- x - lr update.
 */
function makeMomentum(name: string, label: string, nesterov: boolean): Optimizer<MomentumState> {
  const params = momentumParams(nesterov);
  return {
    name,
    label,
    citation: 'Polyak 1964 heavy ball; Nesterov as in Sutskever et al. 2013 (optax.trace)',
    params,
    secondOrder: false,
    init: (x0, objective) => evaluateAt(objective, x0, { trace: new Float64Array(x0.length) }),
    step: (prev, objective, hp) => {
      const p = readParams(params, hp);
      const beta = p.num('beta');
      const trace = addScaled(prev.grad, beta, prev.state.trace);
      const update = p.bool('nesterov') ? addScaled(prev.grad, beta, trace) : trace;
      return evaluateAt(objective, addScaled(prev.x, -p.num('lr'), update), { trace }, prev.x);
    },
  };
}

export const momentum = makeMomentum('momentum', 'Momentum (heavy ball)', false);
export const nesterov = makeMomentum('nesterov', 'Nesterov momentum', true);
