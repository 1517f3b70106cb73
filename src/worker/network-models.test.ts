/**
 * Every Network-mode computation on layer-list problems, loaded through the worker's own path
 * (a problem file), against the float64 PyTorch references: the shared digits CNN (conv, max
 * pooling; 690 parameters) and residual MLP (3,010), and the layer zoo's small models for what
 * needs P <= 500 (the dense heatmap) or P <= 200 (the density's exact spectrum). The fixtures run on wasm
 * (model-fixtures.test.ts checks the same objective on cpu too), the zoo on cpu.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixturePath } from '../../test/fixtures';
import type { CurvaturePoint } from '../core/analysis/curvature-tracker';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import { setBackend } from '../engine/backend';
import { curvatureMatrix } from './curvature-matrix';
import { decisionGrid } from './decision-grid';
import { explorerSurface } from './explorer-surface';
import { Generations } from './generations';
import { createNetworkApi, type NetworkApi } from './network-analysis';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { RunStore } from './run-store';

interface Reference {
  num_params: number;
  loss: number;
  trace: number;
  eigenvalues_ascending: number[];
  ggn: { trace: number; eigenvalues_ascending: number[] };
}

interface ModelFile {
  name: string;
  text: string;
  raw: { model: unknown[]; X: unknown[]; reference: Reference };
}

function modelFile(path: string): ModelFile {
  const text = readFileSync(path, 'utf8');
  return { name: path.split('/').pop()!, text, raw: JSON.parse(text) };
}

/** Dense, conv2d and layernorm layers (a residual's body counted layer by layer), read from the file's JSON. */
function parametrisedLayers(layers: unknown[]): number {
  return layers.reduce<number>((n, l) => {
    const spec = l as { type: string; body?: unknown[] };
    if (spec.type === 'residual') return n + parametrisedLayers(spec.body ?? []);
    return n + (['dense', 'conv2d', 'layernorm'].includes(spec.type) ? 1 : 0);
  }, 0);
}

async function load(file: ModelFile): Promise<LoadedProblem> {
  return loadProblem({ kind: 'custom', name: file.name, source: 'problem-file' }, { source: 'problem-file', name: file.name, text: file.text });
}

function apiFor(loaded: LoadedProblem): NetworkApi {
  return createNetworkApi({ loaded: () => loaded, runs: new RunStore(), generations: new Generations() });
}

