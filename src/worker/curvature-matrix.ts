/**
 * The curvature-matrix view's work in the worker: H and G at one point of the loaded network,
 * through the sliced objective so a newer request or Cancel stops it between products.
 */
import { compareHessianAndGgn } from '../core/curvature/compare';
import type { CurvatureMatrixReport, CurvatureMatrixRequest } from '../protocol/curvature-matrix';
import type { PointRef, RunIds } from '../protocol/network';
import type { Generations } from './generations';
import type { LoadedProblem } from './problem-objective';
import type { RunStore } from './run-store';
import { Slicer, slicedObjective } from './work-slices';

/** Products per end per matrix before Lanczos gives up; enough for the P of the app's networks. */
const MAX_PRODUCTS = 400;

/** The parameters `ref` names: the initial ones, the training run's end, or an explorer run's last iterate. */
function pointOf(p: LoadedProblem, runs: RunStore, ids: RunIds, ref: PointRef): Float64Array {
  const net = p.network!.problem;
  if (ref.kind === 'init') return Float64Array.from(net.params);
  if (ref.kind === 'trained') {
    const trained = runs.training(ids.trained, p);
    if (!trained) throw new Error('no training run yet: train the network in the curvature panel first');
    return trained[trained.length - 1];
  }
  const run = runs.run(ids.explorer)?.[ref.index];
  if (!run || run.length === 0) throw new Error(`explorer run ${ref.index + 1} has no iterates: run the optimizers first`);
  return run.last();
}

export async function curvatureMatrix(p: LoadedProblem | null, runs: RunStore, generations: Generations, req: CurvatureMatrixRequest): Promise<CurvatureMatrixReport> {
  if (!p) throw new Error('no problem loaded');
  if (!p.network) throw new Error('the curvature matrix view needs a network problem (a dataset, CSV or problem file)');
  generations.begin('curvatureMatrix', req.generation);
  const slicer = new Slicer(() => generations.isStale('curvatureMatrix', req.generation));
  const w = pointOf(p, runs, req.held, req.at);
  const f = p.objective();
  try {
    if (!f.ggnvp) throw new Error("this problem's loss offers no Gauss-Newton product, so there is no G to set beside H");
    const cmp = await compareHessianAndGgn(slicedObjective(f, slicer), w, { k: req.k, tol: req.tol, seed: req.seed, maxProducts: MAX_PRODUCTS });
    return { ...cmp, dim: f.dim, at: req.at };
  } finally {
    f.dispose?.();
  }
}
