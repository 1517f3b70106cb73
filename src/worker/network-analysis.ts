/**
 * The Network mode's computations inside the worker: surfaces on a chosen plane, 1-D
 * interpolation, curvature over training, spectral density, mini-batch sharpness and the
 * layer-blocked Hessian. Each reads the loaded problem and the trajectories the worker holds.
 */
import { trainWithCurvature } from '../core/analysis/curvature-tracker';
import { averagedSpectralDensity } from '../core/analysis/density';
import { edgeOfStability } from '../core/analysis/edge-of-stability';
import { miniBatchSharpness } from '../core/analysis/minibatch';
import { DENSE_HEATMAP_MAX_PARAMS, denseHessianBlocks, layoutBlocks, perLayerCurvature, problemLayout } from '../core/analysis/per-layer';
import { hessianBatchOperator, hessianOperator } from '../core/analysis/spectrum';
import { denseMatrix } from '../core/eigen/dense';
import { getDirectionMethod, problemFilterGroups, type DirectionInput } from '../core/landscape/directions';
import { surfaceGrid } from '../core/landscape/grid';
import { linspace, projectOntoPlane } from '../core/landscape/plane';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import { getOptimizer, resolveHyperParams } from '../core/optim/registry';
import type { Problem } from '../core/problem/problem';
import { dataRows, miniBatchFactory } from '../engine/curvature-tracking';
import { evaluateProblemLine, evaluateProblemSurface } from '../engine/problem-surface';
import type {
  PointRef,
  ProjectedRun,
  RunIds,
  RunRef,
  TrainProgress,
} from '../protocol/network';
import type { NetworkApi } from '../protocol/api';
import type { RequestKind } from '../protocol/ticket';
import type { Generations } from './generations';
import { heldOutMetrics } from './held-out';
import { activeBackend } from '../engine/runtime';
import { continueAfterLoss, NO_LOSSES, recomputedMessage, shiftStepNumbers, trainingResumedMessage, type LossWatch } from './device-loss';
import type { DisposableObjective, LoadedProblem } from './problem-objective';
import type { RunStore } from './run-store';
import { sliceCancelled, slicedObjective, Slicer } from './work-slices';

/** The exact spectrum is formed (P products and a dense eigen-solve) for density plots up to this P. */
const EXACT_SPECTRUM_UP_TO = 200;
/** The exact trace is computed beside Hutchinson's estimate up to this P, as the CLI's train command does. */
const EXACT_TRACE_UP_TO = 200;
/** Training progress reaches the page at most this often (10 Hz): enough to watch, too few to load the page. */
const FLUSH_MS = 100;

export interface NetworkContext {
  loaded(): LoadedProblem | null;
  runs: RunStore;
  generations: Generations;
  /** Device losses (the worker's BackendQueue once a backend started); none where absent. */
  backends?: () => LossWatch;
}


export type { NetworkApi };

function networkOf(p: LoadedProblem | null): { p: LoadedProblem; problem: Problem } {
  if (!p) throw new Error('no problem loaded');
  if (!p.network) throw new Error('the Network mode needs a network problem (a dataset, CSV or problem file)');
  return { p, problem: p.network.problem };
}

async function withObjective<T>(p: LoadedProblem, slicer: Slicer, use: (f: DisposableObjective) => Promise<T>): Promise<T> {
  const f = p.objective();
  try {
    return await use(slicedObjective(f, slicer));
  } finally {
    f.dispose?.();
  }
}

/** The kinds a Network-mode Cancel stops. */
const NETWORK_KINDS: readonly RequestKind[] = ['netSurface', 'interpolation', 'training', 'density', 'minibatch', 'hessian', 'curvatureMatrix'];

