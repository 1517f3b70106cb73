/** What an objective has spent so far; every result reports these (scipy's nfev/njev/nhev). */
export interface Counts {
  values: number;
  gradients: number;
  hvps: number;
  /** Gauss-Newton products G v: counted apart from hvps (no second-order term of the network). */
  ggnvps: number;
  /** Empirical-Fisher products: one per-example-gradient pass each. */
  efvps: number;
  /** K-FAC factor computations: one forward and one backward pass with the model's sampled targets. */
  kfacFactors: number;
}

/**
 * Per-layer Kronecker factors of a dense layer's Fisher block (Martens & Grosse 2015, "Optimizing
 * Neural Networks with Kronecker-factored Approximate Curvature"): F_l ~ A (x) S with
 * A = E[a a^T] over the layer's input with a 1 appended for the bias ([nIn+1]^2, row-major) and
 * S = E[g g^T] over the back-propagated gradients of the per-example loss at the layer's
 * pre-activations ([nOut]^2). The layer's block uses the parameter order W (row-major [nIn, nOut]) then b.
 * A conv layer's nIn is k*k*C, its inputs the im2col patches (Grosse & Martens 2016); nIn = 0 is a
 * block of one tensor with A = [1] (a layernorm gain or bias: src/engine/kfac-model.ts).
 */
export interface KfacLayerFactors {
  nIn: number;
  nOut: number;
  /** Offset of the layer's W in the flat parameter vector. */
  offset: number;
  A: Float64Array;
  S: Float64Array;
}

/**
 * One group of parameters viewed as a matrix, row-major from `offset` (a dense layer's W [nIn, nOut],
 * its b as [1, nOut]): the structure Shampoo preconditions from both sides.
 */
export interface ParamMatrix {
  offset: number;
  rows: number;
  cols: number;
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
  /** H v_i for the k rows of V (k x dim, row-major) in one pass, same layout; counted as k HVPs. */
  hvpBatch?(w: Float64Array, V: Float64Array, k: number): Promise<Float64Array>;
  /** Dense Hessian as row-major dim x dim, only for small dim. */
  hessian?(w: Float64Array): Promise<Float64Array>;
  /**
   * Generalised Gauss-Newton product G v = J^T (d2L/dz2) J v + wd v (Schraudolph 2002, "Fast
   * Curvature Matrix-Vector Products for Second-Order Gradient Descent"; Martens 2010). Only where the
   * loss is convex in the model outputs z.
   */
  ggnvp?(w: Float64Array, v: Float64Array): Promise<Float64Array>;
  /** Empirical Fisher product (1/N) sum_i g_i (g_i^T v) + wd v, g_i the per-example loss gradients. */
  empiricalFisherVp?(w: Float64Array, v: Float64Array): Promise<Float64Array>;
  /** K-FAC's per-layer factors at w, for networks of dense layers. */
  kfacFactors?(w: Float64Array): Promise<KfacLayerFactors[]>;
  /**
   * The data term's gradient at targets drawn from the model's predictive distribution (seeded), and
   * the number of rows it averages: rows * g * g is the Gauss-Newton-Bartlett estimate of diag(G - wd I)
   * (Liu et al. 2023). Counted as a gradient.
   */
  sampledTargetGradient?(w: Float64Array, seed: number): Promise<{ grad: Float64Array; rows: number }>;
  /** The parameters as matrices covering the whole vector, in order; absent for unstructured functions. */
  readonly paramMatrices?: readonly ParamMatrix[];
}

/** The raw computations an objective is made of, before counting. */
export type ObjectiveFunctions = Omit<Objective, 'counts'>;

export function zeroCounts(): Counts {
  return { values: 0, gradients: 0, hvps: 0, ggnvps: 0, efvps: 0, kfacFactors: 0 };
}

/** Wraps raw functions so each call is counted; a dense Hessian counts as `dim` HVPs. */
export function countedObjective(f: ObjectiveFunctions): Objective {
  const counts = zeroCounts();
  const hessian = f.hessian;
  const hvpBatch = f.hvpBatch;
  const ggnvp = f.ggnvp;
  const empiricalFisherVp = f.empiricalFisherVp;
  const kfacFactors = f.kfacFactors;
  const sampledTargetGradient = f.sampledTargetGradient;
  return {
    dim: f.dim,
    counts,
    paramMatrices: f.paramMatrices,
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
    hvpBatch: hvpBatch
      ? (w, V, k) => {
          counts.hvps += k;
          return hvpBatch(w, V, k);
        }
      : undefined,
    hessian: hessian
      ? (w) => {
          counts.hvps += f.dim;
          return hessian(w);
        }
      : undefined,
    ggnvp: ggnvp
      ? (w, v) => {
          counts.ggnvps++;
          return ggnvp(w, v);
        }
      : undefined,
    empiricalFisherVp: empiricalFisherVp
      ? (w, v) => {
          counts.efvps++;
          return empiricalFisherVp(w, v);
        }
      : undefined,
    kfacFactors: kfacFactors
      ? (w) => {
          counts.kfacFactors++;
          return kfacFactors(w);
        }
      : undefined,
    sampledTargetGradient: sampledTargetGradient
      ? (w, seed) => {
          counts.gradients++;
          return sampledTargetGradient(w, seed);
        }
      : undefined,
  };
}

/** A snapshot, so later calls do not change a reported figure. */
export function copyCounts(c: Counts): Counts {
  return { ...c };
}
