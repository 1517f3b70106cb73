import type { Objective } from '../objective';
import { cholesky, choleskySolve } from '../linalg/cholesky';
import { conjugateGradient } from '../linalg/cg';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { addScaled, dot, norm, scale } from '../linalg/vector';
import { evaluateAt } from './evaluate';
import { DENSE_LIMIT, denseHessian, spectralStep } from './curvature';
import { readParams, type ParamReader } from './hyper-params';
import { armijo } from './line-search/armijo';
import type { Optimizer, ParamSpec, StepResult } from './types';

export type NewtonFallback = 'damping' | 'saddle-free' | 'none';
export type NewtonSolver = 'auto' | 'cg';

/** CG iterations a Newton step on a network spends at most (measured: see newtonParams). */
const NETWORK_CG_ITERATIONS = 20;

/**
 * `networkSolver`: the solver on networks. Damped Newton takes truncated CG there: a dense Hessian
 * costs dim products a step and its Cholesky-damped step crawls through the network's many
 * negative directions (the 51-parameter spiral: 0.64 of its initial loss after 100 steps, 8 s on
 * wasm), while Newton-CG's few products a step stop at the first negative curvature.
 */
function newtonParams(fallback: NewtonFallback, networkSolver: NewtonSolver): ParamSpec[] {
  return [
    {
      key: 'solver',
      label: 'Newton system',
      type: 'choice',
      default: 'auto',
      networkDefault: networkSolver,
      choices: ['auto', 'cg'],
      help: `auto: the dense Hessian up to ${DENSE_LIMIT} parameters, truncated CG on Hessian-vector products above; cg: always truncated CG (Newton-CG), which stops at the first negative curvature.`,
    },
    {
      key: 'fallback',
      label: 'indefinite Hessian',
      type: 'choice',
      default: fallback,
      choices: ['damping', 'saddle-free', 'none'],
      help: 'damping: add tau I until H is positive definite; saddle-free: use |H| (Dauphin et al. 2014); none: the plain Newton step, which is attracted to saddles.',
    },
    {
      key: 'minCurvature',
      label: 'curvature floor',
      type: 'number',
      default: 1e-8,
      min: 0,
      max: 1,
      log: true,
      help: 'Eigenvalues below this fraction of the largest |eigenvalue| are floored (saddle-free) or dropped (none).',
    },
    {
      key: 'cgMaxIter',
      label: 'CG iterations',
      type: 'integer',
      default: 250,
      networkDefault: networkSolver === 'cg' ? NETWORK_CG_ITERATIONS : 250,
      min: 1,
      max: 100000,
      help: `Above ${DENSE_LIMIT} parameters the step is truncated CG on Hessian-vector products (Newton-CG).`,
    },
  ];
}

/**
 * The step with the first tau for which H + tau I has a Cholesky factor (Nocedal & Wright
 * Alg. 3.3, beta = 1e-3). Departure: a non-positive diagonal starts tau at twice its magnitude,
 * not just past it, so a negative-curvature direction gets curvature of its own size instead of
 * ~beta, which would send the step thousands of units away.
 */
function dampedStep(h: Float64Array, n: number, g: Float64Array): Float64Array {
  const beta = 1e-3;
  let minDiag = Infinity;
  for (let i = 0; i < n; i++) minDiag = Math.min(minDiag, h[i * n + i]);
  let tau = minDiag > 0 ? 0 : beta - 2 * minDiag;
  const shifted = new Float64Array(h);
  for (;;) {
    for (let i = 0; i < n; i++) shifted[i * n + i] = h[i * n + i] + tau;
    const l = cholesky(shifted, n);
    if (l) return choleskySolve(l, n, scale(-1, g));
    tau = Math.max(2 * tau, beta);
  }
}

async function denseDirection(objective: Objective, x: Float64Array, g: Float64Array, p: ParamReader): Promise<Float64Array> {
  const n = x.length;
  const h = await denseHessian(objective, x);
  const fallback = p.str('fallback') as NewtonFallback;
  if (fallback === 'damping') return dampedStep(h, n, g);
  const { values } = symmetricEigen(h, n);
  const floor = p.num('minCurvature') * Math.max(Math.abs(values[0]), Math.abs(values[n - 1]), 1e-300);
  if (fallback === 'saddle-free') return spectralStep(h, n, g, (l) => Math.max(Math.abs(l), floor));
  return spectralStep(h, n, g, (l) => (Math.abs(l) < floor ? 0 : l));
}

/** Newton-CG (Nocedal & Wright Alg. 7.1): CG on H d = -g to a forcing tolerance, stopped at negative curvature. */
async function cgDirection(objective: Objective, x: Float64Array, g: Float64Array, p: ParamReader): Promise<Float64Array> {
  const gn = norm(g);
  const res = await conjugateGradient((v) => objective.hvp(x, v), scale(-1, g), {
    tol: Math.min(0.5, Math.sqrt(gn)),
    maxIter: p.num('cgMaxIter'),
    onNegativeCurvature: 'stop',
  });
  return res.x;
}

/**
 * Newton's method with Armijo backtracking from the unit step. The dense Hessian (dim <= 200)
 * is made usable by the `fallback` rule; a plain Newton direction that points uphill (fallback
 * 'none' near a maximum or saddle) is taken whole, as the undamped iteration would.
 */
function makeNewton(name: string, label: string, fallback: NewtonFallback, networkSolver: NewtonSolver, citation: string): Optimizer<null> {
  const params = newtonParams(fallback, networkSolver);
  return {
    name,
    label,
    citation,
    params,
    secondOrder: true,
    init: (x0, objective) => evaluateAt(objective, x0, null),
    step: async (prev, objective, hp): Promise<StepResult<null>> => {
      const p = readParams(params, hp);
      const { x, grad } = prev;
      const dense = p.str('solver') === 'auto' && x.length <= DENSE_LIMIT;
      const d = dense ? await denseDirection(objective, x, grad, p) : await cgDirection(objective, x, grad, p);
      if (!(dot(d, grad) < 0)) {
        if (p.str('fallback') !== 'none' || norm(d) === 0) return { ...prev, stop: 'line search failed' };
        return evaluateAt(objective, addScaled(x, 1, d), null, x);
      }
      const ls = await armijo(objective, x, prev.loss, grad, d);
      if (!ls) return { ...prev, stop: 'line search failed' };
      return { state: null, x: ls.x, loss: ls.value, grad: ls.grad, stepSize: ls.alpha * norm(d) };
    },
  };
}

export const newton = makeNewton(
  'newton',
  'Newton (damped)',
  'damping',
  'cg',
  'Nocedal & Wright 2006, Alg. 3.2 (line-search Newton) with Alg. 3.3 (Cholesky with added multiple of the identity)',
);

export const saddleFreeNewton = makeNewton(
  'saddle-free-newton',
  'Saddle-free Newton',
  'saddle-free',
  // CG cannot take |H|: saddle-free Newton keeps the eigendecomposition on networks too
  'auto',
  'Dauphin et al. 2014, Identifying and attacking the saddle point problem (|H| from the eigendecomposition)',
);
