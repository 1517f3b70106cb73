import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hessianFree } from '../core/optim/hessian-free';
import { kfac } from '../core/optim/kfac';
import { levenbergMarquardt } from '../core/optim/levenberg-marquardt';
import { naturalGradient } from '../core/optim/natural-gradient';
import { runOptimizer } from '../core/optim/run';
import { shampoo } from '../core/optim/shampoo';
import { sophia } from '../core/optim/sophia';
import type { Optimizer } from '../core/optim/types';
import { solveSymmetric } from '../core/linalg/cholesky';
import { parseProblem } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { createRng, randomNormalVector } from '../core/random';
import { setBackend } from './backend';
import { createNetworkObjective } from './mlp-objective';
import { FIXTURES_DIR } from '../../test/fixtures';

const problems = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => parseProblem(JSON.parse(readFileSync(`${FIXTURES_DIR}/${f}`, 'utf8'))));

const OPTIMIZERS: Optimizer[] = [hessianFree, levenbergMarquardt, naturalGradient, kfac, shampoo, sophia];

describe.each(['cpu', 'wasm'] as const)('curvature optimizers with defaults on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  describe.each(problems.map((p) => [p.name, p] as const))('%s', (_, problem) => {
    it.each(OPTIMIZERS.map((o) => [o.name, o] as const))('%s lowers the loss in 50 steps', async (_name, opt) => {
      const f = createNetworkObjective(problem);
      const res = await runOptimizer(opt, f, problem.params, { maxIter: 50, gtol: 0 });
      const f0 = res.records[0].loss;
      expect(res.nit).toBe(50);
      expect(res.f).toBeLessThan(f0);
      f.dispose();
    });
  });
});

/** Inverse of a small SPD matrix, column by column through Cholesky. */
function inverse(m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const col = solveSymmetric(m, n, e)!;
    for (let i = 0; i < n; i++) out[i * n + j] = col[i];
  }
  return out;
}

/** M^(1/2) and M^(-1/2) of an SPD matrix by the Denman-Beavers iteration (Denman & Beavers 1976): no eigen-decomposition. */
function denmanBeavers(m: Float64Array, n: number): { root: Float64Array; inverseRoot: Float64Array } {
  let y = Float64Array.from(m);
  let z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  for (let k = 0; k < 60; k++) {
    const [yi, zi] = [inverse(y, n), inverse(z, n)];
    y = y.map((v, i) => 0.5 * (v + zi[i]));
    z = z.map((v, i) => 0.5 * (v + yi[i]));
  }
  return { root: y, inverseRoot: z };
}

describe("Shampoo's preconditioner on a small network against float64 sums and roots", () => {
  it('after three steps with summed statistics, the step is (sum G G^T + eps)^(-1/4) G (sum G^T G + eps)^(-1/4) per layer matrix', async () => {
    expect(await setBackend('cpu')).toBe('cpu');
    const rng = createRng(21);
    const layers = [3, 4, 2];
    const X = Array.from({ length: 8 }, () => Array.from(randomNormalVector(3, rng)));
    const problem: Problem = { name: 'tiny', layers, activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 0, X, y: X.map((_, i) => i % 2), params: randomNormalVector(26, rng) };
    const f = createNetworkObjective(problem);
    const [lr, eps] = [0.05, 1e-3];
    const res = await runOptimizer(shampoo, f, problem.params, { maxIter: 3, gtol: 0, hp: { lr, beta1: 0, beta2: 1, eps, updateInterval: 1, graft: 'none' } });
    const xs = res.records.map((r) => Float64Array.from(r.point));
    const grads = await Promise.all(xs.map(async (x) => (await f.valueAndGrad(x)).grad));
    expect(f.paramMatrices!.map((b) => [b.offset, b.rows, b.cols])).toEqual([[0, 3, 4], [12, 1, 4], [16, 4, 2], [24, 1, 2]]);
    for (const { offset, rows, cols } of f.paramMatrices!) {
      const L = new Float64Array(rows * rows);
      const R = new Float64Array(cols * cols);
      for (const g of grads.slice(0, 3)) {
        for (let i = 0; i < rows; i++) for (let k = 0; k < rows; k++) for (let j = 0; j < cols; j++) L[i * rows + k] += g[offset + i * cols + j] * g[offset + k * cols + j];
        for (let i = 0; i < cols; i++) for (let k = 0; k < cols; k++) for (let j = 0; j < rows; j++) R[i * cols + k] += g[offset + j * cols + i] * g[offset + j * cols + k];
      }
      const rootOf = (m: Float64Array, n: number): Float64Array => {
        let largest = 0;
        for (let i = 0; i < n; i++) largest = Math.max(largest, m[i * n + i]);
        const damped = m.map((v, i) => (i % (n + 1) === 0 ? v + eps * largest : v));
        // (M^(-1/2))^(1/2) = M^(-1/4).
        return denmanBeavers(denmanBeavers(damped, n).inverseRoot, n).root;
      };
      const [Lr, Rr] = [rootOf(L, rows), rootOf(R, cols)];
      const g = grads[2];
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          let p = 0;
          for (let a = 0; a < rows; a++) for (let b = 0; b < cols; b++) p += Lr[i * rows + a] * g[offset + a * cols + b] * Rr[b * cols + j];
          const at = offset + i * cols + j;
          expect(xs[3][at] - xs[2][at]).toBeCloseTo(-lr * p, 10);
        }
      }
    }
    f.dispose();
  });
});
