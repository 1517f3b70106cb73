import { countedObjective, type Objective } from '../objective';
import type { LeastSquares, TestFunction2D } from './types';

function assertDim2(w: Float64Array): void {
  if (w.length !== 2) throw new Error(`A 2-D test function needs a point of length 2, got ${w.length}`);
}

/** G v = 2 weight J^T (J v) of a sum of squares (types.ts, LeastSquares). */
function gaussNewtonProduct(ls: LeastSquares): (w: Float64Array, v: Float64Array) => Promise<Float64Array> {
  return async (w, v) => {
    assertDim2(w);
    const out = new Float64Array(2);
    for (const [jx, jy] of ls.jacobian(w[0], w[1])) {
      const jv = 2 * ls.weight * (jx * v[0] + jy * v[1]);
      out[0] += jx * jv;
      out[1] += jy * jv;
    }
    return out;
  };
}

/**
 * The counted Objective of a 2-D test function, with its exact dense Hessian and, for a sum of
 * squares, its Gauss-Newton product (so Levenberg-Marquardt, natural gradient and Hessian-free's
 * Gauss-Newton curvature apply to it); other functions offer none.
 */
export function functionObjective(fn: TestFunction2D): Objective {
  return countedObjective({
    ...(fn.leastSquares ? { ggnvp: gaussNewtonProduct(fn.leastSquares) } : {}),
    dim: 2,
    value: async (w) => {
      assertDim2(w);
      return fn.f(w[0], w[1]);
    },
    valueAndGrad: async (w) => {
      assertDim2(w);
      const [gx, gy] = fn.grad(w[0], w[1]);
      return { value: fn.f(w[0], w[1]), grad: Float64Array.of(gx, gy) };
    },
    hvp: async (w, v) => {
      assertDim2(w);
      const [hxx, hxy, hyy] = fn.hessian(w[0], w[1]);
      return Float64Array.of(hxx * v[0] + hxy * v[1], hxy * v[0] + hyy * v[1]);
    },
    hessian: async (w) => {
      assertDim2(w);
      const [hxx, hxy, hyy] = fn.hessian(w[0], w[1]);
      return Float64Array.of(hxx, hxy, hxy, hyy);
    },
  });
}
