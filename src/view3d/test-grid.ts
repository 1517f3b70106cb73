import type { SurfaceGrid } from '../ui/views/types';

/** A 3 x 2 grid whose box mapping the 3-D view's tests work out by hand: x in [-2, 2], y in [10, 20], loss in [0, 8]. */
export const TEST_GRID: SurfaceGrid = {
  xs: [-2, 0, 2],
  ys: [10, 20],
  values: [
    [4, 0, 4],
    [8, 4, 8],
  ],
};
