import { addScaled, dot, scale, sub } from '../linalg/vector';
import { readParams } from './hyper-params';
import { strongWolfe } from './line-search/strong-wolfe';
import { firstStepLength, WOLFE_CONSTRAINTS, WOLFE_PARAMS } from './quasi-newton';
import type { Optimizer, ParamSpec, StepResult } from './types';
import { evaluateAt } from './evaluate';

const PARAMS: ParamSpec[] = [
  { key: 'm', label: 'history size', type: 'integer', default: 10, min: 1, max: 1000, help: 'Number of (s, y) pairs kept.' },
  ...WOLFE_PARAMS,
];

interface LbfgsState {
  s: Float64Array[];
  y: Float64Array[];
}

/** Two-loop recursion for H g with H0 = (s^T y / y^T y) I from the newest pair (N&W Alg. 7.4, eq. 7.20). */
export function twoLoop(g: Float64Array, s: Float64Array[], y: Float64Array[]): Float64Array {
  const k = s.length;
  const q = new Float64Array(g);
  const alpha = new Float64Array(k);
  const rho = s.map((si, i) => 1 / dot(y[i], si));
  for (let i = k - 1; i >= 0; i--) {
    alpha[i] = rho[i] * dot(s[i], q);
    for (let j = 0; j < q.length; j++) q[j] -= alpha[i] * y[i][j];
  }
  const gamma = k > 0 ? dot(s[k - 1], y[k - 1]) / dot(y[k - 1], y[k - 1]) : 1;
  let r = scale(gamma, q);
  for (let i = 0; i < k; i++) {
    const beta = rho[i] * dot(y[i], r);
    r = addScaled(r, alpha[i] - beta, s[i]);
  }
  return r;
}

/** Limited-memory BFGS (Nocedal & Wright Alg. 7.5) with the strong Wolfe line search (Alg. 3.5/3.6). */
export const lbfgs: Optimizer<LbfgsState> = {
  name: 'lbfgs',
  label: 'L-BFGS',
  citation: 'Nocedal & Wright 2006, Alg. 7.4/7.5 with the Alg. 3.5/3.6 strong Wolfe line search',
  params: PARAMS,
  constraints: WOLFE_CONSTRAINTS,
  secondOrder: false,
  init: (x0, objective) => evaluateAt(objective, x0, { s: [], y: [] }),
  step: async (prev, objective, hp): Promise<StepResult<LbfgsState>> => {
    const p = readParams(PARAMS, hp);
    const { s, y } = prev.state;
    const d = scale(-1, twoLoop(prev.grad, s, y));
    const alpha0 = s.length > 0 ? 1 : firstStepLength(prev.grad);
    const ls = await strongWolfe(objective, prev.x, prev.loss, prev.grad, d, { alpha0, c1: p.num('c1'), c2: p.num('c2') });
    if (!ls) return { ...prev, stop: 'line search failed' };
    const sk = sub(ls.x, prev.x);
    const yk = sub(ls.grad, prev.grad);
    const keep = Math.max(p.num('m') - 1, 0);
    const state: LbfgsState =
      dot(sk, yk) > 0 ? { s: [...s.slice(s.length - keep), sk], y: [...y.slice(y.length - keep), yk] } : { s, y };
    return { state, x: ls.x, loss: ls.value, grad: ls.grad, stepSize: Math.sqrt(dot(sk, sk)) };
  },
};