function relClose(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

const CNN = modelFile(fixturePath('models/digits-cnn-relu-ce.json'));
const RESMLP = modelFile(fixturePath('models/digits-resmlp-tanh-ce.json'));
const ZOO = join(__dirname, '../../test/data/models');
const ZOO_IMAGE = modelFile(join(ZOO, 'zoo-image-ce.json'));
const ZOO_VECTOR = modelFile(join(ZOO, 'zoo-vector-bce.json'));
const NO_RUNS = { explorer: null, trained: null };

describe('Network mode on the digits CNN (conv 3x3x1x4, max pooling, dense; 690 parameters), wasm', () => {
  const ref = CNN.raw.reference;
  const H = ref.eigenvalues_ascending;
  const lambdaMax = H[H.length - 1];
  const HELD = { explorer: null, trained: 'train-cnn' };
  let loaded: LoadedProblem;
  let api: NetworkApi;
  let trainedLosses: number[];
  beforeAll(async () => {
    expect(await setBackend('wasm')).toBe('wasm');
    loaded = await load(CNN);
    api = apiFor(loaded);
  });

  test('loading: P is the reference count; the drawing plane is filter-normalised per output channel of the conv kernel', () => {
    expect(loaded.info.dim).toBe(ref.num_params);
    // 64-pixel rows have no scatter preview; the page still learns how many rows a mini-batch may hold
    expect(loaded.info.data).toBeUndefined();
    expect(loaded.info.rows).toBe(CNN.raw.X.length);
    const { problem, plane } = loaded.network!;
    // The kernel [3, 3, 1, 4] (HWIO) leads the vector: filter j is entries 4 k + j, k < 9; its 4 biases follow, then W [64, 10].
    for (const d of [plane.d1, plane.d2]) {
      for (let j = 0; j < 4; j++) {
        let dn = 0;
        let wn = 0;
        for (let k = 0; k < 9; k++) {
          dn += d[4 * k + j] ** 2;
          wn += problem.params[4 * k + j] ** 2;
        }
        relClose(Math.sqrt(dn), Math.sqrt(wn), 1e-9);
      }
      expect(Array.from(d.subarray(36, 40))).toEqual([0, 0, 0, 0]);
    }
  });

  test("the explorer's surface and the random plane's centre are the reference loss", async () => {
    const grid = await explorerSurface(loaded, 3, { x: [-1, 1], y: [-1, 1] });
    relClose(grid.values[1][1], ref.loss, 1e-4);
    const s = await api.networkSurface({ id: 's1', generation: 1, held: NO_RUNS, method: 'random', grid: 3, span: 1, seed: 3, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    relClose(s.loss[1][1], ref.loss, 1e-4);
    expect(s.directions.method).toBe('random');
  }, 60_000);

  test("curvature over training: lambda_max at step 0 is the reference's, the loss starts at the reference's and falls", async () => {
    const points: CurvaturePoint[] = [];
    const summary = await api.trainCurvature(
      { id: 'train-cnn', generation: 1, optimizer: 'sgd', hyperParams: { lr: 0.2 }, steps: 4, every: 4, traceProbes: 2, lanczosTol: 1e-6, seed: 0 },
      (p) => points.push(...p.points),
    );
    expect(points.map((p) => p.step)).toEqual([0, 4]);
    expect(Math.abs(points[0].lambdaMax - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
    relClose(summary.losses[0], ref.loss, 1e-4);
    expect(summary.losses[4]).toBeLessThan(summary.losses[0]);
    trainedLosses = summary.losses;
  }, 120_000);

  test("PCA plane of the training run: its centre is the run's last loss; eigen plane: its eigenvalues are the reference's top two", async () => {
    const pca = await api.networkSurface({ id: 's2', generation: 2, held: HELD, method: 'pca', grid: 3, span: 1, seed: 0, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    relClose(pca.loss[1][1], trainedLosses[4], 1e-4);
    const end = pca.projected.find((r) => r.run.kind === 'trained')!.points[4];
    expect(Math.abs(end.alpha) + Math.abs(end.beta) + end.distance).toBeLessThan(1e-9);
    const eig = await api.networkSurface({ id: 's3', generation: 3, held: HELD, method: 'eigen', grid: 3, span: 1, seed: 0, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    relClose(eig.loss[1][1], ref.loss, 1e-4);
    const [e1, e2] = eig.directions.eigenvalues!;
    expect(Math.abs(e1 - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
    expect(Math.abs(e2 - H[H.length - 2])).toBeLessThanOrEqual(1e-4 * lambdaMax);
  }, 120_000);

  test('interpolation from the start to the trained end passes through both losses', async () => {
    const line = await api.networkInterpolate({ id: 'i1', generation: 1, held: HELD, from: { kind: 'init' }, to: { kind: 'trained' }, points: 3, extend: 0 });
    relClose(line.loss[0], ref.loss, 1e-4);
    relClose(line.loss[2], trainedLosses[4], 1e-4);
  }, 60_000);

  test("SLQ density with the Gauss-Newton overlay: each mean eigenvalue is the reference's trace / P within 4 standard errors", async () => {
    const d = await api.spectralDensity({ id: 'd1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, probes: 12, steps: 12, runs: 1, seed: 1, ggn: true });
    // P = 690 is past the exact spectrum's limit.
    expect(d.exact).toBeNull();
    expect(Math.abs(d.moments.mean - ref.trace / ref.num_params)).toBeLessThanOrEqual(4 * d.moments.meanStdError);
    const g = d.ggn!.moments;
    expect(Math.abs(g.mean - ref.ggn.trace / ref.num_params)).toBeLessThanOrEqual(4 * g.meanStdError);
  }, 120_000);

  test("per-layer blocks: one per parametrised layer (conv, dense), tiling P; each block's lambda_max at most the whole Hessian's", async () => {
    const h = await api.hessianBlocks({ id: 'h1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, traceProbes: 2, seed: 0 });
    expect(h.matrix).toBeNull();
    expect(h.blocks).toHaveLength(parametrisedLayers(CNN.raw.model));
    expect(h.blocks.map((b) => b.size)).toEqual([40, 650]);
    expect(h.boundaries).toEqual([0, 40, 690]);
    // Cauchy interlacing: a principal submatrix's largest eigenvalue is at most the matrix's.
    for (const l of h.layers) expect(l.lambdaMax).toBeLessThanOrEqual(lambdaMax * (1 + 1e-4));
    // The conv block (40 parameters) has its exact trace; the dense block's Hutchinson estimate makes up the rest within its error.
    expect(h.layers[0].trace.method).toBe('exact');
  }, 120_000);

  test("mini-batch sharpness with one batch of every row: the full-batch and the batch lambda_max are the reference's", async () => {
    const m = await api.miniBatchSharpness({ id: 'm1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, batchSize: CNN.raw.X.length, batches: 1, seed: 0 });
    expect(Math.abs(m.fullBatch - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
    expect(m.values).toHaveLength(1);
    expect(Math.abs(m.values[0] - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
  }, 120_000);

  test("curvature-matrix view: the top of H and of G are the reference's", async () => {
    const G = ref.ggn.eigenvalues_ascending;
    const c = await curvatureMatrix(loaded, new RunStore(), new Generations(), { id: 'c1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, k: 1, tol: 1e-6, seed: 0 });
    expect(c.dim).toBe(ref.num_params);
    expect(Math.abs(c.hessianTop[0] - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
    expect(Math.abs(c.hessianBottom[0] - H[0])).toBeLessThanOrEqual(1e-4 * lambdaMax);
    expect(Math.abs(c.ggnTop[0] - G[G.length - 1])).toBeLessThanOrEqual(1e-4 * G[G.length - 1]);
  }, 180_000);

  test('decision grid: a model has no 2-D input plane, so there is none', async () => {
    expect(await decisionGrid(loaded, { at: null, resolution: 5, domain: { x: [-1, 1], y: [-1, 1] } }, () => loaded.network!.problem.params)).toBeNull();
  });
});

describe('Network mode on the digits residual MLP (3,010 parameters), wasm', () => {
  const ref = RESMLP.raw.reference;
  const lambdaMax = ref.eigenvalues_ascending[ref.eigenvalues_ascending.length - 1];
  let loaded: LoadedProblem;
  let api: NetworkApi;
  beforeAll(async () => {
    expect(await setBackend('wasm')).toBe('wasm');
    loaded = await load(RESMLP);
    api = apiFor(loaded);
  });

  test('the random plane centre and the interpolation at t = 0 are the reference loss', async () => {
    expect(loaded.info.dim).toBe(ref.num_params);
    const s = await api.networkSurface({ id: 's1', generation: 1, held: NO_RUNS, method: 'random', grid: 3, span: 1, seed: 5, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    relClose(s.loss[1][1], ref.loss, 1e-4);
    const line = await api.networkInterpolate({ id: 'i1', generation: 1, held: NO_RUNS, from: { kind: 'init' }, to: { kind: 'init' }, points: 2, extend: 0 });
    relClose(line.loss[0], ref.loss, 1e-4);
  }, 60_000);

  test('per-layer blocks: one per dense layer, the residual body\'s two among them, tiling P', async () => {
    const h = await api.hessianBlocks({ id: 'h1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, traceProbes: 1, seed: 0 });
    expect(h.matrix).toBeNull();
    expect(h.blocks).toHaveLength(parametrisedLayers(RESMLP.raw.model));
    expect(h.blocks.map((b) => b.size)).toEqual([64 * 24 + 24, 24 * 24 + 24, 24 * 24 + 24, 24 * 10 + 10]);
    expect(h.blocks.reduce((s, b) => s + b.size, 0)).toBe(ref.num_params);
    for (const l of h.layers) expect(l.lambdaMax).toBeLessThanOrEqual(lambdaMax * (1 + 1e-4));
  }, 180_000);

  test("mini-batch sharpness at full batch is the reference's lambda_max", async () => {
    const m = await api.miniBatchSharpness({ id: 'm1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, batchSize: RESMLP.raw.X.length, batches: 1, seed: 0 });
    expect(Math.abs(m.fullBatch - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
    expect(Math.abs(m.values[0] - lambdaMax)).toBeLessThanOrEqual(1e-4 * lambdaMax);
  }, 120_000);
});

describe('Network mode on the layer zoo\'s small models (dense heatmap and exact spectrum), cpu', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  test("zoo-image-ce (strided and residual conv, layer norm, pooling; 214 parameters): the dense heatmap's spectrum is the reference's", async () => {
    const ref = ZOO_IMAGE.raw.reference;
    const H = ref.eigenvalues_ascending;
    const scale = Math.max(...H.map(Math.abs));
    const api = apiFor(await load(ZOO_IMAGE));
    const h = await api.hessianBlocks({ id: 'h1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, traceProbes: 2, seed: 0 });
    expect(h.dim).toBe(ref.num_params);
    expect(h.blocks).toHaveLength(parametrisedLayers(ZOO_IMAGE.raw.model));
    expect(h.boundaries[h.boundaries.length - 1]).toBe(ref.num_params);
    const values = symmetricEigen(Float64Array.from(h.matrix!), h.dim).values;
    values.forEach((v, i) => expect(Math.abs(v - H[i])).toBeLessThanOrEqual(1e-4 * scale));
    let trace = 0;
    for (let i = 0; i < h.dim; i++) trace += h.matrix![i * h.dim + i];
    expect(Math.abs(trace - ref.trace)).toBeLessThanOrEqual(1e-4 * scale);
  }, 120_000);

  test("zoo-vector-bce (layer norm, residual; 139 parameters): the density's exact spectrum is the reference's and sums to its trace", async () => {
    const ref = ZOO_VECTOR.raw.reference;
    const H = ref.eigenvalues_ascending;
    const api = apiFor(await load(ZOO_VECTOR));
    const d = await api.spectralDensity({ id: 'd1', generation: 1, held: NO_RUNS, at: { kind: 'init' }, probes: 2, steps: 10, runs: 1, seed: 0 });
    expect(d.exact).toHaveLength(ref.num_params);
    d.exact!.forEach((v, i) => expect(Math.abs(v - H[i])).toBeLessThanOrEqual(1e-4 * Math.abs(H[H.length - 1])));
    relClose(d.exact!.reduce((s, v) => s + v, 0), ref.trace, 1e-4);
  }, 120_000);
});
