/**
 * Spectral density by stochastic Lanczos quadrature (Lin, Saad & Yang 2016; Ghorbani, Krishnan &
 * Xiao 2019): per probe, Lanczos gives Gauss quadrature nodes (Ritz values) and weights (squared
 * first components); the density is their average, smoothed by Gaussians.
 */
import type { MatVec } from './types';
import { lanczosTridiagonal } from './lanczos';
import { tridiagonalEigenEnds } from '../linalg/tridiagonal-eigen';
import { createRng, rademacherVector } from '../random';

/** Default Gaussian width, relative to the spectrum's range: about 4 grid points at the CLI's 200. */
export const DEFAULT_SIGMA = 0.02;
/** The grid extends this many widths past the extreme nodes so the density integrates to 1. */
const PAD_WIDTHS = 5;

export interface DensityOptions {
  probes: number;
  steps: number;
  seed?: number;
  gridSize?: number;
  /** Gaussian width relative to (max node - min node). */
  sigma?: number;
}

export interface QuadratureRun {
  /** Ritz values, ascending. */
  nodes: number[];
  /** Squared first components; they sum to 1. */
  weights: number[];
}

export interface DensityResult {
  grid: number[];
  density: number[];
  runs: QuadratureRun[];
  products: number;
}

/**
 * For a unit probe v, sum_i w_i f(node_i) approximates v^T f(H) v exactly for polynomials of degree
 * below 2 * steps; averaging over Rademacher probes (as PyHessian does) makes it (1/n) tr f(H) in expectation.
 */
export async function spectralDensity(op: MatVec, n: number, opts: DensityOptions): Promise<DensityResult> {
  if (!(opts.probes >= 1) || !(opts.steps >= 1)) throw new Error('spectralDensity needs probes >= 1 and steps >= 1');
  const rng = createRng(opts.seed ?? 0);
  const gridSize = Math.max(2, opts.gridSize ?? 200);
  const sigmaRel = opts.sigma ?? DEFAULT_SIGMA;
  const runs: QuadratureRun[] = [];
  let products = 0;
  for (let p = 0; p < opts.probes; p++) {
    const lz = await lanczosTridiagonal(op, n, Math.min(opts.steps, n), rademacherVector(n, rng));
    products += lz.products;
    const ends = tridiagonalEigenEnds(lz.alpha, lz.beta);
    runs.push({ nodes: Array.from(ends.values), weights: Array.from(ends.first, (f) => f * f) });
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of runs) for (const t of r.nodes) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const width = sigmaRel * (hi > lo ? hi - lo : Math.max(Math.abs(hi), 1));
  const start = lo - PAD_WIDTHS * width;
  const step = (hi - lo + 2 * PAD_WIDTHS * width) / (gridSize - 1);
  const grid = Array.from({ length: gridSize }, (_, i) => start + i * step);
  const density = new Array<number>(gridSize).fill(0);
  const norm = 1 / (runs.length * width * Math.sqrt(2 * Math.PI));
  for (const r of runs) {
    r.nodes.forEach((t, i) => {
      const w = r.weights[i] * norm;
      for (let g = 0; g < gridSize; g++) density[g] += w * Math.exp(-0.5 * ((grid[g] - t) / width) ** 2);
    });
  }
  return { grid, density, runs, products };
}
