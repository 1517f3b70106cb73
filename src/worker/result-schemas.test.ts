/**
 * Every result and progress message the worker sends, as the worker's own functions produce it on
 * a built-in dataset (xor, 8 tanh units, 41 parameters) and on Rosenbrock: its schema accepts it,
 * and refuses it with a field taken away or a number turned into a string.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { setBackend } from '../engine/backend';
import { defaultDatasetSpec } from '../state/problem-spec';
import { functionCurvature, networkCurvature } from './curvature';
import { curvatureMatrix } from './curvature-matrix';
import { decisionGrid } from './decision-grid';
import { escapeLine } from './escape-line';
import { explorerSurface } from './explorer-surface';
import { Generations } from './generations';
import { createNetworkApi, type NetworkApi } from './network-analysis';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { RunStore } from './run-store';
import { Slicer } from './work-slices';
import { BackendQueue } from './backend-init';
import { NO_LOSSES } from './device-loss';
import { runSideBySide } from './side-by-side';
import type { RunResult } from '../core/optim/types';
import { backendInfoSchema } from '../protocol/backend';
import { problemLoadSchema, uploadCheckSchema } from '../protocol/problem';
import { checkUpload } from './upload-check';
import { checkRecordColumns, type RecordColumns } from '../protocol/record-columns';
import { runResultSchema } from '../protocol/run';
import { curvatureSchema, escapeLineSchema } from '../protocol/curvature';
import { curvatureMatrixReportSchema } from '../protocol/curvature-matrix';
import { decisionGridSchema } from '../protocol/decision';
import {
  hessianReportSchema,
  interpolationLineSchema,
  miniBatchSharpnessSchema,
  networkDensitySchema,
  networkSurfaceSchema,
  trainCurvatureSummarySchema,
  trainProgressSchema,
  type TrainProgress,
} from '../protocol/network';
import { checkResult, InvalidResultError } from '../protocol/parse';
import { surfaceGridSchema } from '../protocol/surface';
import { IterateList } from './iterate-list';

type Json = unknown;

/** Path of the first number in `value` (depth first), e.g. ['loss', 0, 0]. */
function firstNumberPath(value: Json, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'number') return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = firstNumberPath(value[i], [...path, i]);
      if (p) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = firstNumberPath(v, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}

function withAt(value: Json, path: (string | number)[], replace: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = structuredClone(value) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  replace(parent, path[path.length - 1]);
  return copy;
}

const checked = new Set<string>();

/** The real result passes; a missing field and a number sent as a string are each refused, naming the field. */
function acceptsRealRejectsTampered(name: string, schema: z.ZodType, real: Json, field: string | number, numberPath = firstNumberPath(real)): void {
  checked.add(name);
  const ok = schema.safeParse(real);
  expect(ok.success, `${name}: ${JSON.stringify(ok.error?.issues[0])}`).toBe(true);

  const missing = withAt(real, [field], (parent, key) => delete parent[key]);
  const r1 = schema.safeParse(missing);
  expect(r1.success, `${name} without ${field}`).toBe(false);
  expect(r1.error!.issues[0].path[0]).toBe(field);

  if (!numberPath) return;
  const stringly = withAt(real, numberPath, (parent, key) => (parent[key] = String(parent[key])));
  const r2 = schema.safeParse(stringly);
  expect(r2.success, `${name} with ${numberPath.join('.')} as a string`).toBe(false);
  expect(r2.error!.issues[0].path).toEqual(numberPath);
}

/** Streamed run records (columns, record-columns.ts): the real ones pass; a missing column, a short one, a non-integer count and a non-finite loss are each named. */
function columnsAcceptedTamperedRefused(real: RecordColumns[]): void {
  checked.add('run records');
  expect(checkRecordColumns(real)).toBe(real);
  const tamper = (patch: (c: RecordColumns) => void): RecordColumns[] => {
    const copy = structuredClone(real);
    patch(copy[0]);
    return copy;
  };
  expect(() => checkRecordColumns(tamper((c) => delete (c as Partial<RecordColumns>).loss))).toThrow(/^malformed run records result from the worker: 0\.loss: /);
  expect(() => checkRecordColumns(tamper((c) => (c.ngev = c.ngev.subarray(1))))).toThrow(/^malformed run records result from the worker: 0\.ngev: \d+ entries for \d+ records$/);
  expect(() => checkRecordColumns(tamper((c) => (c.nfev[0] = 0.5)))).toThrow(/^malformed run records result from the worker: 0\.nfev\.0: expected an integer >= 0, received 0\.5$/);
  expect(() => checkRecordColumns(tamper((c) => (c.loss[0] = Infinity)))).toThrow(/^malformed run records result from the worker: 0\.loss\.0: expected a finite number, received Infinity$/);
  expect(() => checkRecordColumns(tamper((c) => ((c as unknown as { x: number[] }).x = Array.from(c.x))))).toThrow(/^malformed run records result from the worker: 0\.x: /);
}

