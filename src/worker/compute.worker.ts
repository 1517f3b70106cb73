/** The compute worker: problems, surfaces, optimizer runs and curvature, off the page's thread. */
import * as Comlink from 'comlink';
import type { ComputeApi } from '../protocol/api';
import { backendInitRequestSchema } from '../protocol/backend';
import { curvatureRequestSchema, escapeRequestSchema, pointCurvatureRequestSchema, type IterateRef } from '../protocol/curvature';
import { curvatureMatrixRequestSchema } from '../protocol/curvature-matrix';
import {
  densityRequestSchema,
  hessianRequestSchema,
  interpolationRequestSchema,
  miniBatchRequestSchema,
  networkSurfaceRequestSchema,
  trainRequestSchema,
} from '../protocol/network';
import { parseRequest } from '../protocol/parse';
import { problemRequestSchema, uploadCheckRequestSchema } from '../protocol/problem';
import { checkUpload } from './upload-check';
import { runRequestSchema } from '../protocol/run';
import { surfaceRequestSchema } from '../protocol/surface';
import type { BackendQueue } from './backend-init';
import { functionCurvature, networkCurvature } from './curvature';
import { escapeLine } from './escape-line';
import { explorerSurface } from './explorer-surface';
import { Generations } from './generations';
import type { NetworkApi } from './network-analysis';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { RunStore } from './run-store';
import { NO_LOSSES } from './device-loss';
import { runSideBySide, type RunControl } from './side-by-side';
import { Slicer } from './work-slices';

let loaded: LoadedProblem | null = null;
let control: RunControl | null = null;
const generations = new Generations();
const runs = new RunStore();

/** TF.js and the network computations load on first use: the 2-D Explorer never waits for them. */
let backendQueue: Promise<BackendQueue> | null = null;
let startedQueue: BackendQueue | null = null;
function backends(): Promise<BackendQueue> {
  backendQueue ??= import('./backend-init').then(({ BackendQueue }) => (startedQueue = new BackendQueue(generations)));
  return backendQueue;
}
let networkApi: Promise<NetworkApi> | null = null;
function network(): Promise<NetworkApi> {
  networkApi ??= import('./network-analysis').then(({ createNetworkApi }) => createNetworkApi({ loaded: () => loaded, runs, generations, backends: () => startedQueue ?? NO_LOSSES }));
  return networkApi;
}

function problemNow(): LoadedProblem {
  if (!loaded) throw new Error('no problem loaded');
  return loaded;
}

function iterateAt(ref: IterateRef): Float64Array {
  const run = runs.run(ref.runId)?.[ref.index];
  if (!run || run.length === 0) throw new Error('no iterate to analyse: that run is gone or has not started (run the optimizers first)');
  return run.at(Math.min(run.length - 1, ref.iteration));
}

const api: ComputeApi = {
  async init(request, onLost) {
    const req = parseRequest('backend', backendInitRequestSchema, request);
    return (await backends()).init(req, onLost);
  },

  async setProblem(request) {
    const req = parseRequest('problem', problemRequestSchema, request);
    generations.begin('problem', req.generation);
    try {
      const next = await loadProblem(req.spec, req.custom, req.idx);
      if (generations.isStale('problem', req.generation)) return { ok: false, error: 'superseded by a newer problem' };
      // A new problem stops the surface being drawn for the old one and forgets the old runs.
      generations.cancel('surface');
      control?.cancel();
      runs.dropAll();
      loaded = next;
      return { ok: true, info: loaded.info };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  },

  async checkUpload(request) {
    return checkUpload(parseRequest('problem', uploadCheckRequestSchema, request).custom);
  },

  async surface(request, onProgress) {
    const req = parseRequest('surface', surfaceRequestSchema, request);
    const p = problemNow();
    generations.begin('surface', req.generation);
    const slicer = new Slicer(() => generations.isStale('surface', req.generation));
    return explorerSurface(p, req.resolution, req.domain ?? p.info.domain, { onProgress, slicer });
  },

  async run(request, events) {
    const req = parseRequest('run', runRequestSchema, request);
    const p = problemNow();
    control?.cancel();
    generations.begin('run', req.generation);
    const iterates = runs.startRun(req.id, req.optimizers.length);
    const mine = runSideBySide(p, req, iterates, events, startedQueue ?? NO_LOSSES);
    control = mine;
    try {
      await mine.done;
    } finally {
      if (control === mine) control = null;
    }
  },

  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stepOnce: () => control?.stepOnce(),
  cancel: () => control?.cancel(),

  dropRuns(): void {
    control?.cancel();
    runs.dropRuns();
  },

  async curvature(request) {
    const req = parseRequest('curvature', curvatureRequestSchema, request);
    const p = problemNow();
    const w = iterateAt(req.at);
    if (p.fn) return functionCurvature(p.fn, w[0], w[1]);
    generations.begin('curvature', req.generation);
    return networkCurvature(p, w, new Slicer(() => generations.isStale('curvature', req.generation))).then((c) => c.curvature);
  },

  async curvatureAt(request) {
    const req = parseRequest('curvature', pointCurvatureRequestSchema, request);
    const p = problemNow();
    if (p.fn) return functionCurvature(p.fn, req.point[0], req.point[1]);
    generations.begin('curvature', req.generation);
    return networkCurvature(p, p.toFull(req.point), new Slicer(() => generations.isStale('curvature', req.generation))).then((c) => c.curvature);
  },

  async pointCurvature(request) {
    const req = parseRequest('pointCurvature', pointCurvatureRequestSchema, request);
    return loaded?.fn ? functionCurvature(loaded.fn, req.point[0], req.point[1]) : null;
  },

  async escapeLine(request) {
    const req = parseRequest('escape', escapeRequestSchema, request);
    const p = problemNow();
    generations.begin('escape', req.generation);
    return escapeLine(p, iterateAt(req.at), req.maxStep, req.count, new Slicer(() => generations.isStale('escape', req.generation)));
  },

  async networkSurface(req, onProgress) {
    return (await network()).networkSurface(parseRequest('netSurface', networkSurfaceRequestSchema, req), onProgress);
  },
  async networkInterpolate(req) {
    return (await network()).networkInterpolate(parseRequest('interpolation', interpolationRequestSchema, req));
  },
  async trainCurvature(req, onProgress) {
    return (await network()).trainCurvature(parseRequest('training', trainRequestSchema, req), onProgress);
  },
  async spectralDensity(req) {
    return (await network()).spectralDensity(parseRequest('density', densityRequestSchema, req));
  },
  async miniBatchSharpness(req) {
    return (await network()).miniBatchSharpness(parseRequest('minibatch', miniBatchRequestSchema, req));
  },
  async hessianBlocks(req) {
    return (await network()).hessianBlocks(parseRequest('hessian', hessianRequestSchema, req));
  },
  networkCancel(): void {
    // Without the network module loaded there is no network work to stop.
    void networkApi?.then((n) => n.networkCancel());
  },
  async curvatureMatrix(request) {
    const req = parseRequest('curvatureMatrix', curvatureMatrixRequestSchema, request);
    return (await import('./curvature-matrix')).curvatureMatrix(loaded, runs, generations, req);
  },
  async decisionGrid(request) {
    return (await import('./decision-grid')).decisionGrid(problemNow(), request, iterateAt);
  },
};

Comlink.expose(api);
