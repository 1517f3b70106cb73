import { dot, matVec, scale, sub } from '../linalg/vector';
import { readParams } from './hyper-params';
import { strongWolfe } from './line-search/strong-wolfe';
import { firstStepLength, interpolatedStepLength, WOLFE_CONSTRAINTS, WOLFE_PARAMS } from './quasi-newton';
import type { Optimizer, ParamSpec, StepResult } from './types';
import { evaluateAt } from './evaluate';

const PARAMS: ParamSpec[] = [
  ...WOLFE_PARAMS,
  {
    key: 'scaleH0',
    label: 'scale H0',
    type: 'boolean',
    default: false,
    help: 'Rescale H0 = I by y^T s / y^T y before the first update (N&W eq. 6.20); off matches scipy, which takes fewer iterations on the 2-D tests.',
  },
];

interface BfgsState {
  /** Inverse-Hessian approximation, row-major; null until the first update (H0 = I). */
  hInv: Float64Array | null;
  /** Loss before the last step, for the initial trial step (NaN at the start). */
  prevLoss: number;
}

function identityTimes(gamma: number, n: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = gamma;
  return h;
}

/** H+ = (I - rho s y^T) H (I - rho y s^T) + rho s s^T, expanded (Nocedal & Wright eq. 6.17). */
function bfgsUpdate(h: Float64Array, n: number, s: Float64Array, y: Float64Array): Float64Array {
  const rho = 1 / dot(y, s);
  const hy = matVec(h, n, y);
  const yhy = dot(y, hy);
  const out = new Float64Array(n * n);
  const c = rho * rho * yhy + rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] = h[i * n + j] - rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j];
    }
  }
  return out;
}

/**
 * BFGS on the inverse Hessian with a strong Wolfe line search (Nocedal & Wright Alg. 6.1).
 * Trial steps follow scipy's BFGS: 1/||g|| first, then N&W eq. 3.60 capped at 1; H0 = I unless
 * scaleH0 applies eq. 6.20.
 */
export const bfgs: Optimizer<BfgsState> = {
  name: 'bfgs',
  label: 'BFGS',
  citation: 'Nocedal & Wright 2006, Alg. 6.1 with eq. 6.20 scaling and the Alg. 3.5/3.6 line search',
  params: PARAMS,
  constraints: WOLFE_CONSTRAINTS,
  secondOrder: false,
  init: (x0, objective) => evaluateAt(objective, x0, { hInv: null, prevLoss: NaN }),
  step: async (prev, objective, hp): Promise<StepResult<BfgsState>> => {
    const p = readParams(PARAMS, hp);
    const n = prev.x.length;
    const { hInv } = prev.state;
    const d = hInv ? scale(-1, matVec(hInv, n, prev.grad)) : scale(-1, prev.grad);
    const alpha0 = hInv ? interpolatedStepLength(prev.loss, prev.state.prevLoss, dot(prev.grad, d)) : firstStepLength(prev.grad);
    const ls = await strongWolfe(objective, prev.x, prev.loss, prev.grad, d, { alpha0, c1: p.num('c1'), c2: p.num('c2') });
    if (!ls) return { ...prev, stop: 'line search failed' };
    const s = sub(ls.x, prev.x);
    const y = sub(ls.grad, prev.grad);
    const ys = dot(y, s);
    let next = hInv;
    // Wolfe guarantees y^T s > 0 in exact arithmetic; skip the update if rounding breaks it.
    if (ys > 0) next = bfgsUpdate(hInv ?? identityTimes(p.bool('scaleH0') ? ys / dot(y, y) : 1, n), n, s, y);
    return { state: { hInv: next, prevLoss: prev.loss }, x: ls.x, loss: ls.value, grad: ls.grad, stepSize: Math.sqrt(dot(s, s)) };
  },
};
