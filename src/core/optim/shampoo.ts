import type { Objective, ParamMatrix } from '../objective';
import { addScaled, norm } from '../linalg/vector';
import { evaluateAt } from './evaluate';
import { readParams } from './hyper-params';
import { gramPair, symmetricPower, twoSided } from './matrix-power';
import type { Optimizer, ParamSpec, StepResult } from './types';

const PARAMS: ParamSpec[] = [
  { key: 'lr', label: 'learning rate', type: 'number', default: 0.03, min: 1e-8, max: 10, log: true, help: 'Step scale; with grafting, the per-layer step length is the grafted optimizer\'s.' },
  { key: 'beta1', label: 'momentum', type: 'number', default: 0.9, min: 0, max: 0.9999, help: 'EMA of the grafted update (bias-corrected).' },
  { key: 'beta2', label: 'beta 2', type: 'number', default: 0.999, min: 0, max: 1, help: 'EMA of the statistics L = E[G G^T], R = E[G^T G] and of the grafting second moment; 1 sums them as the original Shampoo does.' },
  { key: 'eps', label: 'epsilon', type: 'number', default: 1e-6, min: 1e-16, max: 1, log: true, help: "Added to L and R before their -1/4 powers, relative to each matrix's largest eigenvalue." },
  { key: 'updateInterval', label: 'preconditioner update interval', type: 'integer', default: 5, min: 1, max: 1000, help: 'Steps between recomputations of the inverse roots (distributed Shampoo recomputes every 100 steps at scale).' },
  { key: 'graft', label: 'grafting', type: 'choice', default: 'adam', choices: ['adam', 'sgd', 'none'], help: "Per layer, take the direction from Shampoo and the length from Adam's (or SGD's) step (Agarwal et al. 2020); none uses Shampoo's own length." },
  { key: 'graftEps', label: 'grafting epsilon', type: 'number', default: 1e-8, min: 0, max: 1, log: true, help: "Adam grafting's epsilon." },
];

interface BlockStats {
  left: Float64Array;
  right: Float64Array;
  leftRoot: Float64Array | null;
  rightRoot: Float64Array | null;
}

export interface ShampooState {
  t: number;
  blocks: BlockStats[];
  /** Grafting second moment (Adam) and the momentum of the grafted update. */
  v: Float64Array;
  m: Float64Array;
}

/** Without layer matrices the whole vector is one column, whose left statistic is dim x dim: only for small dim. */
const MAX_UNSTRUCTURED_DIM = 64;

/** The matrices Shampoo preconditions: the objective's layer matrices, or the whole vector as one column. */
export function shampooBlocks(objective: Objective): readonly ParamMatrix[] {
  if (objective.paramMatrices) return objective.paramMatrices;
  if (objective.dim > MAX_UNSTRUCTURED_DIM) {
    throw new Error(`Shampoo needs the parameters as layer matrices; this objective has none and ${objective.dim} > ${MAX_UNSTRUCTURED_DIM} parameters for a single full-matrix block`);
  }
  return [{ offset: 0, rows: objective.dim, cols: 1 }];
}

/** (M + eps lambda_max(M) I)^(-1/4), the inverse fourth root of a Kronecker factor. */
export function inverseFourthRoot(m: Float64Array, n: number, eps: number): Float64Array {
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, m[i * n + i]);
  // The diagonal bounds lambda_max from below within a factor n; eps is relative to that scale.
  return symmetricPower(m, n, -0.25, Math.max(eps * largest, 1e-30));
}

/** L^(-1/4) G R^(-1/4) for one block. */
export function shampooDirection(g: ArrayLike<number>, block: ParamMatrix, leftRoot: Float64Array, rightRoot: Float64Array): Float64Array {
  return twoSided(leftRoot, g, rightRoot, block.rows, block.cols);
}

