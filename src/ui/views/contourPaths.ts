import { contours } from 'd3-contour';
import { indexToCoord, type LossScale } from './lossScale';
import type { SurfaceGrid } from './types';

/** One filled band: everything at or above `level` (mapped units), as rings in data coordinates. */
export interface ContourBand {
  level: number;
  rings: [number, number][][];
}

/**
 * Filled contour bands of the grid at `count` levels spaced evenly in the scale's mapped units
 * (so log scale gives log-spaced levels). Uses d3-contour's marching squares, whose ring
 * coordinates put sample i at i + 0.5; those are turned back into data coordinates here.
 */
export function contourBands(grid: SurfaceGrid, scale: LossScale, count: number): ContourBand[] {
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  if (nx < 2 || ny < 2) return [];
  const flat = new Array<number>(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) flat[j * nx + i] = scale.map(grid.values[j][i]);
  const levels = Array.from({ length: count }, (_, k) => scale.lo + ((scale.hi - scale.lo) * k) / count);
  const generator = contours().size([nx, ny]).thresholds(levels);
  return generator(flat).map((mp) => ({
    level: mp.value,
    rings: mp.coordinates.flatMap((polygon) =>
      polygon.map((ring) => ring.map(([cx, cy]) => [indexToCoord(grid.xs, cx - 0.5), indexToCoord(grid.ys, cy - 0.5)] as [number, number])),
    ),
  }));
}
