import { addScaled, axpy, dot, norm, scale } from '../linalg/vector';
import { conjugateGradient } from '../linalg/cg';
import { requireCapabilities } from './capabilities';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'step size', type: 'number', default: 0.5, min: 1e-8, max: 10, log: true, help: 'x <- x - lr (F + damping I)^-1 g.' },
  { key: 'damping', label: 'initial damping', type: 'number', default: 1e-3, min: 0, max: 1e6, log: true, help: 'Starting damping added to the Fisher before the solve; each step then moves it by the reduction ratio (x 2/3 above 3/4, x 3/2 below 1/4).' },
  { key: 'cgMaxIter', label: 'CG iterations', type: 'integer', default: 50, min: 1, max: 100000, help: 'Most Fisher products per solve.' },
  { key: 'cgTol', label: 'CG tolerance', type: 'number', default: 1e-4, min: 1e-14, max: 1, log: true, help: 'Relative residual at which CG stops.' },
];

/** Martens 2010, Sec. 4.1: the Levenberg-Marquardt heuristic's factors and thresholds on rho. */
const SHRINK = 2 / 3;
const GROW = 3 / 2;
/** A damping of 0 could never grow by a factor; a refused step lifts it at least to this. */
const FLOOR = 1e-8;

export interface NaturalGradientState {
  damping: number;
}

/**
 * Natural gradient descent: the steepest descent direction in the metric of the model's predictive
 * distribution, (F + damping I)^-1 g, solved matrix-free by CG on Fisher-vector products (Amari 1998,
 * Natural Gradient Works Efficiently in Learning; Martens 2020, New Insights and Perspectives on the
 * Natural Gradient Method). For these losses the Fisher is the generalised Gauss-Newton matrix, so
 * the products are `ggnvp`; this is the exact curvature that K-FAC approximates by Kronecker factors.
 *
 * The damping adapts by the Levenberg-Marquardt rule on the reduction ratio rho = actual / predicted
 * decrease of the undamped quadratic model g^T s + s^T F s / 2 at the step s (Martens 2010, Deep
 * learning via Hessian-free optimization, Sec. 4.1): damping x 2/3 when rho > 3/4, x 3/2 when
 * rho < 1/4. A step that does not lower the loss is refused (x stays) and the damping grows. With a
 * fixed damping of 1e-3 the first 100 rows of the digits CNN fixture diverged (0.151, 0.450, 34.3,
 * 4.2e6 on wasm): G is near singular there and the undamped step leaves the model's trust region.
 */
export const naturalGradient: Optimizer<NaturalGradientState> = {
  name: 'natural-gradient',
  label: 'Natural gradient (CG on the Fisher)',
  citation: 'Amari 1998, Natural Gradient Works Efficiently in Learning; Martens 2020, New Insights and Perspectives on the Natural Gradient Method; damping by Martens 2010, Deep learning via Hessian-free optimization, Sec. 4.1',
  params: PARAMS,
  secondOrder: true,
  needs: ['ggnvp'],
  init: async (x0, objective, hp) => {
    requireCapabilities('Natural gradient', objective, ['ggnvp']);
    return evaluateAt(objective, x0, { damping: readParams(PARAMS, hp).num('damping') });
  },
  step: async (prev, objective, hp): Promise<StepResult<NaturalGradientState>> => {
    const p = readParams(PARAMS, hp);
    const { x, grad, loss } = prev;
    const { damping } = prev.state;
    const ggnvp = objective.ggnvp!.bind(objective);
    const cg = await conjugateGradient(async (v) => axpy(damping, v, await ggnvp(x, v)), scale(-1, grad), {
      tol: p.num('cgTol'),
      maxIter: p.num('cgMaxIter'),
    });
    const s = scale(p.num('lr'), cg.x);
    // One more product gives the model's curvature term exactly, whatever residual CG left.
    const predicted = -(dot(grad, s) + 0.5 * dot(s, await ggnvp(x, s)));
    const trial = await objective.valueAndGrad(addScaled(x, 1, s));
    const decrease = loss - trial.value;
    if (!(Number.isFinite(trial.value) && decrease > 0)) {
      return { ...prev, state: { damping: Math.max(GROW * damping, FLOOR) }, stepSize: 0 };
    }
    const rho = predicted > 0 ? decrease / predicted : 0;
    const next = rho > 0.75 ? SHRINK * damping : rho < 0.25 ? Math.max(GROW * damping, FLOOR) : damping;
    return { state: { damping: next }, x: addScaled(x, 1, s), loss: trial.value, grad: trial.grad, stepSize: norm(s) };
  },
};
