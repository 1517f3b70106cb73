/** The curvature analyses on the float64 fixtures, through the network objective on the cpu backend. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainWithCurvature } from '../core/analysis/curvature-tracker';
import { averagedSpectralDensity } from '../core/analysis/density';
import { miniBatchSharpness } from '../core/analysis/minibatch';
import { denseHessianBlocks, perLayerCurvature } from '../core/analysis/per-layer';
import { hessianOperator } from '../core/analysis/spectrum';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import { getOptimizer } from '../core/optim/registry';
import { parseProblem } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { setBackend } from './backend';
import { dataRows, miniBatchFactory } from './curvature-tracking';
import { createNetworkObjective } from './mlp-objective';
import { FIXTURES_DIR } from '../../test/fixtures';
import { trapezoid } from '../../test/quadrature';

const FIXTURES = FIXTURES_DIR;
const load = (name: string): Problem => parseProblem(JSON.parse(readFileSync(`${FIXTURES}/${name}.json`, 'utf8')));
const FIXTURE_NAMES = ['circles-relu-bce', 'sine-tanh-mse', 'spiral-tanh-ce', 'xor-sigmoid-ce-wd'];


beforeAll(async () => {
  expect(await setBackend('cpu')).toBe('cpu');
});

describe('curvature over training on spiral-tanh-ce', () => {
  it('lambda_max at the fixture params matches the float64 top eigenvalue; warm starts save products', async () => {
    const p = load('spiral-tanh-ce');
    const eig = p.reference!.eigenvaluesAscending!;
    const f = createNetworkObjective(p);
    const res = await trainWithCurvature(getOptimizer('sgd'), { lr: 0.1 }, f, p.params, {
      steps: 20,
      every: 10,
      lanczosTol: 1e-4,
      traceProbes: 10,
      seed: 0,
      compareColdStart: true,
      project: () => [],
    });
    f.dispose();
    const lmax = eig[eig.length - 1];
    const first = res.curvature[0];
    expect(first.step).toBe(0);
    expect(Math.abs(first.lambdaMax - lmax) / lmax).toBeLessThan(1e-4);
    expect(Math.abs(first.lambdaMin - eig[0]) / lmax).toBeLessThan(1e-3);
    expect(Math.abs(first.trace - p.reference!.trace!)).toBeLessThan(4 * first.traceStdError);
    expect(first.gradNorm).toBeCloseTo(p.reference!.gradNorm!, 4);
    expect(res.curvature.map((c) => c.step)).toEqual([0, 10, 20]);
    expect(res.edgeOfStability).toBeCloseTo(20, 12);
    expect(res.run.nhvp).toBe(0);
    expect(res.warmStart.points).toBe(2);
    console.log(`spiral warm start: ${res.warmStart.warmHvps} products over 2 points, cold ${res.warmStart.coldHvps}`);
    expect(res.warmStart.warmHvps).toBeLessThan(res.warmStart.coldHvps!);
  }, 120_000);
});

describe.each(FIXTURE_NAMES)('averaged SLQ density of %s against the exact spectrum', (name) => {
  it('integrates to 1; its moments are tr(H)/P and sum(lambda^2)/P within a few standard errors', async () => {
    const p = load(name);
    const eig = Array.from(p.reference!.eigenvaluesAscending!);
    const P = eig.length;
    const f = createNetworkObjective(p);
    const res = await averagedSpectralDensity(hessianOperator(f, p.params), P, { runs: 3, probes: 5, steps: 24, seed: 1, gridSize: 400 });
    f.dispose();
    expect(Math.abs(trapezoid(res.grid, res.density) - 1)).toBeLessThan(1e-3);
    const lmax = Math.abs(eig[P - 1]);
    // Float32 products add about 1e-4 relative to each moment on top of the sampling error.
    const mean = eig.reduce((s, v) => s + v, 0) / P;
    const second = eig.reduce((s, v) => s + v * v, 0) / P;
    expect(Math.abs(res.moments.mean - mean)).toBeLessThan(4 * res.moments.meanStdError + 1e-4 * lmax);
    expect(Math.abs(res.moments.second - second)).toBeLessThan(4 * res.moments.secondStdError + 1e-4 * lmax * lmax);
    // The top Ritz value of 24 steps has reached lambda_max: the grid covers the whole spectrum.
    expect(res.grid[res.grid.length - 1]).toBeGreaterThan(eig[P - 1]);
    expect(res.grid[0]).toBeLessThan(eig[0]);
  }, 120_000);
});

describe('per-layer curvature of xor-sigmoid-ce-wd', () => {
  it('block traces sum to the full trace; block lambda_max is the dense block top eigenvalue', async () => {
    const p = load('xor-sigmoid-ce-wd');
    const f = createNetworkObjective(p);
    const dense = await denseHessianBlocks(f, p.params, p.layers);
    const layers = await perLayerCurvature(f, p.params, p.layers, { seed: 0, traceProbes: 10, tol: 1e-8 });
    f.dispose();
    expect(dense.boundaries).toEqual([0, 24, 96, 114]);
    const ref = p.reference!;
    const sum = layers.reduce((s, l) => s + l.trace.value, 0);
    expect(layers.every((l) => l.trace.method === 'exact')).toBe(true);
    expect(Math.abs(sum - ref.trace!) / Math.abs(ref.trace!)).toBeLessThan(1e-4);
    const n = dense.dim;
    for (const l of layers) {
      const { offset, size } = l.block;
      const b = new Float64Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) b[i * size + j] = dense.matrix[(offset + i) * n + offset + j];
      const top = symmetricEigen(b, size).values[size - 1];
      expect(Math.abs(l.lambdaMax - top) / Math.abs(top)).toBeLessThan(1e-5);
    }
  }, 120_000);
});

describe('mini-batch sharpness of circles-relu-bce', () => {
  it('full batch is the fixture lambda_max; each batch value is its dense batch Hessian top eigenvalue', async () => {
    const p = load('circles-relu-bce');
    const eig = p.reference!.eigenvaluesAscending!;
    const factory = miniBatchFactory(p);
    const res = await miniBatchSharpness(factory, dataRows(p), p.params, { batchSize: 20, batches: 4, seed: 5, tol: 1e-6 });
    const lmax = eig[eig.length - 1];
    expect(res.label).toBe('mini-batch');
    expect(Math.abs(res.fullBatch - lmax) / lmax).toBeLessThan(1e-4);
    for (let b = 0; b < 2; b++) {
      const f = factory(res.batchRows[b]);
      const h = await f.hessian!(p.params);
      f.dispose?.();
      const { values } = symmetricEigen(h, f.dim);
      expect(Math.abs(res.values[b] - values[f.dim - 1]) / values[f.dim - 1]).toBeLessThan(1e-4);
    }
    console.log(`circles mini-batch (20 rows) lambda_max: mean ${res.mean.toFixed(4)} +- ${res.std.toFixed(4)}, range [${res.min.toFixed(4)}, ${res.max.toFixed(4)}], full ${res.fullBatch.toFixed(4)}`);
    expect(res.std).toBeGreaterThan(0);
  }, 120_000);
});
