import { addScaled, axpy, dot, norm, scale } from '../linalg/vector';
import { requireCapabilities } from './capabilities';
import { evaluateAt } from './evaluate';
import { martensCg } from './hessian-free';
import { readParams } from './hyper-params';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lambda0', label: 'initial damping', type: 'number', default: 1e-2, min: 1e-12, max: 1e6, log: true, help: 'Starting lambda in (G + lambda I) d = -g.' },
  { key: 'cgMaxIter', label: 'CG iterations', type: 'integer', default: 50, min: 1, max: 100000, help: 'Most Gauss-Newton products per solve.' },
  { key: 'cgEps', label: 'CG progress tolerance', type: 'number', default: 5e-4, min: 1e-12, max: 0.1, log: true, help: "Martens' relative-progress stop on the quadratic model (as Hessian-free)." },
];

export interface LmState {
  lambda: number;
  /** Nielsen's growth factor after consecutive rejections. */
  nu: number;
}

/**
 * Damped Gauss-Newton for networks: solve (G + lambda I) d = -g by CG on Gauss-Newton products,
 * take the step if the loss falls, and move lambda by the gain ratio rho (actual over predicted
 * decrease of the undamped model g^T d + d^T G d / 2) with Nielsen's rule: on success lambda *=
 * max(1/3, 1 - (2 rho - 1)^3), nu = 2; on failure lambda *= nu, nu *= 2 and the step is refused
 * (Madsen, Nielsen & Tingleff 2004, Methods for Non-Linear Least Squares Problems, Sec. 3.2;
 * Levenberg 1944, Marquardt 1963). G is the generalised Gauss-Newton matrix (Schraudolph 2002).
 */
export const levenbergMarquardt: Optimizer<LmState> = {
  name: 'levenberg-marquardt',
  label: 'Gauss-Newton (Levenberg-Marquardt)',
  citation: 'Madsen, Nielsen & Tingleff 2004, Methods for Non-Linear Least Squares Problems, Sec. 3.2 (the LM damping rule), on the generalised Gauss-Newton matrix of Schraudolph 2002',
  params: PARAMS,
  secondOrder: true,
  needs: ['ggnvp'],
  init: async (x0, objective, hp) => {
    requireCapabilities('Gauss-Newton (Levenberg-Marquardt)', objective, ['ggnvp']);
    return evaluateAt(objective, x0, { lambda: readParams(PARAMS, hp).num('lambda0'), nu: 2 });
  },
  step: async (prev, objective, hp): Promise<StepResult<LmState>> => {
    const p = readParams(PARAMS, hp);
    const { x, grad, loss } = prev;
    const { lambda, nu } = prev.state;
    const ggnvp = objective.ggnvp!.bind(objective);
    const cg = await martensCg(async (v) => axpy(lambda, v, await ggnvp(x, v)), scale(-1, grad), { maxIter: p.num('cgMaxIter'), eps: p.num('cgEps') });
    const { p: d, phi } = cg.iterates[cg.iterates.length - 1];
    // phi = g^T d + d^T G d / 2 + lambda |d|^2 / 2: the undamped model's change drops the last term.
    const predicted = -(phi - 0.5 * lambda * dot(d, d));
    const trial = await objective.valueAndGrad(addScaled(x, 1, d));
    const rho = predicted > 0 ? (loss - trial.value) / predicted : -1;
    if (Number.isFinite(trial.value) && rho > 0) {
      const state = { lambda: Math.max(1e-12, lambda * Math.max(1 / 3, 1 - (2 * rho - 1) ** 3)), nu: 2 };
      return { state, x: addScaled(x, 1, d), loss: trial.value, grad: trial.grad, stepSize: norm(d) };
    }
    return { ...prev, state: { lambda: lambda * nu, nu: 2 * nu }, stepSize: 0 };
  },
};
