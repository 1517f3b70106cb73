import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../core/problem/parse';
import type { Activation, Problem } from '../core/problem/problem';
import { createRng, randomNormalVector } from '../core/random';
import { setBackend } from './backend';
import { createNetworkObjective } from './mlp-objective';
import { SurfaceCancelledError, evaluateLine, evaluateSurface } from './surface-grid';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const fixtures: Problem[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => parseProblem(JSON.parse(readFileSync(`${FIXTURES}/${f}`, 'utf8'))));
const spiral = fixtures.find((p) => p.name.startsWith('spiral'))!;
/** The fixtures cover tanh, relu and sigmoid; the spiral with its activation swapped covers the rest. */
const variants: Problem[] = (['softplus', 'gelu', 'relu'] as Activation[]).map((activation) => ({
  ...spiral,
  name: `spiral-${activation}`,
  activation,
  weightDecay: 0.01,
}));
/** An odd number of rows: narrow layers cannot pair data rows per matmul row. */
variants.push({ ...spiral, name: 'spiral-odd-rows', X: spiral.X.slice(0, 299), y: (spiral.y as number[]).slice(0, 299) });
/** No hidden layer: softmax regression, where the whole logit is affine in the coordinates. */
variants.push({ ...spiral, name: 'spiral-linear', layers: [2, 3], params: randomNormalVector(9, createRng(7)), weightDecay: 0 });

function directions(p: Problem, seed: number, size: number): [Float64Array, Float64Array] {
  const rng = createRng(seed);
  const n = p.params.length;
  const unit = (v: Float64Array): Float64Array => v.map((x) => (x * size) / Math.sqrt(n));
  return [unit(randomNormalVector(n, rng)), unit(randomNormalVector(n, rng))];
}

function at(p: Problem, d1: Float64Array, d2: Float64Array, a: number, b: number): Float64Array {
  return p.params.map((w, k) => w + a * d1[k] + b * d2[k]);
}

const alphas = [-1, -0.35, 0, 0.6, 1];
const betas = [-1, 0, 0.25, 1];

describe.each(['cpu', 'wasm'] as const)('batched surface on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  it.each([...fixtures, ...variants].map((p) => [p.name, p] as const))('%s: every grid point matches the per-point objective to 1e-5', async (_, p) => {
    const [d1, d2] = directions(p, 3, 1.5);
    const before = tf.memory().numTensors;
    // A small batch bound forces several batches, so batch seams are exercised too.
    const loss = await evaluateSurface(p, p.params, d1, d2, alphas, betas, { batchElements: 3 * p.X.length * 24 });
    expect(tf.memory().numTensors).toBe(before);
    expect(loss.length).toBe(betas.length);
    const f = createNetworkObjective(p);
    for (let j = 0; j < betas.length; j++) {
      expect(loss[j].length).toBe(alphas.length);
      for (let i = 0; i < alphas.length; i++) {
        const ref = await f.value(at(p, d1, d2, alphas[i], betas[j]));
        expect(Math.abs(loss[j][i] - ref) / Math.abs(ref)).toBeLessThan(1e-5);
      }
    }
    f.dispose();
  });

  it('logits too large for exp without the max shift still give the stable cross-entropy', async () => {
    // Directions of norm 400 push centred logits past exp's float32 range (~88) at the grid's edge.
    const [d1, d2] = directions(spiral, 9, 400);
    const loss = await evaluateSurface(spiral, spiral.params, d1, d2, [-1, 0, 1], [0, 1]);
    const f = createNetworkObjective(spiral);
    let large = 0;
    for (const [j, b] of [0, 1].entries()) {
      for (const [i, a] of [-1, 0, 1].entries()) {
        const ref = await f.value(at(spiral, d1, d2, a, b));
        if (ref > 100) large++;
        expect(Math.abs(loss[j][i] - ref) / Math.abs(ref)).toBeLessThan(1e-5);
      }
    }
    expect(large).toBeGreaterThan(0);
    f.dispose();
  });

  it('a 1-D interpolation matches the objective at (1 - t) a + t b', async () => {
    const [d1] = directions(spiral, 5, 2);
    const a = spiral.params;
    const b = at(spiral, d1, d1, 1, 0);
    const ts = [-0.5, 0, 0.3, 1, 1.5];
    const line = await evaluateLine(spiral, a, b, ts);
    const f = createNetworkObjective(spiral);
    for (let k = 0; k < ts.length; k++) {
      const ref = await f.value(a.map((x, i) => (1 - ts[k]) * x + ts[k] * b[i]));
      expect(Math.abs(line[k] - ref) / ref).toBeLessThan(1e-5);
    }
    expect(Math.abs(line[1] - spiral.reference!.loss!) / spiral.reference!.loss!).toBeLessThan(1e-4);
    f.dispose();
  });
});

describe('progress and cancellation', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('reports a rising fraction that ends at 1, one call per batch', async () => {
    const [d1, d2] = directions(spiral, 1, 1);
    const grid = [-1, -0.5, 0, 0.5, 1];
    const fractions: number[] = [];
    // 300 rows x 16 units x 5 points per batch: five batches for the 25 points.
    await evaluateSurface(spiral, spiral.params, d1, d2, grid, grid, { batchElements: 300 * 16 * 5, onProgress: (f) => fractions.push(f) });
    expect(fractions).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('stops between batches when asked, rejecting with SurfaceCancelledError and leaking no tensors', async () => {
    const [d1, d2] = directions(spiral, 1, 1);
    const grid = [-1, -0.5, 0, 0.5, 1];
    const before = tf.memory().numTensors;
    let batches = 0;
    const run = evaluateSurface(spiral, spiral.params, d1, d2, grid, grid, {
      batchElements: 300 * 16 * 5,
      onProgress: () => batches++,
      shouldCancel: () => batches >= 2,
    });
    await expect(run).rejects.toBeInstanceOf(SurfaceCancelledError);
    expect(batches).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects directions of the wrong length', async () => {
    await expect(evaluateSurface(spiral, spiral.params, new Float64Array(3), new Float64Array(3), [0], [0])).rejects.toThrow(/d1 has 3 entries/);
  });
});
