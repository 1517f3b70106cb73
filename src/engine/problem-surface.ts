/**
 * The loss of any network problem on a plane or a line, batched on the backend: dense MLPs through
 * surface-grid.ts, layer lists through model-surface.ts. Both report progress and stop on cancel
 * between batches, and both equal the problem's objective value at each point.
 */
import type { Problem } from '../core/problem/problem';
import { evaluateModelSurface } from './model-surface';
import { type SurfaceOptions, evaluateLine, evaluateSurface } from './surface-grid';

/** Loss on origin + alphas[i] d1 + betas[j] d2, rows by beta: result[j][i]. */
export async function evaluateProblemSurface(
  problem: Problem,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  alphas: readonly number[],
  betas: readonly number[],
  opts: SurfaceOptions = {},
): Promise<number[][]> {
  return problem.model
    ? evaluateModelSurface(problem, origin, d1, d2, alphas, betas, opts)
    : evaluateSurface(problem, origin, d1, d2, alphas, betas, opts);
}

/** Loss along w(t) = (1 - t) a + t b for each t (linear interpolation, Goodfellow et al. 2015). */
export async function evaluateProblemLine(problem: Problem, a: Float64Array, b: Float64Array, ts: readonly number[], opts: SurfaceOptions = {}): Promise<number[]> {
  if (!problem.model) return evaluateLine(problem, a, b, ts, opts);
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = b[i] - a[i];
  const [row] = await evaluateModelSurface(problem, a, d, new Float64Array(a.length), ts, [0], opts);
  return row;
}
