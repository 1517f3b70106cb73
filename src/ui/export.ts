/** Export formats: JSON that reproduces a run, CSV with one row per optimizer entry per step (named by its label), the surface grid. */
import { PLANE_SEED, type ProblemSpec } from '../state/problem-spec';
import type { AppState } from '../state/store';
import type { SurfaceGrid } from './views/types';

export const EXPORT_FORMAT = 'curvscape-trajectories';

export function trajectoriesJson(s: AppState, gtol: number): string {
  const p = s.setup.problem;
  const doc = {
    format: EXPORT_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    url: typeof window === 'undefined' ? undefined : window.location.href,
    problem: p,
    problemLabel: s.problemInfo?.label,
    dim: s.problemInfo?.dim,
    seed: p.kind === 'dataset' ? { data: p.seed, init: p.initSeed, plane: PLANE_SEED } : p.kind === 'model' ? { init: p.initSeed, plane: PLANE_SEED } : null,
    start: s.setup.start ?? s.problemInfo?.start,
    steps: s.setup.steps,
    gtol,
    backend: s.backend?.backend,
    trajectories: s.trajectories.map((t) => ({
      entry: t.entry,
      optimizer: t.optimizer,
      label: t.label,
      hyperParams: t.result?.hyperParams ?? t.hyperParams,
      seed: typeof t.result?.hyperParams.seed === 'number' ? t.result.hyperParams.seed : null,
      success: t.result?.success ?? false,
      reason: t.result?.reason ?? (t.error ? `error: ${t.error}` : 'unfinished'),
      nit: t.result?.nit ?? Math.max(0, t.records.length - 1),
      nfev: t.result?.nfev,
      ngev: t.result?.ngev,
      nhvp: t.result?.nhvp,
      f: t.result?.f ?? t.records.at(-1)?.loss,
      gradNorm: t.result?.gradNorm ?? t.records.at(-1)?.gradNorm,
      timeMs: t.records.at(-1)?.timeMs,
      x: t.result?.x ?? t.records.at(-1)?.point,
      records: t.records.toArray(),
    })),
  };
  return JSON.stringify(doc, null, 1);
}

function csvField(v: unknown): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function trajectoriesCsv(s: AppState): string {
  const header = ['optimizer', 'label', 'iteration', 'x', 'y', 'loss', 'grad_norm', 'step_size', 'nfev', 'ngev', 'nhvp', 'time_ms'];
  const rows = [header.join(',')];
  for (const t of s.trajectories)
    for (const r of t.records.toArray())
      rows.push(
        [t.optimizer, t.label, r.iteration, r.point[0], r.point[1], r.loss, r.gradNorm, r.stepSize, r.nfev, r.ngev, r.nhvp, r.timeMs]
          .map(csvField)
          .join(','),
      );
  return rows.join('\n') + '\n';
}

export function surfaceJson(s: AppState, grid: SurfaceGrid): string {
  return JSON.stringify({
    format: 'curvscape-surface',
    version: 1,
    problem: s.setup.problem,
    plane: s.problemInfo?.plane ?? 'parameters',
    xs: grid.xs,
    ys: grid.ys,
    values: grid.values,
  });
}

export function download(name: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The problem's name as it goes into a file name: `rosenbrock`, `spiral`, an upload's name without its extension. */
export function problemSlug(p: ProblemSpec): string {
  const name = p.kind === 'function' ? p.name : p.kind === 'dataset' || p.kind === 'model' ? p.dataset : p.name.replace(/\.[^.]+$/, '');
  return name.replace(/[^a-z0-9-]+/gi, '-');
}

/** Plain file name from a problem, for exported files. */
export function exportBaseName(s: AppState): string {
  return `curvscape-${problemSlug(s.setup.problem)}`;
}

/** The Explorer's surface (the 2-D plane the optimizers run on): PNG, grid JSON and CSV share this name. */
export function explorerSurfaceName(p: ProblemSpec, ext: 'png' | 'json' | 'csv'): string {
  return `curvscape-explorer-surface-${problemSlug(p)}.${ext}`;
}

/** Network mode's surface, named for its plane's directions so random, PCA and eigen planes do not overwrite each other. */
export function networkSurfaceName(p: ProblemSpec, directions: string, ext: 'png' | 'json' | 'vtk' | 'csv'): string {
  return `curvscape-network-surface-${problemSlug(p)}-${directions}.${ext}`;
}

/** The Explorer's loss grid, one row per grid point: x, y for a function; the plane's alpha, beta for a network. */
export function gridCsv(grid: SurfaceGrid, network: boolean): string {
  const lines = [network ? 'alpha,beta,loss' : 'x,y,loss'];
  grid.ys.forEach((y, j) => grid.xs.forEach((x, i) => lines.push(`${x},${y},${grid.values[j][i]}`)));
  return lines.join('\n') + '\n';
}