/** Everything the Network mode can do, bound to the worker's problem and the runs it holds by id. */
export function createNetworkApi(ctx: NetworkContext): NetworkApi {
  const slicerFor = (kind: RequestKind, generation: number): Slicer => {
    ctx.generations.begin(kind, generation);
    return new Slicer(() => ctx.generations.isStale(kind, generation));
  };

  const watch = ctx.backends ?? ((): LossWatch => NO_LOSSES);
  /** Work with no steps to continue from runs again, whole, on the fallback backend after a lost device (the backend's notice says so). */
  const again = <T>(kind: RequestKind, generation: number, work: () => Promise<T>): Promise<T> =>
    continueAfterLoss(watch, work, () => !ctx.generations.isStale(kind, generation));

  const pointOf = (p: LoadedProblem, problem: Problem, ids: RunIds, ref: PointRef): Float64Array => ctx.runs.pointOf(ids, ref, p, problem.params);

  const allRuns = (p: LoadedProblem, ids: RunIds): { run: RunRef; iterates: Float64Array[] }[] => {
    const out: { run: RunRef; iterates: Float64Array[] }[] = [];
    const t = ctx.runs.training(ids.trained, p);
    if (t) out.push({ run: { kind: 'trained' }, iterates: t });
    const dim = p.network!.problem.params.length;
    (ctx.runs.run(ids.explorer) ?? []).forEach((iterates, index) => {
      if (iterates.length > 0 && iterates.dimension === dim) out.push({ run: { kind: 'run', index }, iterates: iterates.views() });
    });
    return out;
  };

  return {
    async networkSurface(req, onProgress) {
      const { p, problem } = networkOf(ctx.loaded());
      const slicer = slicerFor('netSurface', req.generation);
      const spec = surfaceGrid(req.grid, req.span);
      const method = getDirectionMethod(req.method);
      const point = pointOf(p, problem, req.held, req.at);
      const t0 = performance.now();
      let note: string | undefined;
      // The grid has no iterate to continue from: after a lost device it is computed again on the fallback.
      const { directions, loss } = await continueAfterLoss(watch, async () => {
        const directions = await withObjective(p, slicer, async (f) => {
          const input: DirectionInput = { point, groups: problemFilterGroups(problem), seed: req.seed };
          if (method.needs.includes('trajectory')) input.trajectory = ctx.runs.iteratesOf(req.held, req.run, p);
          if (method.needs.includes('hvp')) input.hvp = hessianOperator(f, point);
          return method.compute(input);
        });
        const loss = await evaluateProblemSurface(problem, directions.origin, directions.d1, directions.d2, spec.alphas, spec.betas, {
          onProgress,
          shouldCancel: () => sliceCancelled(slicer),
        });
        return { directions, loss };
      }, () => {
        note = recomputedMessage('surface', activeBackend());
        return !ctx.generations.isStale('netSurface', req.generation);
      });
      const projected: ProjectedRun[] = allRuns(p, req.held).map(({ run, iterates }) => ({
        run,
        points: projectOntoPlane(directions.origin, directions.d1, directions.d2, iterates),
      }));
      return { grid: req.grid, alphas: spec.alphas, betas: spec.betas, loss, directions: directions.info, ms: performance.now() - t0, span: req.span, projected, ...(note ? { note } : {}) };
    },

    async networkInterpolate(req) {
      const { p, problem } = networkOf(ctx.loaded());
      const slicer = slicerFor('interpolation', req.generation);
      const a = pointOf(p, problem, req.held, req.from);
      const b = pointOf(p, problem, req.held, req.to);
      const t = linspace(-req.extend, 1 + req.extend, req.points);
      const loss = await again('interpolation', req.generation, () => evaluateProblemLine(problem, a, b, t, { shouldCancel: () => sliceCancelled(slicer) }));
      let d = 0;
      for (let k = 0; k < a.length; k++) d += (b[k] - a[k]) ** 2;
      return { t, loss, distance: Math.sqrt(d) };
    },

    async trainCurvature(req, onProgress) {
      const { p, problem } = networkOf(ctx.loaded());
      ctx.generations.begin('training', req.generation);
      const stopped = (): boolean => ctx.generations.isStale('training', req.generation);
      // Training yields but is never thrown out of: a cancel stops it between steps with reason 'cancelled'.
      const slicer = new Slicer(() => false);
      const optimizer = getOptimizer(req.optimizer);
      const iterates = ctx.runs.startTraining(req.id, p);
      const losses: number[] = [];
      const edge = edgeOfStability(optimizer.name, resolveHyperParams(optimizer, req.hyperParams, 'network'));
      let pending: TrainProgress = { points: [], edgeOfStability: edge, step: 0, loss: NaN };
      let last = performance.now();
      // Through comlink the callback returns a promise: the last one is awaited so no point lands after the summary.
      const flush = (): Promise<void> => {
        const sent = Promise.resolve(onProgress(pending));
        pending = { points: [], edgeOfStability: edge, step: pending.step, loss: pending.loss };
        last = performance.now();
        return sent;
      };
      // After a lost device, training continues on the fallback backend from the last iterate held,
      // keeping its losses, iterates and curvature points; each attempt takes the steps still to go.
      let from = 0;
      let lastPoint = -1;
      const notes: string[] = [];
      const earlier = { warmHvps: 0, points: 0, curvatureHvps: 0 };
      const attempt = (): ReturnType<typeof trainWithCurvature> => {
        const start = from;
        // Step `start`'s iterate and loss are held when an earlier attempt recorded them.
        const continuing = losses.length > 0;
        const x0 = Float64Array.from(continuing ? iterates[start] : problem.params);
        let first = true;
        return withObjective(p, slicer, async (f) => {
          const hvpsBefore = f.counts.hvps;
          const warm = { warmHvps: 0, points: 0 };
          try {
            return await trainWithCurvature(optimizer, req.hyperParams, f, x0, {
              steps: req.steps - start,
              startStep: start,
              startMeasured: lastPoint === start,
              every: req.every,
              lanczosTol: req.lanczosTol,
              traceProbes: req.traceProbes,
              seed: req.seed,
              ggn: req.ggn ?? false,
              exactTraceUpTo: EXACT_TRACE_UP_TO,
              project: (x) => {
                // A continued attempt's first iterate is the one it continued from, already held.
                if (!(continuing && first)) iterates.push(Float64Array.from(x));
                first = false;
                return [];
              },
              onRecord: (r) => {
                if (continuing && r.iteration === start) return;
                losses.push(r.loss);
                pending.step = r.iteration;
                pending.loss = r.loss;
                if (performance.now() - last > FLUSH_MS) void flush();
              },
              onPoint: (pt) => {
                lastPoint = pt.step;
                if (pt.warmStarted && Number.isFinite(pt.lambdaMax)) {
                  warm.points++;
                  warm.warmHvps += pt.lanczosHvps;
                }
                pending.points.push(pt);
                if (performance.now() - last > FLUSH_MS) void flush();
              },
              shouldStop: stopped,
            });
          } catch (e) {
            // What the lost attempt spent still counts in the run's totals.
            earlier.warmHvps += warm.warmHvps;
            earlier.points += warm.points;
            earlier.curvatureHvps += f.counts.hvps - hvpsBefore;
            throw e;
          }
        });
      };
      const res = await continueAfterLoss(watch, attempt, async () => {
        if (stopped()) return false;
        // losses[k] is step k's; the iterates held match them one for one.
        from = Math.max(0, losses.length - 1);
        iterates.length = losses.length;
        const note = trainingResumedMessage(from, activeBackend(), optimizer.name);
        notes.push(note);
        pending.note = note;
        await flush();
        return true;
      });
      await flush();
      // train accuracy, and test loss and accuracy where the problem holds out rows, at the last iterate
      const held = await heldOutMetrics(problem, p.network?.test, Float64Array.from(res.run.x));
      return {
        ...held,
        optimizer: res.run.optimizer,
        hyperParams: res.run.hyperParams,
        edgeOfStability: res.edgeOfStability,
        warmStart: { ...res.warmStart, warmHvps: res.warmStart.warmHvps + earlier.warmHvps, points: res.warmStart.points + earlier.points },
        curvatureHvps: res.curvatureHvps + earlier.curvatureHvps,
        losses,
        reason: shiftStepNumbers(res.run.reason, from),
        dim: problem.params.length,
        ...(notes.length ? { notes } : {}),
      };
    },

    async spectralDensity(req) {
      const { p, problem } = networkOf(ctx.loaded());
      const slicer = slicerFor('density', req.generation);
      const w = pointOf(p, problem, req.held, req.at);
      let note: string | undefined;
      // Same seeds on the fallback backend: the density computed again is the one the lost device was computing.
      const result = await continueAfterLoss(watch, () => withObjective(p, slicer, async (f) => {
        const op = hessianOperator(f, w);
        const opts = { runs: req.runs, probes: req.probes, steps: req.steps, seed: req.seed };
        const density = await averagedSpectralDensity(op, f.dim, opts);
        const exact = f.dim <= EXACT_SPECTRUM_UP_TO ? Array.from(symmetricEigen(await denseMatrix(op, f.dim, { batch: hessianBatchOperator(f, w) }), f.dim).values) : null;
        const ggnvp = f.ggnvp?.bind(f);
        const ggn = req.ggn && ggnvp ? await averagedSpectralDensity((v) => ggnvp(w, v), f.dim, opts) : null;
        return { ...density, exact, ggn };
      }), () => {
        note = recomputedMessage('spectral density', activeBackend());
        return !ctx.generations.isStale('density', req.generation);
      });
      return note ? { ...result, note } : result;
    },

    async miniBatchSharpness(req) {
      const { p, problem } = networkOf(ctx.loaded());
      const slicer = slicerFor('minibatch', req.generation);
      const w = pointOf(p, problem, req.held, req.at);
      const rows = dataRows(problem);
      return again('minibatch', req.generation, () => {
        const batchObjective = miniBatchFactory(problem);
        return miniBatchSharpness((indices) => slicedObjective(batchObjective(indices), slicer), rows, w, {
          batchSize: Math.min(rows, Math.max(1, Math.round(req.batchSize))),
          batches: req.batches,
          seed: req.seed,
        });
      });
    },

    async hessianBlocks(req) {
      const { p, problem } = networkOf(ctx.loaded());
      const slicer = slicerFor('hessian', req.generation);
      const w = pointOf(p, problem, req.held, req.at);
      return again('hessian', req.generation, () => withObjective(p, slicer, async (f) => {
        const before = f.counts.hvps;
        const layout = problemLayout(problem);
        const layers = await perLayerCurvature(f, w, layout, { seed: req.seed, traceProbes: req.traceProbes });
        if (f.dim > DENSE_HEATMAP_MAX_PARAMS) {
          const blocks = layoutBlocks(layout);
          return { matrix: null, dim: f.dim, blocks, boundaries: [...blocks.map((b) => b.offset), f.dim], layers, hvps: f.counts.hvps - before };
        }
        const dense = await denseHessianBlocks(f, w, layout);
        return { matrix: Array.from(dense.matrix), dim: dense.dim, blocks: dense.blocks, boundaries: dense.boundaries, layers, hvps: f.counts.hvps - before };
      }));
    },

    networkCancel(): void {
      for (const kind of NETWORK_KINDS) ctx.generations.cancel(kind);
    },
  };
}
