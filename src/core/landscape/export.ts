/** Surface files for other tools: legacy VTK for ParaView (as loss-landscape users render them) and CSV. */
import type { SurfaceResult } from './grid';

function finiteMax(loss: readonly (readonly number[])[]): number {
  let m = -Infinity;
  for (const row of loss) for (const v of row) if (Number.isFinite(v) && v > m) m = v;
  return Number.isFinite(m) ? m : 0;
}

/**
 * Legacy VTK, ASCII, DATASET STRUCTURED_GRID with DIMENSIONS nx ny 1: points (alpha, beta, loss),
 * alpha varying fastest, and the loss again as point data `train_loss`. A non-finite loss is drawn
 * at the largest finite one, and a `finite` (1/0) array marks those points.
 */
export function surfaceToVtk(result: SurfaceResult, scalarName = 'train_loss'): string {
  const nx = result.alphas.length;
  const ny = result.betas.length;
  const n = nx * ny;
  const cap = finiteMax(result.loss);
  const z: number[] = [];
  let anyNonFinite = false;
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const v = result.loss[j][i];
    if (!Number.isFinite(v)) anyNonFinite = true;
    z.push(Number.isFinite(v) ? v : cap);
  }
  const title = `Curvscape loss surface, ${result.directions.method} directions, ${nx}x${ny}`;
  const lines = ['# vtk DataFile Version 3.0', title, 'ASCII', 'DATASET STRUCTURED_GRID', `DIMENSIONS ${nx} ${ny} 1`, `POINTS ${n} float`];
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) lines.push(`${result.alphas[i]} ${result.betas[j]} ${z[j * nx + i]}`);
  lines.push(`POINT_DATA ${n}`, `SCALARS ${scalarName} float 1`, 'LOOKUP_TABLE default');
  for (const v of z) lines.push(String(v));
  if (anyNonFinite) {
    lines.push('SCALARS finite int 1', 'LOOKUP_TABLE default');
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) lines.push(Number.isFinite(result.loss[j][i]) ? '1' : '0');
  }
  return lines.join('\n') + '\n';
}

/** `alpha,beta,loss` rows, alpha varying fastest. */
export function surfaceToCsv(result: SurfaceResult): string {
  const lines = ['alpha,beta,loss'];
  result.betas.forEach((b, j) => result.alphas.forEach((a, i) => lines.push(`${a},${b},${result.loss[j][i]}`)));
  return lines.join('\n') + '\n';
}
