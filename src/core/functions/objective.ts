import { countedObjective, type Objective } from '../objective';
import type { TestFunction2D } from './types';

function assertDim2(w: Float64Array): void {
  if (w.length !== 2) throw new Error(`A 2-D test function needs a point of length 2, got ${w.length}`);
}

/** The counted Objective of a 2-D test function, with its exact dense Hessian. */
export function functionObjective(fn: TestFunction2D): Objective {
  return countedObjective({
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
