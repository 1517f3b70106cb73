/**
 * The curvature matrices every spectral tool and curvature-based optimizer can work on: the
 * Hessian, the generalised Gauss-Newton matrix and the empirical Fisher, each a linear operator
 * built from an Objective's counted products (as Curvlinops and hessian-eigenthings treat them).
 */
import { z } from 'zod';
import type { Counts, Objective } from '../objective';
import type { MatVec } from '../eigen/types';
import { TEST_FUNCTIONS } from '../functions/registry';

export const CURVATURE_MATRIX_NAMES = ['hessian', 'ggn', 'empirical-fisher'] as const;
/** The one schema of the `matrix` setting (UI, URL, CLI, worker protocol). */
export const curvatureMatrixSchema = z.enum(CURVATURE_MATRIX_NAMES);
export type CurvatureMatrixName = z.infer<typeof curvatureMatrixSchema>;

export interface CurvatureMatrix {
  name: CurvatureMatrixName;
  label: string;
  /** The symbol the app and CLI print. */
  symbol: string;
  citation: string;
  /** What the matrix is, and why it differs from the others: shown beside its spectrum. */
  note: string;
  /** Positive semi-definite by construction (plus weight decay). */
  psd: boolean;
  /** Which objectives offer it, for the message where one does not. */
  unavailable: string;
  /** Whether `objective` offers this matrix's product. */
  available(objective: Objective): boolean;
  /** The products of this matrix the objective has spent so far. */
  products(counts: Counts): number;
  /** The matrix at w as an operator; throws when the objective lacks the product. */
  operator(objective: Objective, w: Float64Array): MatVec;
}

/** The 2-D test functions that are sums of squares, which therefore have a Gauss-Newton matrix. */
const LEAST_SQUARES_NAMES = TEST_FUNCTIONS.filter((f) => f.leastSquares)
  .map((f) => f.name)
  .join(', ');

function missing(m: CurvatureMatrix): never {
  throw new Error(`this objective has no ${m.label} product: ${m.unavailable}`);
}

export const CURVATURE_MATRICES: CurvatureMatrix[] = [
  {
    name: 'hessian',
    label: 'Hessian',
    symbol: 'H',
    citation: 'Pearlmutter 1994, Fast exact multiplication by the Hessian',
    note: 'The exact second derivative of the loss: indefinite away from a minimum; its negative eigenvalues are the saddle directions.',
    psd: false,
    unavailable: 'every objective has Hessian-vector products',
    available: () => true,
    products: (c) => c.hvps,
    operator: (objective, w) => (v) => objective.hvp(w, v),
  },
  {
    name: 'ggn',
    label: 'Gauss-Newton (= Fisher)',
    symbol: 'G',
    citation: 'Schraudolph 2002, Fast Curvature Matrix-Vector Products for Second-Order Gradient Descent; Martens 2010, Deep learning via Hessian-free optimization',
    note:
      'G = J^T (d2L/dz2) J + wd I: the Hessian without the term that weights the network\'s own second derivatives by the loss gradient, so G >= 0 whenever the loss is convex in the outputs z. For softmax and binary cross-entropy and for squared error the model defines a predictive distribution (categorical, Bernoulli, Gaussian) whose log-likelihood is the loss; its Fisher information E_y~model[g g^T] equals J^T (d2L/dz2) J because the output Hessian of such an exponential-family loss does not depend on the target (Martens 2020, New Insights and Perspectives on the Natural Gradient Method). G is therefore also the Fisher. A 2-D function written as f = w sum_i r_i^2 has G = 2 w J^T J (J the residuals\' Jacobian), equal to H wherever the residuals vanish (Nocedal & Wright 2006, Numerical Optimization, Sec. 10.3).',
    psd: true,
    unavailable: `G exists for network losses that are convex in the outputs and for the 2-D functions that are sums of squared residuals (${LEAST_SQUARES_NAMES}); this function is not a sum of squares, so it has no Gauss-Newton matrix`,
    available: (objective) => objective.ggnvp !== undefined,
    products: (c) => c.ggnvps,
    operator: (objective, w) => {
      const ggnvp = objective.ggnvp?.bind(objective) ?? missing(getCurvatureMatrix('ggn'));
      return (v) => ggnvp(w, v);
    },
  },
  {
    name: 'empirical-fisher',
    label: 'Empirical Fisher',
    symbol: 'F\u0303',
    citation: 'Kunstner, Hennig & Balles 2019, Limitations of the empirical Fisher approximation for natural gradient descent',
    note:
      'The mean of the per-example gradient outer products at the training labels (plus wd I). It is not the Fisher: the Fisher takes the expectation over labels drawn from the model, the empirical Fisher uses the data\'s labels. The two agree only when the model fits the data distribution, so near a poor fit its eigen-directions follow the gradient\'s scale rather than the curvature, and as the per-example gradients vanish at an interpolating minimum it goes to zero while G does not (Kunstner et al. 2019).',
    psd: true,
    unavailable: 'it needs per-example gradients, which network losses have and 2-D functions (one term, no examples) do not',
    available: (objective) => objective.empiricalFisherVp !== undefined,
    products: (c) => c.efvps,
    operator: (objective, w) => {
      const efvp = objective.empiricalFisherVp?.bind(objective) ?? missing(getCurvatureMatrix('empirical-fisher'));
      return (v) => efvp(w, v);
    },
  },
];

export function getCurvatureMatrix(name: string): CurvatureMatrix {
  const m = CURVATURE_MATRICES.find((c) => c.name === name);
  if (!m) throw new Error(`Unknown curvature matrix "${name}". Known: ${CURVATURE_MATRIX_NAMES.join(', ')}`);
  return m;
}

/** The matrices `objective` offers, in registry order. */
export function availableCurvatureMatrices(objective: Objective): CurvatureMatrix[] {
  return CURVATURE_MATRICES.filter((m) => m.available(objective));
}
