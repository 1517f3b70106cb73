import type { SurfaceGrid } from './types';

/**
 * How a loss becomes a height or a colour, shared by the 3-D surface and the contour view so both
 * read the same. On log scale z = log10(loss - min + eps). eps is the 1st percentile of
 * (loss - min) over the grid: a tinier eps lets the single sample nearest the minimum dive
 * decades below its neighbours, a spike that is an artefact of the grid spacing, not the loss.
 */
export interface LossScale {
  log: boolean;
  /** Smallest and largest finite loss on the grid. */
  min: number;
  max: number;
  eps: number;
  /** Mapped value of `min` and `max` (the ends of the colour map). */
  lo: number;
  hi: number;
  /** Loss -> mapped value (log10 or identity); non-finite losses map to `hi`. */
  map: (loss: number) => number;
  /** Mapped value -> loss, for axis and legend labels. */
  unmap: (z: number) => number;
  /** Loss -> position in [0, 1] between the grid's smallest and largest loss (clamped). */
  unit: (loss: number) => number;
}

/** Quantile of (loss - min) used as eps; see LossScale. */
const EPS_QUANTILE = 0.01;
/** Floor on eps relative to the range, for grids whose lowest percent is all at the minimum. */
const EPS_MIN_FRACTION = 1e-9;

/** Finite min and max over a grid's values; [0, 1] when it holds no finite value. */
export function gridExtent(values: number[][]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const row of values) {
    for (const v of row) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? [min, max] : [0, 1];
}

/** The `q`-quantile (nearest rank) of (loss - min) over the finite grid values. */
export function excessQuantile(values: number[][], min: number, q: number): number {
  let n = 0;
  for (const row of values) n += row.length;
  // a typed array sorts numerically without a comparator call per comparison: the surface's
  // scale is made in the render that shows a new surface (6,561 values for an 81 x 81 grid)
  const excess = new Float64Array(n);
  let finite = 0;
  for (const row of values) for (const v of row) if (Number.isFinite(v)) excess[finite++] = v - min;
  if (finite === 0) return 0;
  const sorted = excess.subarray(0, finite).sort();
  return sorted[Math.min(finite - 1, Math.floor(q * finite))];
}

export function makeLossScale(grid: SurfaceGrid, log: boolean): LossScale {
  const [min, max] = gridExtent(grid.values);
  const range = max - min;
  const floor = (range > 0 ? range : Math.max(Math.abs(max), 1)) * EPS_MIN_FRACTION;
  const eps = Math.max(excessQuantile(grid.values, min, EPS_QUANTILE), floor);
  const mapRaw = log
    ? (loss: number): number => Math.log10(Math.max(loss - min, 0) + eps)
    : (loss: number): number => loss;
  const lo = mapRaw(min);
  const hi = mapRaw(max);
  const map = (loss: number): number => (Number.isFinite(loss) ? mapRaw(loss) : hi);
  const unmap = log ? (z: number): number => 10 ** z - eps + min : (z: number): number => z;
  const span = hi - lo;
  const unit = (loss: number): number => {
    if (!(span > 0)) return 0;
    const t = (map(loss) - lo) / span;
    return t < 0 ? 0 : t > 1 ? 1 : t;
  };
  return { log, min, max, eps, lo, hi, map, unmap, unit };
}

/**
 * Maps a fractional grid index (0 = first sample, n - 1 = last) to its data coordinate by linear
 * interpolation in the sample positions, so uneven spacing works too; extrapolates at the ends.
 */
export function indexToCoord(samples: number[], index: number): number {
  const n = samples.length;
  if (n === 1) return samples[0];
  const i = Math.min(Math.max(Math.floor(index), 0), n - 2);
  const f = index - i;
  return samples[i] + f * (samples[i + 1] - samples[i]);
}

/** Affine map of [min(samples), max(samples)] onto [-half, half]; a flat range maps to 0. */
export function centredAxis(samples: number[], half: number): (v: number) => number {
  const lo = Math.min(...samples);
  const hi = Math.max(...samples);
  const span = hi - lo;
  if (!(span > 0)) return () => 0;
  return (v: number): number => ((v - lo) / span - 0.5) * 2 * half;
}
