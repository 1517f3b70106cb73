/** The compute worker: problems, surfaces, optimizer runs and curvature, off the page's thread. */
import * as Comlink from 'comlink';
import { getOptimizer, resolveHyperParams } from '../core/optim/registry';
import { runOptimizer } from '../core/optim/run';
import { configureBrowserWasmPaths } from '../engine/browser-wasm-paths';
import type { BackendRequest, ProblemSpec } from '../state/problem-spec';
import type { SurfaceGrid } from '../ui/views/types';
import type {
  BackendInfo,
  ComputeApi,
  Curvature,
  CurvatureRequest,
  CustomProblemData,
  EscapeLine,
  ProblemLoad,
  RecordBatch,
  RunEvents,
  RunRequest,
  StreamedRecord,
} from './api';
import { initBackend } from './backend-init';
import { functionCurvature, networkCurvature } from './curvature';
import { explorerSurface, type Domain } from './explorer-surface';
import { createNetworkApi } from './network-analysis';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { gatedObjective, TurnScheduler } from './scheduler';

configureBrowserWasmPaths();

/** How often streamed records are sent to the page. */
const FLUSH_MS = 60;

let loaded: LoadedProblem | null = null;
/** Bumped by each surface request and problem change, so a surface still being evaluated stops. */
let surfaceGeneration = 0;
let scheduler: TurnScheduler | null = null;
/** Full iterates of the last run, aligned with its records (networks project them away). */
let iterates: Float64Array[][] = [];

function iterateAt(req: CurvatureRequest): Float64Array {
  const run = iterates[req.runIndex];
  if (!run || run.length === 0) throw new Error('no iterate to analyse yet: run the optimizers first');
  return run[Math.max(0, Math.min(run.length - 1, req.iteration))];
}

const api: ComputeApi = {
  ...createNetworkApi({ loaded: () => loaded, runIterates: () => iterates }),

  async init(request: BackendRequest, onLost?: (info: BackendInfo) => void): Promise<BackendInfo> {
    return initBackend(request, onLost);
  },

  async setProblem(spec: ProblemSpec, custom?: CustomProblemData): Promise<ProblemLoad> {
    try {
      const next = await loadProblem(spec, custom);
      surfaceGeneration++;
      loaded = next;
      iterates = [];
      return { ok: true, info: loaded.info };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  },

  async surface(resolution: number, onProgress: (fraction: number) => void, domain?: Domain): Promise<SurfaceGrid> {
    if (!loaded) throw new Error('no problem loaded');
    const gen = ++surfaceGeneration;
    return explorerSurface(loaded, resolution, domain ?? loaded.info.domain, { onProgress, shouldCancel: () => gen !== surfaceGeneration });
  },

  async run(request: RunRequest, events: RunEvents): Promise<void> {
    const p = loaded;
    if (!p) throw new Error('no problem loaded');
    scheduler?.cancel();
    const sched = new TurnScheduler(request.optimizers.length, request.paused ?? false);
    scheduler = sched;
    const x0 = p.toFull(request.start);
    iterates = request.optimizers.map(() => []);
    /** Each run's latest off-plane distance (networks), set when its iterate is projected. */
    const planeDistances: (number | undefined)[] = request.optimizers.map(() => undefined);
    const pending: StreamedRecord[][] = request.optimizers.map(() => []);
    // Callbacks travel on their own channel, so the last batches are awaited before anything that must follow them.
    const flush = async (): Promise<void> => {
      const batches: RecordBatch[] = [];
      pending.forEach((records, index) => {
        if (records.length > 0) batches.push({ index, records: records.splice(0) });
      });
      if (batches.length > 0) await events.onBatch(batches);
    };
    const timer = setInterval(() => void flush(), FLUSH_MS);
    const disposers: (() => void)[] = [];
    try {
      await Promise.all(
        request.optimizers.map(async (o, i) => {
          try {
            const optimizer = getOptimizer(o.name);
            const hp = resolveHyperParams(optimizer, o.hyperParams);
            const inner = p.objective();
            disposers.push(() => inner.dispose?.());
            const objective = gatedObjective(inner, sched, i);
            const result = await runOptimizer(optimizer, objective, Float64Array.from(x0), {
              maxIter: request.steps,
              gtol: request.gtol,
              hp,
              project: (x) => {
                iterates[i].push(Float64Array.from(x));
                const placed = p.place(x);
                planeDistances[i] = placed.planeDistance;
                return placed.at;
              },
              onRecord: (r) => {
                const streamed: StreamedRecord = { ...r, timeMs: Math.max(0, r.timeMs - sched.waitedMs[i]) };
                if (planeDistances[i] !== undefined) streamed.planeDistance = planeDistances[i];
                pending[i].push(streamed);
                sched.endTurn(i);
              },
              shouldStop: () => sched.cancelled,
            });
            sched.finish(i);
            await flush();
            // The records already streamed (with waiting time taken out); the summary need not repeat them.
            await events.onDone(i, { ...result, records: [] });
          } catch (e) {
            sched.finish(i);
            await flush();
            await events.onError(i, (e as Error).message);
          }
        }),
      );
    } finally {
      clearInterval(timer);
      await flush();
      for (const d of disposers) d();
      if (scheduler === sched) scheduler = null;
    }
  },

  pause(): void {
    scheduler?.pause();
  },
  resume(): void {
    scheduler?.resume();
  },
  stepOnce(): void {
    scheduler?.stepOnce();
  },
  cancel(): void {
    scheduler?.cancel();
  },

  async curvature(request: CurvatureRequest): Promise<Curvature> {
    const p = loaded;
    if (!p) throw new Error('no problem loaded');
    const w = iterateAt(request);
    if (p.fn) return functionCurvature(p.fn, w[0], w[1]);
    const objective = p.objective();
    try {
      return (await networkCurvature(objective, w)).curvature;
    } finally {
      objective.dispose?.();
    }
  },

  async curvatureAt(point: [number, number]): Promise<Curvature> {
    const p = loaded;
    if (!p) throw new Error('no problem loaded');
    if (p.fn) return functionCurvature(p.fn, point[0], point[1]);
    const objective = p.objective();
    try {
      return (await networkCurvature(objective, p.toFull(point))).curvature;
    } finally {
      objective.dispose?.();
    }
  },

  async pointCurvature(point: [number, number]): Promise<Curvature | null> {
    return loaded?.fn ? functionCurvature(loaded.fn, point[0], point[1]) : null;
  },

  async escapeLine(request: CurvatureRequest, maxStep: number, count: number): Promise<EscapeLine> {
    const p = loaded;
    if (!p) throw new Error('no problem loaded');
    const w = iterateAt(request);
    const objective = p.objective();
    try {
      const { curvature, bottomVector } = await networkCurvature(objective, w);
      const { grad } = await objective.valueAndGrad(w);
      // Orient the eigenvector downhill so positive steps are the escape.
      let gv = 0;
      for (let k = 0; k < grad.length; k++) gv += grad[k] * bottomVector[k];
      const sign = gv > 0 ? -1 : 1;
      const steps: number[] = [];
      const losses: number[] = [];
      for (let s = 0; s < count; s++) {
        const t = (maxStep * s) / (count - 1);
        const x = Float64Array.from(w);
        for (let k = 0; k < x.length; k++) x[k] += sign * t * bottomVector[k];
        steps.push(t);
        losses.push(await objective.value(x));
      }
      return { lambda: curvature.bottom, steps, losses };
    } finally {
      objective.dispose?.();
    }
  },
};

Comlink.expose(api);
