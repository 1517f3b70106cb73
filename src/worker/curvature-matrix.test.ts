import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { setBackend } from '../engine/backend';
import type { CurvaturePoint } from '../core/analysis/curvature-tracker';
import { curvatureMatrix } from './curvature-matrix';
import { createNetworkApi } from './network-analysis';
import { Generations } from './generations';
import { RunStore } from './run-store';
import { loadProblem, type LoadedProblem } from './problem-objective';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const NAME = 'spiral-tanh-ce.json';
const text = readFileSync(`${FIXTURES}/${NAME}`, 'utf8');
const reference = JSON.parse(text).reference as { eigenvalues_ascending: number[]; ggn: { eigenvalues_ascending: number[]; trace: number } };
const H = reference.eigenvalues_ascending;
const G = reference.ggn.eigenvalues_ascending;
const HELD = { explorer: null, trained: null };

describe('curvature-matrix request in the worker, spiral fixture on cpu (PyTorch float64 references)', () => {
  let loaded: LoadedProblem;
  beforeAll(async () => {
    await setBackend('cpu');
    loaded = await loadProblem({ kind: 'custom', name: NAME, source: 'problem-file' }, { source: 'problem-file', name: NAME, text });
  });

  test("both ends of H and G at the initial parameters are the fixture's", async () => {
    const c = await curvatureMatrix(loaded, new RunStore(), new Generations(), { id: 'curvatureMatrix-1', generation: 1, held: HELD, at: { kind: 'init' }, k: 3, tol: 1e-6, seed: 0 });
    const scale = H[H.length - 1];
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(c.hessianTop[i] - H[H.length - 1 - i])).toBeLessThanOrEqual(1e-4 * scale);
      expect(Math.abs(c.hessianBottom[i] - H[i])).toBeLessThanOrEqual(1e-4 * scale);
      expect(Math.abs(c.ggnTop[i] - G[G.length - 1 - i])).toBeLessThanOrEqual(1e-4 * G[G.length - 1]);
      expect(Math.abs(c.ggnBottom[i] - G[i])).toBeLessThanOrEqual(1e-4 * G[G.length - 1]);
    }
    expect(c.topGap).toBeCloseTo(c.hessianTop[0] - c.ggnTop[0], 12);
    expect(c.topAngleDegrees).toBeGreaterThanOrEqual(0);
    expect(c.topAngleDegrees).toBeLessThanOrEqual(90);
    expect(c.dim).toBe(H.length);
    expect(c.hvps).toBeGreaterThan(0);
    expect(c.ggnvps).toBeGreaterThan(0);
  }, 120_000);

  test("curvature over training with ggn on: lambda_max(G) at step 0 is the fixture's, through the sliced objective", async () => {
    const api = createNetworkApi({ loaded: () => loaded, runs: new RunStore(), generations: new Generations() });
    const points: CurvaturePoint[] = [];
    await api.trainCurvature(
      { id: 'training-1', generation: 1, optimizer: 'sgd', hyperParams: { lr: 0.5 }, steps: 2, every: 2, traceProbes: 2, lanczosTol: 1e-6, seed: 0, ggn: true },
      (p) => points.push(...p.points),
    );
    expect(points.map((p) => p.step)).toEqual([0, 2]);
    expect(Math.abs(points[0].ggnLambdaMax! - G[G.length - 1])).toBeLessThanOrEqual(1e-4 * G[G.length - 1]);
    expect(points.every((p) => p.ggnvps! > 0)).toBe(true);
  }, 120_000);

  test("density with G overlaid: G's mean eigenvalue is the fixture's tr(G) / P within 4 standard errors", async () => {
    const api = createNetworkApi({ loaded: () => loaded, runs: new RunStore(), generations: new Generations() });
    const d = await api.spectralDensity({ id: 'density-1', generation: 1, held: HELD, at: { kind: 'init' }, probes: 8, steps: 30, runs: 2, seed: 0, ggn: true });
    const m = d.ggn!.moments;
    expect(Math.abs(m.mean - reference.ggn.trace / G.length)).toBeLessThanOrEqual(4 * m.meanStdError);
    expect(d.ggn!.products).toBe(2 * 8 * 30);
    const without = await api.spectralDensity({ id: 'density-2', generation: 2, held: HELD, at: { kind: 'init' }, probes: 2, steps: 5, runs: 1, seed: 0 });
    expect(without.ggn).toBeNull();
  }, 120_000);

  test('a training run that is not held is named, not computed', async () => {
    await expect(
      curvatureMatrix(loaded, new RunStore(), new Generations(), { id: 'curvatureMatrix-2', generation: 2, held: HELD, at: { kind: 'trained' }, k: 3, tol: 1e-4, seed: 0 }),
    ).rejects.toThrow(/no training run yet/);
  });
});
