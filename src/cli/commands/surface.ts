import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../../core/limits';
import { type BiasMode, type DirectionInput, type DirectionMethodName, getDirectionMethod, modelFilterGroups } from '../../core/landscape/directions';
import { surfaceToCsv, surfaceToVtk } from '../../core/landscape/export';
import { type SurfaceResult, surfaceGrid } from '../../core/landscape/grid';
import { projectOntoPlane } from '../../core/landscape/plane';
import { getOptimizer } from '../../core/optim/registry';
import { runOptimizer } from '../../core/optim/run';
import { evaluateSurface } from '../../engine/surface-grid';
import { evaluateModelSurface } from '../../engine/model-surface';
import { modelLayout } from '../../core/problem/model';
import { type ParsedArgs, UsageError, flagOptional, flagValue } from '../args';
import { type BackendChoice, useBackend } from '../backend';
import { loadProblemFromArgs } from '../data-problem';

/** The run PCA directions come from when no --trajectory is given. */
const DEFAULT_PCA_OPTIMIZER = 'adam';

/** A trajectory file: a JSON array of parameter vectors, or { points: [...] }, or { records: [{ point }] } as `optimize` prints. */
function readTrajectory(path: string, dim: number): number[][] {
  let json: unknown;
  try {
    const bytes = statSync(path).size;
    if (bytes > LIMITS.fileBytes) {
      throw new UsageError(`--trajectory: "${path}" is ${bytes} bytes, more than ${LIMITS.fileBytes} (the input budget's fileBytes, src/core/limits.ts)`);
    }
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--trajectory: cannot read "${path}": ${(e as Error).message}`);
  }
  const obj = (typeof json === 'object' && json !== null ? json : {}) as { points?: unknown; records?: unknown };
  const points: unknown[] | null = Array.isArray(json)
    ? json
    : Array.isArray(obj.points)
      ? obj.points
      : Array.isArray(obj.records)
        ? obj.records.map((r: unknown) => (typeof r === 'object' && r !== null ? (r as { point?: unknown }).point : r))
        : null;
  if (!points) throw new UsageError(`--trajectory: ${path} holds neither an array of points, "points", nor "records"`);
  if (points.length > LIMITS.steps + 1) {
    throw new UsageError(`--trajectory: ${points.length} points is more than ${LIMITS.steps + 1} (the input budget's steps, src/core/limits.ts)`);
  }
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== dim || p.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new UsageError(`--trajectory: point ${i} is not ${dim} finite numbers (the problem's parameter count)`);
    }
  });
  if (points.length < 2) throw new UsageError(`--trajectory: needs at least 2 points, got ${points.length}`);
  return points as number[][];
}

/** `curvscape surface`: the loss on a grid over a plane of two directions through parameter space. */
export async function surfaceCommand(args: ParsedArgs): Promise<Record<string, unknown> | string> {
  const method = flagValue<DirectionMethodName>(args, 'directions');
  const size = flagValue<number>(args, 'grid');
  const spanGiven = args.flags.has('span');
  let span = flagValue<number>(args, 'span');
  const seed = flagValue<number>(args, 'seed');
  const biasMode = flagValue<BiasMode>(args, 'bias');
  const steps = flagValue<number>(args, 'steps');
  const format = flagValue<string>(args, 'format');
  const backend = await useBackend(flagValue<BackendChoice>(args, 'backend'));
  const loaded = await loadProblemFromArgs(args);
  const problem = loaded.network;
  if (!problem) throw new UsageError(`--problem: surface needs a network problem file; "${loaded.name}" is a 2-D function`);
  const objective = loaded.objective;
  const trajectoryPath = flagOptional<string>(args, 'trajectory');
  if (trajectoryPath && method !== 'pca') throw new UsageError('--trajectory: only used with --directions pca');

  const t0 = performance.now();
  const input: DirectionInput = { point: problem.params, layers: problem.layers, seed, biasMode };
  if (problem.model && problem.inputShape) input.groups = modelFilterGroups(modelLayout(problem.model, problem.inputShape));
  let source: Record<string, unknown> | null = null;
  if (method === 'pca') {
    if (trajectoryPath) {
      input.trajectory = readTrajectory(trajectoryPath, objective.dim);
      source = { file: trajectoryPath, points: input.trajectory.length };
    } else {
      const run = await runOptimizer(getOptimizer(DEFAULT_PCA_OPTIMIZER), objective, problem.params, { maxIter: steps, gtol: 0 });
      input.trajectory = run.records.map((r) => r.point);
      source = {
        note: `no --trajectory given: ${run.nit} steps of ${DEFAULT_PCA_OPTIMIZER} (default hyper-parameters) from the problem's params`,
        optimizer: DEFAULT_PCA_OPTIMIZER,
        steps: run.nit,
        final_loss: run.f,
      };
    }
  }
  if (method === 'eigen') input.hvp = (v) => objective.hvp(problem.params, v);
  const planeDirs = await getDirectionMethod(method).compute(input);
  const directionsMs = performance.now() - t0;
  const path = input.trajectory ? projectOntoPlane(planeDirs.origin, planeDirs.d1, planeDirs.d2, input.trajectory) : null;
  // PCA directions are unit vectors, so the path's own extent sets the window unless --span says otherwise.
  if (path && !spanGiven) span = 1.2 * Math.max(...path.map((c) => Math.max(Math.abs(c.alpha), Math.abs(c.beta))));

  const { alphas, betas } = surfaceGrid(size, span);
  const t1 = performance.now();
  const loss = problem.model
    ? await evaluateModelSurface(problem, planeDirs.origin, planeDirs.d1, planeDirs.d2, alphas, betas)
    : await evaluateSurface(problem, planeDirs.origin, planeDirs.d1, planeDirs.d2, alphas, betas);
  const result: SurfaceResult = { grid: size, alphas, betas, loss, directions: planeDirs.info, ms: performance.now() - t1 };
  if (format === 'vtk') return surfaceToVtk(result);
  if (format === 'csv') return surfaceToCsv(result);

  const directions: Record<string, unknown> = { ...planeDirs.info };
  if (path) {
    directions.trajectory = source;
    directions.path = path;
  }
  return {
    problem: problem.name,
    num_params: objective.dim,
    backend,
    grid: result.grid,
    span,
    alphas,
    betas,
    loss,
    directions,
    directions_ms: directionsMs,
    ms: result.ms,
  };
}
