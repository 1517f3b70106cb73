/**
 * The Hessian beside the Gauss-Newton matrix at one point: what G keeps and what it drops. H = G +
 * sum_i (dL/dz_i) d2z_i/dw2, so the two differ by the term that weights the network's own second
 * derivatives with the loss gradient; that term carries all of H's negative curvature (G >= 0), and
 * it shrinks as the residuals do (Martens 2020, New Insights and Perspectives on the Natural
 * Gradient Method, Sec. 8; Sagun et al. 2018, Empirical Analysis of the Hessian of Over-Parametrized
 * Neural Networks, on the bulk-and-outliers split).
 */
import type { Objective } from '../objective';
import { lanczos } from '../eigen/lanczos';
import { dot, norm } from '../linalg/vector';
import { getCurvatureMatrix } from './registry';

export interface CurvatureComparisonOptions {
  /** Eigenvalues at each end. */
  k: number;
  tol: number;
  seed: number;
  maxProducts?: number;
}

export interface CurvatureComparison {
  /** Descending. */
  hessianTop: number[];
  /** Ascending: its negative entries are the curvature G drops. */
  hessianBottom: number[];
  ggnTop: number[];
  ggnBottom: number[];
  /** The angle between the top eigenvectors of H and G in degrees, in [0, 90] (an eigenvector's sign is arbitrary). */
  topAngleDegrees: number;
  /** lambda_max(H) - lambda_max(G). */
  topGap: number;
  hvps: number;
  ggnvps: number;
  converged: boolean;
}

/** Both ends of H's and G's spectra by Lanczos and the angle between their top eigenvectors, at w. */
export async function compareHessianAndGgn(objective: Objective, w: Float64Array, opts: CurvatureComparisonOptions): Promise<CurvatureComparison> {
  const n = objective.dim;
  const k = Math.min(opts.k, n);
  const solve = async (name: 'hessian' | 'ggn') => {
    const m = getCurvatureMatrix(name);
    const before = m.products(objective.counts);
    const eig = await lanczos.solve(m.operator(objective, w), n, { k, which: 'both', tol: opts.tol, seed: opts.seed, maxProducts: opts.maxProducts });
    return { eig, products: m.products(objective.counts) - before };
  };
  const h = await solve('hessian');
  const g = await solve('ggn');
  const u = h.eig.top[0].vector;
  const v = g.eig.top[0].vector;
  const cos = Math.min(1, Math.abs(dot(u, v)) / (norm(u) * norm(v)));
  return {
    hessianTop: h.eig.top.map((p) => p.value),
    hessianBottom: h.eig.bottom.map((p) => p.value),
    ggnTop: g.eig.top.map((p) => p.value),
    ggnBottom: g.eig.bottom.map((p) => p.value),
    topAngleDegrees: (Math.acos(cos) * 180) / Math.PI,
    topGap: h.eig.top[0].value - g.eig.top[0].value,
    hvps: h.products,
    ggnvps: g.products,
    converged: h.eig.converged && g.eig.converged,
  };
}