describe('worker results against their schemas', () => {
  let net: LoadedProblem;
  let fn: LoadedProblem;
  let api: NetworkApi;
  const runs = new RunStore();
  const generations = new Generations();
  const held = { explorer: null, trained: 'training-1' };
  const progress: TrainProgress[] = [];

  beforeAll(async () => {
    await setBackend('cpu');
    net = await loadProblem(defaultDatasetSpec('xor'));
    fn = await loadProblem({ kind: 'function', name: 'rosenbrock' });
    api = createNetworkApi({ loaded: () => net, runs, generations });
  }, 60_000);

  it('training: every progress message and the summary', async () => {
    const summary = await api.trainCurvature(
      { id: 'training-1', generation: 1, optimizer: 'sgd', hyperParams: { lr: 0.5 }, steps: 6, every: 3, traceProbes: 3, lanczosTol: 1e-4, seed: 0 },
      (p) => void progress.push(structuredClone(p)),
    );
    expect(progress.flatMap((p) => p.points.map((q) => q.step))).toEqual([0, 3, 6]);
    for (const p of progress) acceptsRealRejectsTampered('training progress', trainProgressSchema, p, 'step');
    // A message sent before the first step's record carries loss NaN; a diverged one +Infinity.
    expect(trainProgressSchema.safeParse({ ...progress[0], loss: NaN }).success).toBe(true);
    expect(trainProgressSchema.safeParse({ ...progress[0], loss: Infinity }).success).toBe(true);
    // hyperParams may hold strings (a curvature's name), so the tampered number is the first loss.
    acceptsRealRejectsTampered('training', trainCurvatureSummarySchema, summary, 'losses', ['losses', 0]);
    expect(trainCurvatureSummarySchema.safeParse({ ...summary, testLoss: 0.4, testAccuracy: 0.9 }).success).toBe(true);
    expect(trainCurvatureSummarySchema.safeParse({ ...summary, testAccuracy: '90%' }).success).toBe(false);
  }, 60_000);

  it('surfaces on the random and PCA planes, with the trained run projected', async () => {
    const random = await api.networkSurface({ id: 's1', generation: 1, held, method: 'random', grid: 5, span: 1, seed: 3, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    acceptsRealRejectsTampered('surface', networkSurfaceSchema, random, 'loss');
    const pca = await api.networkSurface({ id: 's2', generation: 2, held, method: 'pca', grid: 4, span: 1, seed: 3, at: { kind: 'init' }, run: { kind: 'trained' } }, () => {});
    expect(pca.projected[0].points).toHaveLength(7);
    acceptsRealRejectsTampered('surface', networkSurfaceSchema, pca, 'projected');
    // A ragged grid would break the heat map's indexing.
    expect(networkSurfaceSchema.safeParse({ ...random, loss: random.loss.slice(1) }).success).toBe(false);
  }, 60_000);

  it('interpolation, density, mini-batch sharpness and the layer-blocked Hessian', async () => {
    const line = await api.networkInterpolate({ id: 'i1', generation: 1, held, from: { kind: 'init' }, to: { kind: 'trained' }, points: 9, extend: 0.25 });
    acceptsRealRejectsTampered('interpolation', interpolationLineSchema, line, 'loss');
    const density = await api.spectralDensity({ id: 'd1', generation: 1, held, at: { kind: 'trained' }, probes: 2, steps: 10, runs: 2, seed: 0, ggn: true });
    expect(density.ggn).not.toBeNull();
    acceptsRealRejectsTampered('density', networkDensitySchema, density, 'grid');
    expect(networkDensitySchema.safeParse({ ...density, density: density.density.slice(1) }).success).toBe(false);
    const mini = await api.miniBatchSharpness({ id: 'm1', generation: 1, held, at: { kind: 'init' }, batchSize: 8, batches: 3, seed: 0 });
    acceptsRealRejectsTampered('mini-batch', miniBatchSharpnessSchema, mini, 'values');
    const hessian = await api.hessianBlocks({ id: 'h1', generation: 1, held, at: { kind: 'init' }, traceProbes: 2, seed: 0 });
    expect(hessian.matrix).toHaveLength(hessian.dim * hessian.dim);
    acceptsRealRejectsTampered('Hessian', hessianReportSchema, hessian, 'layers');
    expect(hessianReportSchema.safeParse({ ...hessian, matrix: hessian.matrix!.slice(1) }).success).toBe(false);
  }, 120_000);

  it('the curvature matrix and the decision grid', async () => {
    const report = await curvatureMatrix(net, runs, generations, { id: 'c1', generation: 1, held, at: { kind: 'init' }, k: 2, tol: 1e-3, seed: 0 });
    acceptsRealRejectsTampered('curvature matrix', curvatureMatrixReportSchema, report, 'ggnTop');
    const grid = await decisionGrid(net, { at: null, resolution: 5, domain: { x: [-2, 2], y: [-2, 2] } }, () => new Float64Array());
    expect(grid).not.toBeNull();
    acceptsRealRejectsTampered('decision grid', decisionGridSchema, grid, 'classes');
    expect(decisionGridSchema.safeParse({ ...grid, classes: grid!.classes.slice(1) }).success).toBe(false);
  }, 60_000);

  it('the explorer: a 2-D surface, curvature at a point and of a network, the escape line', async () => {
    const surface = await explorerSurface(fn, 6, fn.info.domain);
    acceptsRealRejectsTampered('surface', surfaceGridSchema, surface, 'values');
    const at2d = functionCurvature(fn.fn!, -1.2, 1);
    acceptsRealRejectsTampered('curvature', curvatureSchema, at2d, 'kind');
    const start = Float64Array.from(net.network!.problem.params);
    const atNet = await networkCurvature(net, start, new Slicer(() => false));
    acceptsRealRejectsTampered('curvature', curvatureSchema, atNet.curvature, 'top');
    // Curvature with a zero eigenvalue has condition +Infinity: sent as a number by structured clone.
    expect(curvatureSchema.safeParse({ ...at2d, condition: Infinity }).success).toBe(true);
    const line = await escapeLine(net, start, 0.5, 5, new Slicer(() => false));
    acceptsRealRejectsTampered('escape line', escapeLineSchema, line, 'losses');
  }, 60_000);

  it('explorer runs on Rosenbrock and on the network: every streamed batch and each summary', async () => {
    for (const [p, optimizers] of [
      [fn, [{ name: 'sgd', hyperParams: { lr: 1e-3 } }, { name: 'newton', hyperParams: {} }]],
      [net, [{ name: 'adam', hyperParams: {} }, { name: 'lbfgs', hyperParams: {} }]],
    ] as const) {
      const batches: RecordColumns[][] = [];
      const done: RunResult[] = [];
      const request = { id: 'run-1', generation: 1, optimizers: optimizers.map((o) => ({ ...o })), start: [-1.2, 1] as [number, number], steps: 8, gtol: 1e-8 };
      await runSideBySide(p, request, [new IterateList(), new IterateList()], {
        onBatch: (b) => void batches.push(structuredClone(b)),
        onDone: (_i, r) => void done.push(r),
        onError: (_i, m) => expect.fail(m),
        onNote: () => {},
      }, NO_LOSSES).done;
      expect(done).toHaveLength(2);
      expect(batches.length).toBeGreaterThan(0);
      for (const b of batches) columnsAcceptedTamperedRefused(b);
      for (const r of done) acceptsRealRejectsTampered('run', runResultSchema, r, 'reason', ['nit']);
    }
    expect(runResultSchema.shape.reason.safeParse('diverged at step 4').success).toBe(true);
    expect(runResultSchema.shape.reason.safeParse('diverged at step four').success).toBe(false);
  }, 60_000);

  it('problem loads (a function, a network) and upload checks (a good and a bad CSV)', () => {
    acceptsRealRejectsTampered('problem', problemLoadSchema, { ok: true, info: fn.info }, 'info', ['info', 'dim']);
    acceptsRealRejectsTampered('problem', problemLoadSchema, { ok: true, info: net.info }, 'info', ['info', 'dim']);
    expect(net.info.plane?.method).toBe('random');
    const good = checkUpload({ source: 'csv', name: 'a.csv', text: 'x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n' });
    const bad = checkUpload({ source: 'csv', name: 'b.csv', text: 'x1,x2,label\n0,oops,0\n' });
    expect([good.ok, bad.ok]).toEqual([true, false]);
    acceptsRealRejectsTampered('upload check', uploadCheckSchema, good, 'ok');
    acceptsRealRejectsTampered('upload check', uploadCheckSchema, bad, 'ok');
    expect(uploadCheckSchema.safeParse({ ok: false }).success).toBe(false);
  });

  it('the backend the worker started', async () => {
    const info = await new BackendQueue(new Generations()).init({ id: 'backend-1', generation: 1, request: 'cpu', cached: null });
    expect(info.backend).toBe('cpu');
    // A backend's answer holds no number unless auto timed the backends.
    acceptsRealRejectsTampered('backend', backendInfoSchema, info, 'reason');
    expect(backendInfoSchema.safeParse({ ...info, requested: 'tpu' }).success).toBe(false);
  }, 60_000);

  it('checkResult hands back the value itself, or one line naming the result and the field', () => {
    // Messages are flushed by time, so which one carries the first point depends on the machine.
    const real = progress.find((p) => p.points.length > 0)!;
    expect(checkResult('training progress', trainProgressSchema, real)).toBe(real);
    const bad = { ...real, points: [{ ...real.points[0], lambdaMax: 'big' }] } as unknown as TrainProgress;
    expect(() => checkResult('training progress', trainProgressSchema, bad)).toThrow(InvalidResultError);
    expect(() => checkResult('training progress', trainProgressSchema, bad)).toThrow(/^malformed training progress result from the worker: points\.0\.lambdaMax: expected a number$/);
  });

  it('covered every result kind', () => {
    expect([...checked].sort()).toEqual(
      ['Hessian', 'backend', 'problem', 'upload check', 'run', 'run records', 'curvature', 'curvature matrix', 'decision grid', 'density', 'escape line', 'interpolation', 'mini-batch', 'surface', 'training', 'training progress'].sort(),
    );
  });
});
