/**
 * What the 3-D view shows while a new surface is evaluated: the last surface drawn, with the scale
 * it was drawn on. Unmounting the view would tear down its WebGL context, which costs a second or
 * more on software GL; and a scale chosen meanwhile (a new problem's own, set with the problem)
 * waits for its surface, since redrawing the old surface on it would be work for a picture shown
 * only until the new one arrives.
 */
import type { SurfaceGrid } from './views/types';

/** A surface as the 3-D view draws it: the grid and the scale it is drawn on. */
export interface ShownSurface {
  grid: SurfaceGrid;
  logScale: boolean;
}

/** The surface to show now, given the last one shown, the store's grid (null while one is evaluated) and its scale. */
export function shownSurface(last: ShownSurface | null, grid: SurfaceGrid | null, logScale: boolean): ShownSurface | null {
  if (!grid) return last;
  return last?.grid === grid && last.logScale === logScale ? last : { grid, logScale };
}
