import { addScaled, axpy, scale } from '../linalg/vector';
import { conjugateGradient } from '../linalg/cg';
import { requireCapabilities } from './capabilities';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'step size', type: 'number', default: 0.5, min: 1e-8, max: 10, log: true, help: 'x <- x - lr (F + damping I)^-1 g.' },
  { key: 'damping', label: 'damping', type: 'number', default: 1e-3, min: 0, max: 1e6, log: true, help: 'Added to the Fisher before the solve (Tikhonov).' },
  { key: 'cgMaxIter', label: 'CG iterations', type: 'integer', default: 50, min: 1, max: 100000, help: 'Most Fisher products per solve.' },
  { key: 'cgTol', label: 'CG tolerance', type: 'number', default: 1e-4, min: 1e-14, max: 1, log: true, help: 'Relative residual at which CG stops.' },
];

/**
 * Natural gradient descent: the steepest descent direction in the metric of the model's predictive
 * distribution, (F + damping I)^-1 g, solved matrix-free by CG on Fisher-vector products (Amari 1998,
 * Natural Gradient Works Efficiently in Learning; Martens 2020, New Insights and Perspectives on the
 * Natural Gradient Method). For these losses the Fisher is the generalised Gauss-Newton matrix, so
 * the products are `ggnvp`; this is the exact curvature that K-FAC approximates by Kronecker factors.
 */
export const naturalGradient: Optimizer<null> = {
  name: 'natural-gradient',
  label: 'Natural gradient (CG on the Fisher)',
  citation: 'Amari 1998, Natural Gradient Works Efficiently in Learning; Martens 2020, New Insights and Perspectives on the Natural Gradient Method',
  params: PARAMS,
  secondOrder: true,
  needs: ['ggnvp'],
  init: async (x0, objective) => {
    requireCapabilities('Natural gradient', objective, ['ggnvp']);
    return evaluateAt(objective, x0, null);
  },
  step: async (prev, objective, hp): Promise<StepResult<null>> => {
    const p = readParams(PARAMS, hp);
    const damping = p.num('damping');
    const ggnvp = objective.ggnvp!.bind(objective);
    const cg = await conjugateGradient(async (v) => axpy(damping, v, await ggnvp(prev.x, v)), scale(-1, prev.grad), {
      tol: p.num('cgTol'),
      maxIter: p.num('cgMaxIter'),
    });
    return evaluateAt(objective, addScaled(prev.x, p.num('lr'), cg.x), null, prev.x);
  },
};
