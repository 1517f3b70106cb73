/** The explorer's surface grid: a 2-D function sampled directly, a network's loss on its plane in batched kernels. */
import { linspace } from '../core/landscape/plane';
import { evaluateSurface, type SurfaceOptions } from '../engine/surface-grid';
import type { SurfaceGrid } from '../ui/views/types';
import type { ProblemInfo } from './api';
import type { LoadedProblem } from './problem-objective';

export type Domain = ProblemInfo['domain'];

/** resolution x resolution values over `domain`, rows by y; networks honour `opts` (progress, cancellation). */
export async function explorerSurface(p: LoadedProblem, resolution: number, domain: Domain, opts: SurfaceOptions = {}): Promise<SurfaceGrid> {
  const xs = linspace(domain.x[0], domain.x[1], resolution);
  const ys = linspace(domain.y[0], domain.y[1], resolution);
  if (p.fn) {
    const fn = p.fn;
    return { xs, ys, values: ys.map((y) => xs.map((x) => fn.f(x, y))) };
  }
  if (!p.network) throw new Error(`${p.info.label}: neither a function nor a network`);
  const { problem, plane } = p.network;
  return { xs, ys, values: await evaluateSurface(problem, plane.origin, plane.d1, plane.d2, xs, ys, opts) };
}
