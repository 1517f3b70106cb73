/** What an objective has spent so far; every result reports these (scipy's nfev/njev/nhev). */
export interface Counts {
  values: number;
  gradients: number;
  hvps: number;
}

export interface ValueAndGrad {
  value: number;
  grad: Float64Array;
}

/**
 * A twice-differentiable scalar function of a flat parameter vector.
 * Async because tensor backends read results back asynchronously.
 */
export interface Objective {
  readonly dim: number;
  readonly counts: Counts;
  value(w: Float64Array): Promise<number>;
  valueAndGrad(w: Float64Array): Promise<ValueAndGrad>;
  hvp(w: Float64Array, v: Float64Array): Promise<Float64Array>;
  /** Dense Hessian as row-major dim x dim, only for small dim. */
  hessian?(w: Float64Array): Promise<Float64Array>;
}

/** The raw computations an objective is made of, before counting. */
export interface ObjectiveFunctions {
  readonly dim: number;
  value(w: Float64Array): Promise<number>;
  valueAndGrad(w: Float64Array): Promise<ValueAndGrad>;
  hvp(w: Float64Array, v: Float64Array): Promise<Float64Array>;
  hessian?(w: Float64Array): Promise<Float64Array>;
}

export function zeroCounts(): Counts {
  return { values: 0, gradients: 0, hvps: 0 };
}

/** Wraps raw functions so each call is counted; a dense Hessian counts as `dim` HVPs. */
export function countedObjective(f: ObjectiveFunctions): Objective {
  const counts = zeroCounts();
  const hessian = f.hessian;
  return {
    dim: f.dim,
    counts,
    value(w) {
      counts.values++;
      return f.value(w);
    },
    valueAndGrad(w) {
      counts.values++;
      counts.gradients++;
      return f.valueAndGrad(w);
    },
    hvp(w, v) {
      counts.hvps++;
      return f.hvp(w, v);
    },
    hessian: hessian
      ? (w) => {
          counts.hvps += f.dim;
          return hessian(w);
        }
      : undefined,
  };
}

/** A snapshot, so later calls do not change a reported figure. */
export function copyCounts(c: Counts): Counts {
  return { values: c.values, gradients: c.gradients, hvps: c.hvps };
}
