import { conjugateGradient } from '../linalg/cg';
import { addScaled, allFinite, axpy, dot, norm, scale } from '../linalg/vector';
import { readParams } from './hyper-params';
import { armijo } from './line-search/armijo';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lambda0', label: 'initial damping', type: 'number', default: 1, min: 1e-10, max: 1e6, log: true, help: 'Starting Levenberg-Marquardt lambda in (H + lambda I) d = -g.' },
  { key: 'cgMaxIter', label: 'CG iterations', type: 'integer', default: 50, min: 1, max: 100000, help: 'Most Hessian-vector products per CG solve.' },
  { key: 'cgTol', label: 'CG tolerance', type: 'number', default: 1e-4, min: 1e-14, max: 1, log: true, help: 'Relative residual at which CG stops.' },
  { key: 'decay', label: 'warm-start decay', type: 'number', default: 0.95, min: 0, max: 1, help: 'CG starts from this multiple of the previous solution.' },
];

interface HfState {
  lambda: number;
  previous: Float64Array | null;
}

/**
 * Hessian-free optimisation (Martens 2010): truncated CG on (H + lambda I) d = -g from HVPs,
 * warm-started at decay * the previous d, lambda adapted by the Levenberg-Marquardt rule on
 * the reduction ratio rho (x 2/3 above 3/4, x 3/2 below 1/4), then Armijo backtracking. The
 * Gauss-Newton variant is not offered: the Objective interface exposes no Gauss-Newton product.
 */
export const hessianFree: Optimizer<HfState> = {
  name: 'hessian-free',
  label: 'Hessian-free',
  citation: 'Martens 2010, Deep learning via Hessian-free optimization (ICML), Sec. 4',
  params: PARAMS,
  secondOrder: true,
  init: async (x0, objective, hp) => {
    const { value, grad } = await objective.valueAndGrad(x0);
    return { state: { lambda: readParams(PARAMS, hp).num('lambda0'), previous: null }, x: x0, loss: value, grad, stepSize: 0 };
  },
  step: async (prev, objective, hp): Promise<StepResult<HfState>> => {
    const p = readParams(PARAMS, hp);
    const { x, grad, loss } = prev;
    const { lambda, previous } = prev.state;
    const cg = await conjugateGradient(
      async (v) => axpy(lambda, v, await objective.hvp(x, v)),
      scale(-1, grad),
      { x0: previous ? scale(p.num('decay'), previous) : undefined, tol: p.num('cgTol'), maxIter: p.num('cgMaxIter'), onNegativeCurvature: 'stop' },
    );
    const d = allFinite(cg.x) && dot(cg.x, grad) < 0 ? cg.x : scale(-1, grad);
    // The reduction ratio compares the real change with the undamped quadratic model.
    const model = dot(grad, d) + 0.5 * dot(d, await objective.hvp(x, d));
    const full = await objective.valueAndGrad(addScaled(x, 1, d));
    const rho = model < 0 && Number.isFinite(full.value) ? (full.value - loss) / model : -Infinity;
    const nextLambda = rho > 0.75 ? (2 / 3) * lambda : rho < 0.25 ? 1.5 * lambda : lambda;
    const state: HfState = { lambda: Math.max(nextLambda, 1e-12), previous: d };
    if (Number.isFinite(full.value) && allFinite(full.grad) && full.value <= loss + 1e-4 * dot(grad, d)) {
      return { state, x: addScaled(x, 1, d), loss: full.value, grad: full.grad, stepSize: norm(d) };
    }
    const ls = await armijo(objective, x, loss, grad, d, { alpha0: 0.5 });
    if (!ls) return { ...prev, state, stop: 'line search failed' };
    return { state, x: ls.x, loss: ls.value, grad: ls.grad, stepSize: ls.alpha * norm(d) };
  },
};
