/**
 * The batched model surface against references: at the plane's centre the fixtures' float64 loss
 * (shared/fixtures/models and the layer zoo in test/data/models, PyTorch float64) within 1e-4
 * relative, and at every grid point the model objective's own value there (its forward pass and
 * loss head, a separate route from the surface's paired layers, pooling kernels and per-point loss)
 * within 1e-4, on cpu and wasm; batches of a few points so that rows split into several batches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { modelFilterGroups, randomDirections } from '../core/landscape/directions';
import { surfaceGrid } from '../core/landscape/grid';
import { parseProblem, parseProblemText, problemToJson } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { createRng, randomNormalVector } from '../core/random';
import { setBackend } from './backend';
import { createModelObjective } from './model-objective';
import { evaluateModelSurface } from './model-surface';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? join(__dirname, '../../../shared/fixtures');
const readDir = (dir: string): Problem[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseProblemText(readFileSync(join(dir, f), 'utf8')));
const referenced = [...readDir(join(FIXTURES, 'models')), ...readDir(join(__dirname, '../../test/data/models'))];

/** A list that starts with a residual block (no parametrised layer sees the data alone), on the zoo's vectors. */
function residualFirst(): Problem {
  const zoo = referenced.find((p) => p.name === 'zoo-vector-bce')!;
  const model = [
    { type: 'residual', body: [{ type: 'dense', units: 5 }, { type: 'activation', fn: 'tanh' }] },
    { type: 'dense', units: 1 },
  ];
  const json = { ...(problemToJson(zoo) as Record<string, unknown>), name: 'residual-first', model, params: Array.from(randomNormalVector(36, createRng(3))), reference: {} };
  return parseProblem(json);
}

const TOL = 1e-4;

async function withObjective<T>(p: Problem, use: (f: ReturnType<typeof createModelObjective>) => Promise<T>): Promise<T> {
  const f = createModelObjective(p);
  try {
    return await use(f);
  } finally {
    f.dispose();
  }
}
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe.each(['cpu', 'wasm'] as const)('model surface on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  it.each(referenced.map((p) => [p.name, p] as const))('%s: the centre is the reference loss, every point the objective value', async (_name, p) => {
    const f = createModelObjective(p);
    try {
      const plane = randomDirections(p.params, modelFilterGroups(f.layout), { seed: 0 });
      const { alphas, betas } = surfaceGrid(5, 0.5);
      // At most 2 points per batch: each 5-point row runs as three batches.
      const widest = Math.max(...f.layout.nodes.map((n) => n.outShape.reduce((a, b) => a * b, 1)));
      const grid = await evaluateModelSurface(p, plane.origin, plane.d1, plane.d2, alphas, betas, { batchElements: 2 * p.X.length * widest });
      expect(rel(grid[2][2], p.reference!.loss!)).toBeLessThan(TOL);
      const w = new Float64Array(f.dim);
      for (const [j, b] of betas.entries()) {
        for (const [i, a] of alphas.entries()) {
          for (let q = 0; q < w.length; q++) w[q] = plane.origin[q] + a * plane.d1[q] + b * plane.d2[q];
          expect(rel(grid[j][i], await f.value(w))).toBeLessThan(TOL);
        }
      }
    } finally {
      f.dispose();
    }
  });

  it('a confident point of the digits CNN (loss below 1e-3): the surface keeps 1e-4 of the objective', async () => {
    const full = referenced.find((q) => q.name === 'digits-cnn-relu-ce')!;
    // The rows the trained CNN classifies right, at 3x its weights (logits ~9x): every row confident.
    const z = await withObjective(full, (g) => g.outputs(full.params));
    const labels = full.y as number[];
    const right = labels.flatMap((y, i) => (z.subarray(10 * i, 10 * i + 10).every((v) => v <= z[10 * i + y]) ? [i] : []));
    const json = problemToJson(full) as Record<string, unknown>;
    const p = parseProblem({ ...json, X: right.map((i) => full.X[i]), y: right.map((i) => labels[i]), reference: {} });
    const origin = Float64Array.from(p.params, (v) => 3 * v);
    const zero = new Float64Array(origin.length);
    const [[loss]] = await evaluateModelSurface(p, origin, zero, zero, [0], [0]);
    const value = await withObjective(p, (f) => f.value(origin));
    expect(right.length).toBeGreaterThan(200);
    expect(value).toBeLessThan(1e-3);
    expect(rel(loss, value)).toBeLessThan(TOL);
  });

  it('a list that starts with a residual block agrees with the objective at every point', async () => {
    const p = residualFirst();
    const f = createModelObjective(p);
    try {
      const plane = randomDirections(p.params, modelFilterGroups(f.layout), { seed: 1 });
      const { alphas, betas } = surfaceGrid(3, 1);
      const batched = await evaluateModelSurface(p, plane.origin, plane.d1, plane.d2, alphas, betas);
      const w = new Float64Array(f.dim);
      for (const [j, b] of betas.entries()) {
        for (const [i, a] of alphas.entries()) {
          for (let q = 0; q < w.length; q++) w[q] = plane.origin[q] + a * plane.d1[q] + b * plane.d2[q];
          const value = await f.value(w);
          expect(rel(batched[j][i], value)).toBeLessThan(TOL);
        }
      }
    } finally {
      f.dispose();
    }
  });
});
