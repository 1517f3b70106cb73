import type { Objective } from '../objective';
import { lanczos } from '../eigen/lanczos';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { dot, norm } from '../linalg/vector';
import { denseHessian } from './curvature';
import { readParams } from './hyper-params';
import { deriveSeed } from './seed';
import { armijo } from './line-search/armijo';
import type { Optimizer, ParamSpec, StepResult } from './types';
import { evaluateAt } from './evaluate';

const PARAMS: ParamSpec[] = [
  { key: 'k', label: 'eigenpairs', type: 'integer', default: 5, min: 1, max: 200, help: 'Eigenpairs of the Hessian kept (half from each end of the spectrum).' },
  { key: 'refresh', label: 'refresh every', type: 'integer', default: 5, min: 1, max: 100000, help: 'Steps between recomputations of the eigenpairs.' },
  { key: 'minCurvature', label: 'curvature floor', type: 'number', default: 1e-4, min: 0, max: 1, log: true, help: 'Curvatures below this fraction of the largest |eigenvalue| are raised to it.' },
  { key: 'seed', label: 'seed', type: 'integer', default: 0, min: 0, max: 2 ** 31 - 1, help: 'Seed of the Lanczos start vector.' },
];

interface Pair {
  value: number;
  vector: Float64Array;
}

interface LowRankState {
  pairs: Pair[];
  /** Curvature assumed on the complement of the kept eigenvectors; 0 when they span everything. */
  restCurvature: number;
  age: number;
  /** Eigen-solves so far; each seeds its own Lanczos start. */
  refreshes: number;
}

/** Eigenpairs at x: all of them (dense) when k covers the dimension, else k from both ends by Lanczos. */
async function eigenpairs(objective: Objective, x: Float64Array, k: number, seed: number): Promise<Pick<LowRankState, 'pairs' | 'restCurvature'>> {
  const n = x.length;
  if (k >= n) {
    const { values, vectors } = symmetricEigen(await denseHessian(objective, x), n);
    const pairs = Array.from(values, (value, j) => ({ value, vector: Float64Array.from({ length: n }, (_, i) => vectors[i * n + j]) }));
    return { pairs, restCurvature: 0 };
  }
  const half = Math.ceil(k / 2);
  const res = await lanczos.solve((v) => objective.hvp(x, v), n, { k: half, which: 'both', seed });
  const pairs = [...res.top, ...res.bottom].slice(0, k);
  // The unseen spectrum lies between the kept ends, so its curvature is at most theirs.
  const edge = Math.max(Math.abs(res.top[res.top.length - 1]?.value ?? 0), Math.abs(res.bottom[res.bottom.length - 1]?.value ?? 0));
  return { pairs, restCurvature: edge };
}

/**
 * Newton preconditioned by k eigenpairs of the Hessian (spectral Newton as in saddle-free Newton,
 * Dauphin et al. 2014, restricted to a Lanczos subspace): d = -sum_i (u_i.g)/|lambda_i| u_i
 * - (g - sum_i (u_i.g) u_i) / c_rest, where c_rest is the largest |eigenvalue| at the inner
 * ends of the kept pairs, the most the unseen directions can curve, so the complement gets a
 * safe gradient step. Every curvature is floored at minCurvature x the largest |lambda|, the
 * pairs are refreshed every `refresh` steps, and an Armijo backtracking search guards the step.
 */
export const lowRankNewton: Optimizer<LowRankState> = {
  name: 'lowrank-newton',
  label: 'Low-rank Newton',
  citation: 'Dauphin et al. 2014 (|lambda| scaling) on k Lanczos eigenpairs (Lanczos 1950), Armijo backtracking (N&W Alg. 3.1)',
  params: PARAMS,
  secondOrder: true,
  init: (x0, objective) => evaluateAt(objective, x0, { pairs: [], restCurvature: 0, age: 0, refreshes: 0 }),
  step: async (prev, objective, hp): Promise<StepResult<LowRankState>> => {
    const p = readParams(PARAMS, hp);
    const { x, grad } = prev;
    const stale = prev.state.pairs.length === 0 || prev.state.age >= p.num('refresh');
    const basis = stale ? await eigenpairs(objective, x, p.num('k'), deriveSeed(p.num('seed'), prev.state.refreshes)) : prev.state;
    const radius = Math.max(...basis.pairs.map((q) => Math.abs(q.value)), basis.restCurvature, 1e-300);
    const floor = p.num('minCurvature') * radius;
    const rest = new Float64Array(grad);
    const d = new Float64Array(x.length);
    for (const { value, vector } of basis.pairs) {
      const c = dot(vector, grad);
      for (let i = 0; i < d.length; i++) {
        d[i] -= (c / Math.max(Math.abs(value), floor)) * vector[i];
        rest[i] -= c * vector[i];
      }
    }
    if (basis.restCurvature > 0) {
      const s = 1 / Math.max(basis.restCurvature, floor);
      for (let i = 0; i < d.length; i++) d[i] -= s * rest[i];
    }
    const state: LowRankState = {
      pairs: basis.pairs,
      restCurvature: basis.restCurvature,
      age: stale ? 1 : prev.state.age + 1,
      refreshes: prev.state.refreshes + (stale ? 1 : 0),
    };
    const ls = await armijo(objective, x, prev.loss, grad, d);
    if (!ls) return { ...prev, state, stop: 'line search failed' };
    return { state, x: ls.x, loss: ls.value, grad: ls.grad, stepSize: ls.alpha * norm(d) };
  },
};
