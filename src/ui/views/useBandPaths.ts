/**
 * The contour view's filled bands, made in the contour worker (contour.worker.ts) so a new surface
 * or scale costs the page only the setting of the paths. Where no worker can be created (unit
 * tests under jsdom) they are made here, as before.
 */
import { wrap, type Remote } from 'comlink';
import { useEffect, useMemo, useState } from 'react';
import type { ContourWorkerApi } from './contour.worker';
import { bandPaths, type BandPath } from './contourPaths';
import type { PlotFrame } from './pickPoint';
import type { SurfaceGrid } from './types';

let remote: Remote<ContourWorkerApi> | null = null;

function contourWorker(): Remote<ContourWorkerApi> | null {
  if (typeof Worker === 'undefined') return null;
  remote ??= wrap<ContourWorkerApi>(new Worker(new URL('./contour.worker.ts', import.meta.url), { type: 'module' }));
  return remote;
}

interface Made {
  grid: SurfaceGrid;
  log: boolean;
  count: number;
  frame: PlotFrame;
  paths: BandPath[];
}

/**
 * The bands of `grid` on the scale `log` at `count` levels in `frame`, or null while they are made:
 * bands of an earlier grid or scale are never returned, so the view never shows another surface's
 * contours. `frame` follows the grid's extent, so it is compared by value.
 */
export function useBandPaths(grid: SurfaceGrid, log: boolean, count: number, frame: PlotFrame): BandPath[] | null {
  const api = useMemo(contourWorker, []);
  const [made, setMade] = useState<Made | null>(null);
  const { left, top, width, height } = frame;
  const [fx0, fx1] = frame.x;
  const [fy0, fy1] = frame.y;
  const same = (m: Made | null): m is Made =>
    m !== null && m.grid === grid && m.log === log && m.count === count && m.frame.left === left && m.frame.top === top && m.frame.width === width && m.frame.height === height && m.frame.x[0] === fx0 && m.frame.x[1] === fx1 && m.frame.y[0] === fy0 && m.frame.y[1] === fy1;
  const here = useMemo(() => (api ? null : bandPaths(grid, log, count, frame)), [api, grid, log, count, left, top, width, height, fx0, fx1, fy0, fy1]);

  useEffect(() => {
    if (!api) return;
    let current = true;
    const f: PlotFrame = { left, top, width, height, x: [fx0, fx1], y: [fy0, fy1] };
    void api.bandPaths(grid, log, count, f).then((paths) => {
      if (current) setMade({ grid, log, count, frame: f, paths });
    });
    return () => {
      current = false;
    };
  }, [api, grid, log, count, left, top, width, height, fx0, fx1, fy0, fy1]);

  if (!api) return here;
  return same(made) ? made.paths : null;
}
