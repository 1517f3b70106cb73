/**
 * The loss of a layer-list problem on a grid over the plane origin + a d1 + b d2, one forward pass
 * per point through the model objective (loss-landscape's per-point loop, Li et al. 2018); the
 * batched grid of surface-grid.ts serves dense MLPs only.
 */
import type { Objective } from '../core/objective';

/** loss[j][i] at alphas[i], betas[j] (rows by beta, as evaluateSurface). */
export async function evaluateModelSurface(
  objective: Pick<Objective, 'value'>,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  alphas: readonly number[],
  betas: readonly number[],
): Promise<number[][]> {
  const w = new Float64Array(origin.length);
  const rows: number[][] = [];
  for (const b of betas) {
    const row: number[] = [];
    for (const a of alphas) {
      for (let i = 0; i < w.length; i++) w[i] = origin[i] + a * d1[i] + b * d2[i];
      row.push(await objective.value(w));
    }
    rows.push(row);
  }
  return rows;
}
