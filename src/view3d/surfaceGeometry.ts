import { viridisRgb } from '../ui/colormap';
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

export function boxMapping(grid: SurfaceGrid, scale: LossScale): BoxMapping {
  return {
    x: centredAxis(grid.xs, BOX_HALF),
    y: centredAxis(grid.ys, BOX_HALF),
    z: (loss: number) => scale.unit(loss) * BOX_HEIGHT,
  };
}

/** Flat arrays for a three.js indexed BufferGeometry: two triangles per grid cell. */
export interface SurfaceArrays {
  positions: Float32Array;
  colors: Float32Array;
  indices: Uint32Array;
}

/** Vertex (i, j) sits at index j * nx + i, matching `values[j][i]`. */
export function surfaceArrays(grid: SurfaceGrid, scale: LossScale, map: BoxMapping): SurfaceArrays {
  const nx = grid.xs.length;
  const ny = grid.ys.length;
  const positions = new Float32Array(nx * ny * 3);
  const colors = new Float32Array(nx * ny * 3);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = (j * nx + i) * 3;
      const loss = grid.values[j][i];
      positions[k] = map.x(grid.xs[i]);
      positions[k + 1] = map.y(grid.ys[j]);
      positions[k + 2] = map.z(loss);
      const [r, g, b] = viridisRgb(scale.unit(loss));
      colors[k] = r;
      colors[k + 1] = g;
      colors[k + 2] = b;
    }
  }
  const cells = Math.max(nx - 1, 0) * Math.max(ny - 1, 0);
  const indices = new Uint32Array(cells * 6);
  let t = 0;
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      indices.set([a, b, d, a, d, c], t);
      t += 6;
    }
  }
  return { positions, colors, indices };
}
