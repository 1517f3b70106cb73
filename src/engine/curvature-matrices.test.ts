import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { averagedSpectralDensity } from '../core/analysis/density';
import { denseHessianBlocks, perLayerCurvature } from '../core/analysis/per-layer';
import { computeSpectrum } from '../core/analysis/spectrum';
import { trainWithCurvature } from '../core/analysis/curvature-tracker';
import { getOptimizer } from '../core/optim/registry';
import { availableCurvatureMatrices, getCurvatureMatrix } from '../core/curvature/registry';
import { compareHessianAndGgn } from '../core/curvature/compare';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import { setBackend } from './backend';
import { createNetworkObjective } from './mlp-objective';
import { FIXTURES_DIR, fixturesWithGgn } from '../../test/fixtures';

const fixtures = fixturesWithGgn();

const TOL = 1e-4;

describe.each(['cpu', 'wasm'] as const)('spectral tools with matrix = ggn on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  describe.each(fixtures.map((f) => [f.problem.name, f] as const))('%s', (_, { problem, ggn }) => {
    const ref = ggn.eigenvalues_ascending;
    const lambdaMax = ref[ref.length - 1];

    it('Lanczos at both ends and the exact trace match reference.ggn, spending Gauss-Newton products only', async () => {
      const f = createNetworkObjective(problem);
      expect(availableCurvatureMatrices(f).map((m) => m.name)).toEqual(['hessian', 'ggn', 'empirical-fisher']);
      const r = await computeSpectrum(f, problem.params, { method: 'lanczos', k: 5, which: 'both', trace: 'exact', tol: 1e-8, seed: 1, probes: 10, matrix: 'ggn' });
      expect(r.matrix).toBe('ggn');
      r.top.forEach((v, i) => expect(Math.abs(v - ref[ref.length - 1 - i]) / lambdaMax).toBeLessThan(TOL));
      // The bottom of G is its null space (or wd): at most rounding below zero.
      expect(Math.abs(r.bottom[0] - ref[0]) / lambdaMax).toBeLessThan(TOL);
      expect(Math.abs(r.trace!.value - ggn.trace) / ggn.trace).toBeLessThan(TOL);
      expect(f.counts.hvps).toBe(0);
      expect(r.hvps).toBe(f.counts.ggnvps);
      f.dispose();
    });

    it('per-layer blocks: exact block traces sum to tr(G); the dense heatmap matrix has trace tr(G)', async () => {
      const f = createNetworkObjective(problem);
      const layers = await perLayerCurvature(f, problem.params, problem.layers, { seed: 3, traceProbes: 10, exactTraceUpTo: 1000, matrix: 'ggn' });
      const sum = layers.reduce((s, l) => s + l.trace.value, 0);
      expect(Math.abs(sum - ggn.trace) / ggn.trace).toBeLessThan(TOL);
      for (const l of layers) expect(l.lambdaMax).toBeLessThanOrEqual(lambdaMax * (1 + TOL));
      const dense = await denseHessianBlocks(f, problem.params, problem.layers, 'ggn');
      let t = 0;
      for (let i = 0; i < dense.dim; i++) t += dense.matrix[i * dense.dim + i];
      expect(Math.abs(t - ggn.trace) / ggn.trace).toBeLessThan(TOL);
      expect(dense.hvps).toBe(f.dim);
      f.dispose();
    });

    it('SLQ density of G: the moment estimate of tr(G)/n within four standard errors', async () => {
      const f = createNetworkObjective(problem);
      const op = getCurvatureMatrix('ggn').operator(f, problem.params);
      const d = await averagedSpectralDensity(op, f.dim, { runs: 2, probes: 5, steps: Math.min(f.dim, 40), seed: 5 });
      expect(Math.abs(d.moments.mean - ggn.trace / f.dim)).toBeLessThan(4 * d.moments.meanStdError + 1e-9);
      expect(d.products).toBe(f.counts.ggnvps);
      f.dispose();
    });
  });

  it('training with curvature: K-FAC and Levenberg-Marquardt run through the tracker, which measures lambda_max of G beside H', async () => {
    const { problem, ggn } = fixtures.find((f) => f.problem.name === 'spiral-tanh-ce')!;
    const ref = ggn.eigenvalues_ascending;
    for (const name of ['kfac', 'levenberg-marquardt']) {
      const f = createNetworkObjective(problem);
      const res = await trainWithCurvature(getOptimizer(name), {}, f, problem.params, { steps: 10, every: 5, lanczosTol: 1e-8, traceProbes: 2, seed: 1, ggn: true });
      expect(res.run.nit).toBe(10);
      expect(res.run.f).toBeLessThan(res.run.records[0].loss);
      expect(name === 'kfac' ? res.run.nkfac : res.run.nggnvp).toBeGreaterThan(0);
      expect(res.curvature.map((p) => p.step)).toEqual([0, 5, 10]);
      expect(Math.abs(res.curvature[0].ggnLambdaMax! - ref[ref.length - 1]) / ref[ref.length - 1]).toBeLessThan(TOL);
      for (const p of res.curvature) expect(p.ggnvps).toBeGreaterThan(0);
      f.dispose();
    }
  });
});

describe('H beside G at the fixtures (cpu)', () => {
  beforeAll(async () => {
    expect(await setBackend('cpu')).toBe('cpu');
  });

  // The dense float64 reference needs both whole matrices: the fixtures up to 120 parameters.
  it.each(fixtures.filter((f) => f.problem.params.length <= 120).map((f) => [f.problem.name, f] as const))('%s: both spectra match their references and the top-eigenvector angle matches the dense float64 one', async (_, { problem, ggn }) => {
    const raw = JSON.parse(readFileSync(`${FIXTURES_DIR}/${problem.name}.json`, 'utf8'));
    const hRef: number[] = raw.reference.eigenvalues_ascending;
    const gRef = ggn.eigenvalues_ascending;
    const f = createNetworkObjective(problem);
    const c = await compareHessianAndGgn(f, problem.params, { k: 3, tol: 1e-9, seed: 2 });
    const n = f.dim;
    const hScale = Math.max(Math.abs(hRef[0]), Math.abs(hRef[n - 1]));
    c.hessianTop.forEach((v, i) => expect(Math.abs(v - hRef[n - 1 - i]) / hScale).toBeLessThan(TOL));
    expect(Math.abs(c.hessianBottom[0] - hRef[0]) / hScale).toBeLessThan(TOL);
    c.ggnTop.forEach((v, i) => expect(Math.abs(v - gRef[n - 1 - i]) / gRef[n - 1]).toBeLessThan(TOL));
    // G drops H's negative curvature: H's smallest eigenvalue is below G's.
    expect(c.hessianBottom[0]).toBeLessThan(c.ggnBottom[0]);
    // The angle from dense eigenvectors of the two matrices (float64 eigen-decomposition of the products).
    const H = await f.hessian!(problem.params);
    const G = await denseHessianBlocks(f, problem.params, problem.layers, 'ggn');
    const top = (m: Float64Array): Float64Array => {
      const { vectors } = symmetricEigen(m, n);
      return Float64Array.from({ length: n }, (_, i) => vectors[i * n + n - 1]);
    };
    const [u, v] = [top(H), top(G.matrix)];
    let d = 0;
    for (let i = 0; i < n; i++) d += u[i] * v[i];
    const angle = (Math.acos(Math.min(1, Math.abs(d))) * 180) / Math.PI;
    expect(Math.abs(c.topAngleDegrees - angle)).toBeLessThan(0.1);
    f.dispose();
  });
});
