/**
 * Spectral density by stochastic Lanczos quadrature averaged over several independent runs
 * (Ghorbani, Krishnan & Xiao 2019, §2; Lin, Saad & Yang 2016): each run is spectralDensity with its
 * own seed; all runs are smoothed on one common grid so their spread can be drawn per grid point.
 */
import type { MatVec } from '../eigen/types';
import { DEFAULT_SIGMA, type QuadratureRun, spectralDensity } from '../eigen/slq';

export interface AveragedDensityOptions {
  /** Independent SLQ runs, each with its own seed. */
  runs: number;
  /** Probe vectors per run. */
  probes: number;
  /** Lanczos steps per probe (capped at n). */
  steps: number;
  seed: number;
  gridSize?: number;
  /** Gaussian width relative to the range of all Ritz values. */
  sigma?: number;
  /** Added before log10 so empty stretches stay finite; default 1e-6 of the peak density. */
  logFloor?: number;
}

export interface DensityMoments {
  /** Mean of the per-probe quadrature estimates of tr(H)/n and of tr(H^2)/n, with standard errors. */
  mean: number;
  meanStdError: number;
  second: number;
  secondStdError: number;
}

export interface AveragedDensity {
  grid: number[];
  /** Mean over runs. */
  density: number[];
  /** log10(density + logFloor), for a log-scaled plot. */
  logDensity: number[];
  logFloor: number;
  /** Per grid point over runs: sample standard deviation, minimum and maximum. */
  spread: { std: number[]; min: number[]; max: number[] };
  /** Each run's density on the common grid. */
  perRun: number[][];
  /** Gaussian width in eigenvalue units; the smoothed second moment exceeds the quadrature's by width^2. */
  width: number;
  runs: number;
  probes: number;
  steps: number;
  moments: DensityMoments;
  products: number;
}

/** The grid extends this many widths past the extreme Ritz values, as spectralDensity's does. */
const PAD_WIDTHS = 5;

function meanAndStdError(xs: number[]): { mean: number; stdError: number } {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  if (xs.length < 2) return { mean, stdError: Number.POSITIVE_INFINITY };
  const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1);
  return { mean, stdError: Math.sqrt(variance / xs.length) };
}

/** Average of Gaussians of the given width at each probe's nodes, weighted by its quadrature weights. */
function smooth(probes: QuadratureRun[], grid: number[], width: number): number[] {
  const out = new Array<number>(grid.length).fill(0);
  const c = 1 / (probes.length * width * Math.sqrt(2 * Math.PI));
  for (const r of probes) {
    r.nodes.forEach((t, i) => {
      const w = r.weights[i] * c;
      for (let g = 0; g < grid.length; g++) out[g] += w * Math.exp(-0.5 * ((grid[g] - t) / width) ** 2);
    });
  }
  return out;
}

/**
 * `runs` SLQ runs of `probes` Rademacher probes and `steps` Lanczos steps each. The moments come
 * from the quadrature itself: for a unit probe, sum_i w_i theta_i^k = v^T H^k v exactly for k < 2 steps.
 */
export async function averagedSpectralDensity(op: MatVec, n: number, opts: AveragedDensityOptions): Promise<AveragedDensity> {
  if (!(opts.runs >= 1) || !Number.isInteger(opts.runs)) throw new Error(`runs must be a positive integer, got ${opts.runs}`);
  const steps = Math.min(opts.steps, n);
  const perRunProbes: QuadratureRun[][] = [];
  let products = 0;
  for (let r = 0; r < opts.runs; r++) {
    // Seeds far apart so runs never share a probe stream.
    const d = await spectralDensity(op, n, { probes: opts.probes, steps, seed: opts.seed + 104729 * r, gridSize: 2 });
    perRunProbes.push(d.runs);
    products += d.products;
  }
  const allProbes = perRunProbes.flat();
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of allProbes) for (const t of p.nodes) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const width = (opts.sigma ?? DEFAULT_SIGMA) * (hi > lo ? hi - lo : Math.max(Math.abs(hi), 1));
  const gridSize = Math.max(2, opts.gridSize ?? 200);
  const start = lo - PAD_WIDTHS * width;
  const dx = (hi - lo + 2 * PAD_WIDTHS * width) / (gridSize - 1);
  const grid = Array.from({ length: gridSize }, (_, i) => start + i * dx);
  const perRun = perRunProbes.map((probes) => smooth(probes, grid, width));
  const density = grid.map((_, g) => perRun.reduce((s, d) => s + d[g], 0) / perRun.length);
  const std = grid.map((_, g) => {
    if (perRun.length < 2) return 0;
    return Math.sqrt(perRun.reduce((s, d) => s + (d[g] - density[g]) ** 2, 0) / (perRun.length - 1));
  });
  const min = grid.map((_, g) => Math.min(...perRun.map((d) => d[g])));
  const max = grid.map((_, g) => Math.max(...perRun.map((d) => d[g])));
  const logFloor = opts.logFloor ?? 1e-6 * Math.max(...density);
  const first = meanAndStdError(allProbes.map((p) => p.nodes.reduce((s, t, i) => s + p.weights[i] * t, 0)));
  const second = meanAndStdError(allProbes.map((p) => p.nodes.reduce((s, t, i) => s + p.weights[i] * t * t, 0)));
  return {
    grid,
    density,
    logDensity: density.map((d) => Math.log10(d + logFloor)),
    logFloor,
    spread: { std, min, max },
    perRun,
    width,
    runs: opts.runs,
    probes: opts.probes,
    steps,
    moments: { mean: first.mean, meanStdError: first.stdError, second: second.mean, secondStdError: second.stdError },
    products,
  };
}
