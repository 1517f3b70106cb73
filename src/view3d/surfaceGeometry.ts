import { viridisInto } from '../ui/colormap';
import { centredAxis, type LossScale } from '../ui/views/lossScale';
import type { SurfaceGrid } from '../ui/views/types';

/** Half-width of the box the plane is drawn in: x and y land in [-1, 1] whatever the problem. */
export const BOX_HALF = 1;
/** Height of the tallest loss on the grid; lower than the width so ridges don't dwarf the plane. */
export const BOX_HEIGHT = 0.9;
/** Lift of trajectories above the surface so the line is not hidden inside the mesh. */
export const TRAJECTORY_LIFT = 0.015;
/** Heights and plane positions are clamped to this margin so a diverged run stays in view. */
export const OUTSIDE_MARGIN = 1.35;

/** Maps data (x, y, loss) into the drawing box, in a frame where z is up. */
export interface BoxMapping {
  x: (v: number) => number;
  y: (v: number) => number;
  z: (loss: number) => number;
}

/** Height in the box of a loss at `unit` on its scale (LossScale.unit: 0 at the grid's lowest loss, 1 at its highest). */
function heightOfUnit(unit: number): number {
  return unit * BOX_HEIGHT;
}

export function boxMapping(grid: SurfaceGrid, scale: LossScale): BoxMapping {
  return {
    x: centredAxis(grid.xs, BOX_HALF),
    y: centredAxis(grid.ys, BOX_HALF),
    z: (loss: number) => heightOfUnit(scale.unit(loss)),
  };
}

/** Flat arrays for a three.js indexed BufferGeometry: two triangles per grid cell. */
export interface SurfaceArrays {
  positions: Float32Array;
  normals: Float32Array;
  colors: Float32Array;
  indices: Uint32Array;
}

/**
 * The positions (boxMapping's), colours, normals and triangles of the surface over `grid`. Vertex (i, j) sits at
 * index j * nx + i, matching `values[j][i]`. The surface is a height field z(x, y), so a vertex's
 * normal is (-dz/dx, -dz/dy, 1), normalised, with central differences inside the grid and one-sided
 * ones at its edges: one pass over the grid, where three's computeVertexNormals, which sums every
 * triangle's face normal through Vector3 objects, took 29 ms for an 81 x 81 grid on its first call.
 */
export function surfaceArrays(grid: SurfaceGrid, scale: LossScale): SurfaceArrays {
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  const map = boxMapping(grid, scale);
  const positions = new Float32Array(nx * ny * 3);
  const colors = new Float32Array(nx * ny * 3);
  const xs = grid.xs.map((x) => map.x(x));
  for (let j = 0; j < ny; j++) {
    const row = grid.values[j];
    const y = map.y(grid.ys[j]);
    for (let i = 0; i < nx; i++) {
      const k = (j * nx + i) * 3;
      // the loss's place on its scale sets both its height (as boxMapping's z) and its colour
      const t = scale.unit(row[i]);
      positions[k] = xs[i];
      positions[k + 1] = y;
      positions[k + 2] = heightOfUnit(t);
      viridisInto(t, colors, k);
    }
  }
  return { positions, normals: heightFieldNormals(positions, nx, ny), colors, indices: gridTriangles(nx, ny) };
}

/** Unit normals of the height field whose vertices `positions` holds (x, y, z per vertex, rows of nx). */
function heightFieldNormals(positions: Float32Array, nx: number, ny: number): Float32Array {
  const normals = new Float32Array(positions.length);
  for (let j = 0; j < ny; j++) {
    const j0 = Math.max(j - 1, 0);
    const j1 = Math.min(j + 1, ny - 1);
    for (let i = 0; i < nx; i++) {
      const i0 = Math.max(i - 1, 0);
      const i1 = Math.min(i + 1, nx - 1);
      const left = (j * nx + i0) * 3;
      const right = (j * nx + i1) * 3;
      const below = (j0 * nx + i) * 3;
      const above = (j1 * nx + i) * 3;
      const dx = positions[right] - positions[left];
      const dy = positions[above + 1] - positions[below + 1];
      const gx = dx !== 0 ? (positions[right + 2] - positions[left + 2]) / dx : 0;
      const gy = dy !== 0 ? (positions[above + 2] - positions[below + 2]) / dy : 0;
      const norm = Math.hypot(gx, gy, 1);
      const k = (j * nx + i) * 3;
      normals[k] = -gx / norm;
      normals[k + 1] = -gy / norm;
      normals[k + 2] = 1 / norm;
    }
  }
  return normals;
}

/** Two triangles per cell of an nx x ny vertex grid, counter-clockwise seen from +z. */
function gridTriangles(nx: number, ny: number): Uint32Array {
  const indices = new Uint32Array(Math.max(nx - 1, 0) * Math.max(ny - 1, 0) * 6);
  let t = 0;
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      const c = a + nx;
      indices[t++] = a;
      indices[t++] = a + 1;
      indices[t++] = c + 1;
      indices[t++] = a;
      indices[t++] = c + 1;
      indices[t++] = c;
    }
  }
  return indices;
}
