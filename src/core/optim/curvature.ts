import type { Objective } from '../objective';
import { denseMatrix } from '../eigen/dense';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { dot } from '../linalg/vector';

/** Beyond this dimension second-order optimizers use products only, never a dense Hessian. */
export const DENSE_LIMIT = 200;

/** The dense Hessian: the objective's own if it has one, else dim HVPs with unit vectors. */
export function denseHessian(objective: Objective, x: Float64Array): Promise<Float64Array> {
  return objective.hessian ? objective.hessian(x) : denseMatrix((v) => objective.hvp(x, v), objective.dim);
}

/**
 * -sum_j (v_j . g) / c(lambda_j) v_j over the eigenpairs of the symmetric H; c maps each
 * eigenvalue to the curvature used (|lambda| for saddle-free Newton), 0 drops the direction.
 */
export function spectralStep(h: Float64Array, n: number, g: Float64Array, c: (lambda: number) => number): Float64Array {
  const { values, vectors } = symmetricEigen(h, n);
  const d = new Float64Array(n);
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const curv = c(values[j]);
    if (curv === 0) continue;
    for (let i = 0; i < n; i++) v[i] = vectors[i * n + j];
    const coef = -dot(v, g) / curv;
    for (let i = 0; i < n; i++) d[i] += coef * v[i];
  }
  return d;
}

/** Largest |eigenvalue|, the scale that relative curvature floors refer to. */
export function spectralRadius(h: Float64Array, n: number): number {
  const { values } = symmetricEigen(h, n);
  return n === 0 ? 0 : Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
}
