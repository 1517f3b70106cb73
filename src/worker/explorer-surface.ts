/** The explorer's surface grid: a 2-D function sampled directly, a network's loss on its plane in batched kernels. */
import { linspace } from '../core/landscape/plane';
import type { Domain } from '../protocol/problem';
import type { SurfaceGrid } from '../protocol/surface';
import type { LoadedProblem } from './problem-objective';
import { CancelledError, sliceCancelled, type Slicer } from './work-slices';

export interface ExplorerSurfaceOptions {
  onProgress?(fraction: number): void;
  /** Yields between rows or batches; a stale request stops (CancelledError for functions, the engine's SurfaceCancelledError for networks). */
  slicer?: Slicer;
}

/** resolution x resolution values over `domain`, rows by y. */
export async function explorerSurface(p: LoadedProblem, resolution: number, domain: Domain, opts: ExplorerSurfaceOptions = {}): Promise<SurfaceGrid> {
  const xs = linspace(domain.x[0], domain.x[1], resolution);
  const ys = linspace(domain.y[0], domain.y[1], resolution);
  const cancelled = async (): Promise<boolean> => (opts.slicer ? sliceCancelled(opts.slicer) : false);
  if (p.fn) {
    const fn = p.fn;
    const values: number[][] = [];
    for (const y of ys) {
      if (await cancelled()) throw new CancelledError();
      values.push(xs.map((x) => fn.f(x, y)));
    }
    return { xs, ys, values };
  }
  if (!p.network) throw new Error(`${p.info.label}: neither a function nor a network`);
  const { problem, plane } = p.network;
  // TF.js loads with the first network, never for a 2-D function.
  const { evaluateProblemSurface } = await import('../engine/problem-surface');
  return { xs, ys, values: await evaluateProblemSurface(problem, plane.origin, plane.d1, plane.d2, xs, ys, { onProgress: opts.onProgress, shouldCancel: cancelled }) };
}