/**
 * Shampoo (Gupta, Koren & Singer 2018, Shampoo: Preconditioned Stochastic Tensor Optimization,
 * Alg. 1 for matrices): per layer matrix G, statistics L += G G^T and R += G^T G and the step
 * L^(-1/4) G R^(-1/4). As in distributed Shampoo, the entry that won the external-tuning track of
 * AlgoPerf 2024 (Shi et al. 2023, A Distributed Data-Parallel PyTorch Implementation of the
 * Distributed Shampoo Optimizer for Training Neural Networks At-Scale): the statistics are EMAs,
 * the inverse roots are recomputed every `updateInterval` steps (the graft alone runs until the
 * first), each layer's step takes its length from Adam's step (grafting, Agarwal et al. 2020,
 * Disentangling Adaptive Gradient Methods from Learning Rates), and momentum is applied to the
 * grafted update. Bias vectors are 1 x n matrices. On a 2-D function the point is one 2 x 1 block,
 * so Shampoo is full-matrix AdaGrad's root: (sum g g^T)^(-1/4) g |g|^(-1/2).
 */
export const shampoo: Optimizer<ShampooState> = {
  name: 'shampoo',
  label: 'Shampoo',
  citation: 'Gupta, Koren & Singer 2018, Shampoo: Preconditioned Stochastic Tensor Optimization (ICML), Alg. 1; Shi et al. 2023, distributed Shampoo (grafting, interval)',
  params: PARAMS,
  secondOrder: false,
  init: async (x0, objective) => {
    const blocks = shampooBlocks(objective).map((b) => ({ left: new Float64Array(b.rows * b.rows), right: new Float64Array(b.cols * b.cols), leftRoot: null, rightRoot: null }));
    return evaluateAt(objective, x0, { t: 0, blocks, v: new Float64Array(x0.length), m: new Float64Array(x0.length) });
  },
  step: async (prev, objective, hp): Promise<StepResult<ShampooState>> => {
    const p = readParams(PARAMS, hp);
    const [b1, b2, eps, graft] = [p.num('beta1'), p.num('beta2'), p.num('eps'), p.str('graft')];
    const g = prev.grad;
    const n = g.length;
    const t = prev.state.t + 1;
    const refresh = (t - 1) % p.num('updateInterval') === 0;
    // beta2 = 1 sums the statistics (Gupta et al.); below 1 they are EMAs, bias-corrected for Adam.
    const keep = b2 === 1 ? 1 : b2;
    const add = b2 === 1 ? 1 : 1 - b2;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = keep * prev.state.v[i] + add * g[i] * g[i];
    const vCorrection = b2 === 1 ? 1 : 1 - b2 ** t;
    const update = new Float64Array(n);
    const blocks = shampooBlocks(objective).map((block, k) => {
      const prevStats = prev.state.blocks[k];
      const size = block.rows * block.cols;
      const gb = g.subarray(block.offset, block.offset + size);
      const gram = gramPair(gb, block.rows, block.cols);
      const stats: BlockStats = {
        left: prevStats.left.map((x, i) => keep * x + add * gram.left[i]),
        right: prevStats.right.map((x, i) => keep * x + add * gram.right[i]),
        leftRoot: prevStats.leftRoot,
        rightRoot: prevStats.rightRoot,
      };
      if (refresh) {
        stats.leftRoot = inverseFourthRoot(stats.left, block.rows, eps);
        stats.rightRoot = inverseFourthRoot(stats.right, block.cols, eps);
      }
      const grafted = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const j = block.offset + i;
        grafted[i] = graft === 'adam' ? g[j] / (Math.sqrt(v[j] / vCorrection) + p.num('graftEps')) : g[j];
      }
      let dir: Float64Array = grafted;
      if (stats.leftRoot && stats.rightRoot) {
        dir = shampooDirection(gb, block, stats.leftRoot, stats.rightRoot);
        const dn = norm(dir);
        if (graft !== 'none' && dn > 0) {
          const s = norm(grafted) / dn;
          for (let i = 0; i < size; i++) dir[i] *= s;
        }
      }
      update.set(dir, block.offset);
      return stats;
    });
    const m = new Float64Array(n);
    const mCorrection = 1 - b1 ** t;
    const step = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      m[i] = b1 * prev.state.m[i] + (1 - b1) * update[i];
      step[i] = b1 > 0 ? m[i] / mCorrection : update[i];
    }
    return evaluateAt(objective, addScaled(prev.x, -p.num('lr'), step), { t, blocks, v, m }, prev.x);
  },
};
