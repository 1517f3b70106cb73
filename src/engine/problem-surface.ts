/**
 * The loss of any network problem on a plane or a line: dense MLPs through the batched grid
 * (surface-grid.ts), layer lists through the model surface (model-surface.ts), one grid row at a
 * time so that progress and cancel are seen between rows as they are between the grid's batches.
 */
import type { Problem } from '../core/problem/problem';
import { createModelObjective } from './model-objective';
import { evaluateModelSurface } from './model-surface';
import { type SurfaceOptions, SurfaceCancelledError, evaluateLine, evaluateSurface } from './surface-grid';

/** Loss on origin + alphas[i] d1 + betas[j] d2, rows by beta: result[j][i]; equals the problem's objective value at each point. */
export async function evaluateProblemSurface(
  problem: Problem,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  alphas: readonly number[],
  betas: readonly number[],
  opts: SurfaceOptions = {},
): Promise<number[][]> {
  if (!problem.model) return evaluateSurface(problem, origin, d1, d2, alphas, betas, opts);
  const f = createModelObjective(problem);
  try {
    const rows: number[][] = [];
    for (const b of betas) {
      if (await opts.shouldCancel?.()) throw new SurfaceCancelledError();
      const [row] = await evaluateModelSurface(f, origin, d1, d2, alphas, [b]);
      rows.push(row);
      opts.onProgress?.(rows.length / betas.length);
    }
    return rows;
  } finally {
    f.dispose();
  }
}

/** Loss along w(t) = (1 - t) a + t b for each t (linear interpolation, Goodfellow et al. 2015). */
export async function evaluateProblemLine(problem: Problem, a: Float64Array, b: Float64Array, ts: readonly number[], opts: SurfaceOptions = {}): Promise<number[]> {
  if (!problem.model) return evaluateLine(problem, a, b, ts, opts);
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = b[i] - a[i];
  const rows = await evaluateProblemSurface(problem, a, d, new Float64Array(a.length), ts, [0], opts);
  return rows[0];
}
