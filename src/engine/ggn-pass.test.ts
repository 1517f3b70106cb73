import { beforeAll, describe, expect, it } from 'vitest';
import { denseMatrix } from '../core/eigen/dense';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import type { Problem } from '../core/problem/problem';
import { createRng, randomNormalVector } from '../core/random';
import { setBackend } from './backend';
import { createNetworkObjective } from './mlp-objective';
import { fixturesWithGgn, relErr } from '../../test/fixtures';
import { kfacFactorsByDefinition, perExampleGradients, type TinyNet } from '../../test/float64-mlp';

const fixtures = fixturesWithGgn();

const TOL = 1e-4;

/** A tiny tanh / softmax cross-entropy problem with weight decay, small enough for float64 loops. */
function tinyProblem(layers: number[], n: number, seed: number, weightDecay: number): { problem: Problem; net: TinyNet } {
  const rng = createRng(seed);
  const X = Array.from({ length: n }, () => Array.from(randomNormalVector(layers[0], rng)));
  const labels = Array.from({ length: n }, (_, i) => i % layers[layers.length - 1]);
  let dim = 0;
  for (let l = 1; l < layers.length; l++) dim += layers[l - 1] * layers[l] + layers[l];
  const params = randomNormalVector(dim, rng);
  const problem: Problem = { name: 'tiny', layers, activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay, X, y: labels, params };
  return { problem, net: { layers, X, labels } };
}

function kron(a: Float64Array, m: number, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(m * n * m * n);
  for (let i = 0; i < m; i++)
    for (let k = 0; k < m; k++)
      for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) out[(i * n + j) * m * n + k * n + l] = a[i * m + k] * b[j * n + l];
  return out;
}

describe.each(['cpu', 'wasm'] as const)('Gauss-Newton, empirical Fisher and K-FAC passes on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  describe.each(fixtures.map((f) => [f.problem.name, f] as const))('%s against reference.ggn', (_, { problem, ggn }) => {
    it('the probe G v, the top five eigenvalues, the exact trace, and G >= 0', async () => {
      const f = createNetworkObjective(problem);
      const gv = await f.ggnvp!(problem.params, Float64Array.from(ggn.probe.v));
      expect(relErr(gv, ggn.probe.Gv)).toBeLessThan(TOL);
      const G = await denseMatrix((v) => f.ggnvp!(problem.params, v), f.dim);
      expect(f.counts.ggnvps).toBe(1 + f.dim);
      expect(f.counts.hvps).toBe(0);
      const n = f.dim;
      let trace = 0;
      for (let i = 0; i < n; i++) trace += G[i * n + i];
      expect(Math.abs(trace - ggn.trace) / Math.abs(ggn.trace)).toBeLessThan(TOL);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) G[i * n + j] = G[j * n + i] = 0.5 * (G[i * n + j] + G[j * n + i]);
      const { values } = symmetricEigen(G, n);
      const ref = ggn.eigenvalues_ascending;
      const lambdaMax = ref[ref.length - 1];
      for (let k = 1; k <= 5; k++) expect(Math.abs(values[n - k] - ref[n - k]) / lambdaMax).toBeLessThan(TOL);
      // Positive semi-definite up to float32 rounding of the products.
      expect(values[0] / lambdaMax).toBeGreaterThan(-1e-5);
      f.dispose();
    });
  });

  it.each(fixtures.map((f) => [f.problem.name, f] as const))(
    '%s: N |g|^2 at targets sampled from the model is unbiased for tr(G) - wd P (Gauss-Newton-Bartlett), within 4 standard errors',
    async (_, { problem, ggn }) => {
      const f = createNetworkObjective(problem);
      const draws: number[] = [];
      for (let s = 0; s < 200; s++) {
        const { grad, rows } = await f.sampledTargetGradient!(problem.params, s);
        draws.push(rows * grad.reduce((a, g) => a + g * g, 0));
      }
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1));
      expect(Math.abs(mean - (ggn.trace - problem.weightDecay * f.dim))).toBeLessThan((4 * sd) / Math.sqrt(draws.length));
      expect(f.counts.gradients).toBe(200);
      f.dispose();
    },
  );

  it('the empirical Fisher product equals mean_i g_i g_i^T v + wd v in float64', async () => {
    const wd = 0.01;
    const { problem, net } = tinyProblem([3, 4, 3], 6, 7, wd);
    const f = createNetworkObjective(problem);
    const v = randomNormalVector(f.dim, createRng(8));
    const gs = perExampleGradients(net, problem.params);
    const expected = new Float64Array(f.dim);
    for (const g of gs) {
      let gv = 0;
      for (let i = 0; i < f.dim; i++) gv += g[i] * v[i];
      for (let i = 0; i < f.dim; i++) expected[i] += (g[i] * gv) / gs.length;
    }
    for (let i = 0; i < f.dim; i++) expected[i] += wd * v[i];
    expect(relErr(await f.empiricalFisherVp!(problem.params, v), expected)).toBeLessThan(TOL);
    expect(f.counts.efvps).toBe(1);
    f.dispose();
  });

  it("K-FAC's factors equal their definitions E[a a^T] and E[B^T Lambda B] in float64", async () => {
    const { problem, net } = tinyProblem([3, 5, 4, 3], 7, 11, 0);
    const f = createNetworkObjective(problem);
    const got = await f.kfacFactors!(problem.params);
    const expected = kfacFactorsByDefinition(net, problem.params);
    expect(got.map((g) => [g.nIn, g.nOut, g.offset])).toEqual([
      [3, 5, 0],
      [5, 4, 20],
      [4, 3, 44],
    ]);
    got.forEach((g, l) => {
      expect(relErr(g.A, expected[l].A)).toBeLessThan(TOL);
      expect(relErr(g.S, expected[l].S)).toBeLessThan(TOL);
    });
    expect(f.counts.kfacFactors).toBe(1);
    f.dispose();
  });

  it("for one dense layer and one example, K-FAC's A (x) S is the exact Gauss-Newton matrix", async () => {
    const { problem } = tinyProblem([4, 3], 1, 13, 0);
    const f = createNetworkObjective(problem);
    const [{ A, S, nIn, nOut }] = await f.kfacFactors!(problem.params);
    const G = await denseMatrix((v) => f.ggnvp!(problem.params, v), f.dim);
    expect(relErr(kron(A, nIn + 1, S, nOut), G)).toBeLessThan(TOL);
    f.dispose();
  });
});
