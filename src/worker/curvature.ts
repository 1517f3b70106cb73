/** Hessian extremes at a point: exact for 2-D functions, Lanczos on HVPs for networks. */
import { lanczos } from '../core/eigen/lanczos';
import type { TestFunction2D } from '../core/functions/types';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import type { Objective } from '../core/objective';
import type { Curvature } from '../protocol/curvature';
import type { LoadedProblem } from './problem-objective';
import { slicedObjective, type Slicer } from './work-slices';

/** Eigenvalues within this fraction of the largest magnitude count as zero. */
const ZERO_TOL = 1e-9;

function classify(top: number, bottom: number, negativeCount: number): Curvature['kind'] {
  const scale = Math.max(Math.abs(top), Math.abs(bottom));
  if (scale === 0 || (Math.abs(top) <= ZERO_TOL * Math.max(1, scale) && Math.abs(bottom) <= ZERO_TOL * Math.max(1, scale)))
    return 'flat';
  if (negativeCount === 0) return 'minimum';
  if (top < 0) return 'maximum';
  return 'saddle';
}

function condition(top: number, bottom: number): number {
  const lo = Math.min(Math.abs(top), Math.abs(bottom));
  const hi = Math.max(Math.abs(top), Math.abs(bottom));
  return lo === 0 ? Infinity : hi / lo;
}

export function functionCurvature(fn: TestFunction2D, x: number, y: number): Curvature {
  const [hxx, hxy, hyy] = fn.hessian(x, y);
  const eig = symmetricEigen(Float64Array.of(hxx, hxy, hxy, hyy), 2);
  const [bottom, top] = [eig.values[0], eig.values[1]];
  const scale = Math.max(Math.abs(top), Math.abs(bottom), 1e-300);
  const negativeCount = [bottom, top].filter((v) => v < -ZERO_TOL * scale).length;
  const pairs = [0, 1].map((j) => ({
    value: eig.values[j],
    vector: [eig.vectors[j], eig.vectors[2 + j]] as [number, number],
  }));
  return {
    top,
    bottom,
    condition: condition(top, bottom),
    negativeCount,
    kind: classify(top, bottom, negativeCount),
    method: 'exact 2x2 Hessian',
    products: 0,
    pairs,
  };
}

export interface NetworkCurvature {
  curvature: Curvature;
  bottomVector: Float64Array;
}

/** Lanczos on the Hessian operator at `w` (Lanczos 1950, with full re-orthogonalisation). */
export async function lowestEigenpair(objective: Objective, w: Float64Array): Promise<NetworkCurvature> {
  const result = await lanczos.solve((v) => objective.hvp(w, v), objective.dim, {
    k: 1,
    which: 'both',
    tol: 1e-5,
    maxProducts: Math.min(objective.dim, 120),
    seed: 1,
  });
  const top = result.top[0].value;
  const bottom = result.bottom[0].value;
  const scale = Math.max(Math.abs(top), Math.abs(bottom), 1e-300);
  // Lanczos gives the extremes only: a negative bottom proves at least one negative eigenvalue.
  const negativeCount = bottom < -ZERO_TOL * scale ? (top < -ZERO_TOL * scale ? objective.dim : 1) : 0;
  return {
    curvature: {
      top,
      bottom,
      condition: condition(top, bottom),
      negativeCount,
      negativeAtLeast: negativeCount === 1,
      kind: classify(top, bottom, negativeCount),
      method: result.method,
      products: result.products,
    },
    bottomVector: result.bottom[0].vector,
  };
}

/** Lanczos curvature of a network at `w`, in slices that a newer request of the page can stop. */
export async function networkCurvature(p: LoadedProblem, w: Float64Array, slicer: Slicer): Promise<NetworkCurvature> {
  const raw = p.objective();
  try {
    return await lowestEigenpair(slicedObjective(raw, slicer), w);
  } finally {
    raw.dispose?.();
  }
}
