import { contours } from 'd3-contour';
import { viridisCss } from './viridis';
import { indexToCoord, makeLossScale, type LossScale } from './lossScale';
import type { PlotFrame } from './pickPoint';
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

/** Data -> drawing units of a plot frame: x to the right, y upwards; a flat range maps to the frame's start. */
export function frameScales(f: PlotFrame): { sx: (x: number) => number; sy: (y: number) => number } {
  const xSpan = f.x[1] - f.x[0] || 1;
  const ySpan = f.y[1] - f.y[0] || 1;
  return {
    sx: (x: number): number => f.left + ((x - f.x[0]) / xSpan) * f.width,
    sy: (y: number): number => f.top + f.height - ((y - f.y[0]) / ySpan) * f.height,
  };
}

/** SVG path data of a band's rings in drawing units, to a tenth of a unit (about a tenth of a pixel). */
export function ringsToPath(rings: [number, number][][], sx: (v: number) => number, sy: (v: number) => number): string {
  let d = '';
  for (const ring of rings) {
    for (let k = 0; k < ring.length; k++) d += `${k === 0 ? 'M' : 'L'}${sx(ring[k][0]).toFixed(1)},${sy(ring[k][1]).toFixed(1)}`;
    d += 'Z';
  }
  return d;
}

/** One filled band ready to draw: its level (mapped units), SVG path data and fill colour. */
export interface BandPath {
  level: number;
  d: string;
  fill: string;
}

/**
 * The contour view's bands of `grid` at `count` levels on the loss scale (log or linear), as SVG
 * paths in `frame`'s drawing units, each filled with viridis at its level's place between the
 * grid's smallest and largest loss. Pure, so the contour worker (contour.worker.ts) makes them off
 * the page's thread and the page only sets the paths.
 */
export function bandPaths(grid: SurfaceGrid, log: boolean, count: number, frame: PlotFrame): BandPath[] {
  const scale = makeLossScale(grid, log);
  const { sx, sy } = frameScales(frame);
  const span = scale.hi - scale.lo;
  return contourBands(grid, scale, count).map((b) => ({ level: b.level, d: ringsToPath(b.rings, sx, sy), fill: viridisCss(span > 0 ? (b.level - scale.lo) / span : 0) }));
}
