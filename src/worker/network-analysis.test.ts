import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CurvaturePoint } from '../core/analysis/curvature-tracker';
import { setBackend } from '../engine/backend';
import { createNetworkApi, type NetworkApi } from './network-analysis';
import { Generations } from './generations';
import { RunStore } from './run-store';
import { loadProblem, type LoadedProblem } from './problem-objective';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const NAME = 'xor-sigmoid-ce-wd.json';
const text = readFileSync(`${FIXTURES}/${NAME}`, 'utf8');
const reference = JSON.parse(text).reference as { loss: number; trace: number; eigenvalues_ascending: number[] };
const eig = reference.eigenvalues_ascending;
const LR = 0.5;
/** The trained run is the newest training request's (id 'train-1', the first test's); no explorer run. */
const HELD = { explorer: null, trained: 'train-1' };

function relClose(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe('Network mode computations on the xor fixture (114 parameters)', () => {
  let loaded: LoadedProblem;
  let api: NetworkApi;
  beforeAll(async () => {
    await setBackend('cpu');
    loaded = await loadProblem({ kind: 'custom', name: NAME, source: 'problem-file' }, { source: 'problem-file', name: NAME, text });
    api = createNetworkApi({ loaded: () => loaded, runs: new RunStore(), generations: new Generations() });
  });

  test('curvature over training: points every k steps, lambda_max at the start is the fixture\'s, 2/eta reported', async () => {
    const streamed: CurvaturePoint[] = [];
    const summary = await api.trainCurvature(
      { id: 'train-1', generation: 1, optimizer: 'sgd', hyperParams: { lr: LR }, steps: 20, every: 5, traceProbes: 10, lanczosTol: 1e-6, seed: 0 },
      (p) => streamed.push(...p.points),
    );
    expect(streamed.map((q) => q.step)).toEqual([0, 5, 10, 15, 20]);
    relClose(streamed[0].lambdaMax, eig[eig.length - 1], 1e-3);
    relClose(streamed[0].lambdaMin, eig[0], 1e-2);
    relClose(streamed[0].traceExact!, reference.trace, 1e-4);
    expect(summary.edgeOfStability).toBeCloseTo(2 / LR, 12);
    expect(summary.losses).toHaveLength(21);
    relClose(summary.losses[0], reference.loss, 1e-5);
    expect(summary.losses[20]).toBeLessThan(summary.losses[0]);
  }, 60_000);

  test('the spectral density at the start integrates to 1, its exact ticks are the fixture\'s spectrum', async () => {
    const d = await api.spectralDensity({ id: 'r1', generation: 1, held: HELD, at: { kind: 'init' }, probes: 4, steps: 30, runs: 2, seed: 1 });
    expect(d.exact).toHaveLength(eig.length);
    const scale = Math.abs(eig[eig.length - 1]);
    d.exact!.forEach((v, i) => expect(Math.abs(v - eig[i])).toBeLessThan(1e-3 * scale));
    const dx = d.grid[1] - d.grid[0];
    const integral = d.density.reduce((s, v) => s + v, 0) * dx;
    expect(integral).toBeGreaterThan(0.97);
    expect(integral).toBeLessThan(1.03);
    // First moment tr(H)/n from the quadrature, within a few standard errors of the exact one.
    expect(Math.abs(d.moments.mean - reference.trace / eig.length)).toBeLessThan(4 * d.moments.meanStdError + 1e-6);
    expect(d.perRun).toHaveLength(2);
  }, 60_000);

  test('the dense Hessian at the start has the fixture\'s trace, and its layer blocks tile it', async () => {
    const h = await api.hessianBlocks({ id: 'r2', generation: 2, held: HELD, at: { kind: 'init' }, traceProbes: 10, seed: 0 });
    expect(h.dim).toBe(114);
    expect(h.boundaries).toEqual([0, 24, 96, 114]);
    let trace = 0;
    for (let i = 0; i < h.dim; i++) trace += h.matrix![i * h.dim + i];
    relClose(trace, reference.trace, 1e-4);
    // Each block's exact trace is the sum of the matrix's diagonal over the block.
    for (const l of h.layers) {
      let s = 0;
      for (let i = l.block.offset; i < l.block.offset + l.block.size; i++) s += h.matrix![i * h.dim + i];
      expect(l.trace.method).toBe('exact');
      relClose(l.trace.value, s, 1e-6);
    }
  }, 60_000);

  test('surfaces: the random plane\'s centre is the start loss; the PCA plane holds the trained run\'s end at distance 0', async () => {
    const random = await api.networkSurface({ id: 'r3', generation: 3, held: HELD, method: 'random', grid: 5, span: 1, seed: 3, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    relClose(random.loss[2][2], reference.loss, 1e-5);
    expect(random.directions.method).toBe('random');
    const pca = await api.networkSurface({ id: 'r4', generation: 4, held: HELD, method: 'pca', grid: 5, span: 1, seed: 0, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    const run = pca.projected.find((r) => r.run.kind === 'trained')!;
    expect(run.points).toHaveLength(21);
    const end = run.points[20];
    expect(Math.abs(end.alpha) + Math.abs(end.beta) + end.distance).toBeLessThan(1e-9);
    const ev = pca.directions.explainedVariance!;
    expect(ev[0]).toBeGreaterThan(ev[1]);
  }, 60_000);

  test('interpolation from the start to the trained end passes through both losses', async () => {
    const line = await api.networkInterpolate({ id: 'r5', generation: 5, held: HELD, from: { kind: 'init' }, to: { kind: 'trained' }, points: 11, extend: 0 });
    expect(line.t[0]).toBe(0);
    expect(line.t[10]).toBe(1);
    relClose(line.loss[0], reference.loss, 1e-5);
    expect(line.loss[10]).toBeLessThan(line.loss[0]);
    expect(line.distance).toBeGreaterThan(0);
  }, 60_000);

  test('mini-batch lambda_max: one value per batch, labelled, around the full-batch value', async () => {
    const m = await api.miniBatchSharpness({ id: 'r6', generation: 6, held: HELD, at: { kind: 'init' }, batchSize: 32, batches: 4, seed: 2 });
    expect(m.label).toBe('mini-batch');
    expect(m.values).toHaveLength(4);
    relClose(m.fullBatch, eig[eig.length - 1], 1e-3);
  }, 60_000);
});
