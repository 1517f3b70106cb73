import { countedObjective, type Objective } from '../objective';
import { dot, matVec } from '../linalg/vector';

/** f(x) = 0.5 x^T A x - b^T x for a symmetric row-major A: exact gradient A x - b, Hessian A. */
export function quadraticObjective(a: Float64Array, b: Float64Array): Objective {
  const n = b.length;
  const grad = (w: Float64Array): Float64Array => {
    const g = matVec(a, n, w);
    for (let i = 0; i < n; i++) g[i] -= b[i];
    return g;
  };
  return countedObjective({
    dim: n,
    value: async (w) => 0.5 * dot(w, matVec(a, n, w)) - dot(b, w),
    valueAndGrad: async (w) => ({ value: 0.5 * dot(w, matVec(a, n, w)) - dot(b, w), grad: grad(w) }),
    hvp: async (_w, v) => matVec(a, n, v),
  });
}

/** Wraps an objective so every call after the first `healthy` ones returns NaN. */
export function nanAfter(inner: Objective, healthy: number): Objective {
  let calls = 0;
  const sick = (): boolean => ++calls > healthy;
  return {
    dim: inner.dim,
    counts: inner.counts,
    value: async (w) => (sick() ? NaN : inner.value(w)),
    valueAndGrad: async (w) => {
      const r = await inner.valueAndGrad(w);
      return sick() ? { value: NaN, grad: new Float64Array(w.length).fill(NaN) } : r;
    },
    hvp: async (w, v) => {
      const r = await inner.hvp(w, v);
      return sick() ? new Float64Array(w.length).fill(NaN) : r;
    },
    hessian: inner.hessian
      ? async (w) => {
          const r = await inner.hessian!(w);
          return sick() ? new Float64Array(r.length).fill(NaN) : r;
        }
      : undefined,
  };
}
