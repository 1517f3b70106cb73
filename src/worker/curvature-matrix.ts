/**
 * The curvature-matrix view's work in the worker: H and G at one point of the loaded network,
 * through the sliced objective so a newer request or Cancel stops it between products.
 */
import { compareHessianAndGgn } from '../core/curvature/compare';
import type { CurvatureMatrixReport, CurvatureMatrixRequest } from '../protocol/curvature-matrix';
import type { Generations } from './generations';
import type { LoadedProblem } from './problem-objective';
import type { RunStore } from './run-store';
import { Slicer, slicedObjective } from './work-slices';

/** Products per end per matrix before Lanczos gives up; enough for the P of the app's networks. */
const MAX_PRODUCTS = 400;

export async function curvatureMatrix(p: LoadedProblem | null, runs: RunStore, generations: Generations, req: CurvatureMatrixRequest): Promise<CurvatureMatrixReport> {
  if (!p) throw new Error('no problem loaded');
  if (!p.network) throw new Error('the curvature matrix view needs a network problem (a dataset, CSV or problem file)');
  generations.begin('curvatureMatrix', req.generation);
  const slicer = new Slicer(() => generations.isStale('curvatureMatrix', req.generation));
  const w = runs.pointOf(req.held, req.at, p, p.network.problem.params);
  const f = p.objective();
  try {
    if (!f.ggnvp) throw new Error("this problem's loss offers no Gauss-Newton product, so there is no G to set beside H");
    const cmp = await compareHessianAndGgn(slicedObjective(f, slicer), w, { k: req.k, tol: req.tol, seed: req.seed, maxProducts: MAX_PRODUCTS });
    return { ...cmp, dim: f.dim, at: req.at };
  } finally {
    f.dispose?.();
  }
}
