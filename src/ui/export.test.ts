import { describe, expect, it } from 'vitest';
import { packRecords } from '../protocol/record-columns';
import { defaultDatasetSpec } from '../state/problem-spec';
import { runEntries } from '../state/optimizer-entries';
import { useAppStore } from '../state/store';
import { explorerSurfaceName, gridCsv, networkSurfaceName, problemSlug, trajectoriesCsv, trajectoriesJson } from './export';

describe('export names', () => {
  const spiral = defaultDatasetSpec('spiral');

  it('tells the Explorer surface from each Network-mode plane of the same problem', () => {
    const names = [
      explorerSurfaceName(spiral, 'png'),
      networkSurfaceName(spiral, 'random', 'png'),
      networkSurfaceName(spiral, 'pca', 'png'),
      networkSurfaceName(spiral, 'eigen', 'png'),
    ];
    expect(new Set(names).size).toBe(4);
    expect(names[0]).toBe('curvscape-explorer-surface-spiral.png');
    expect(names[2]).toBe('curvscape-network-surface-spiral-pca.png');
    expect(networkSurfaceName(spiral, 'eigen', 'vtk')).toBe('curvscape-network-surface-spiral-eigen.vtk');
    expect(explorerSurfaceName({ kind: 'function', name: 'rosenbrock' }, 'csv')).toBe('curvscape-explorer-surface-rosenbrock.csv');
  });

  it('keeps an upload\'s name without its extension and without characters a file system may refuse', () => {
    expect(problemSlug({ kind: 'custom', name: 'my data (v2).csv', source: 'csv' })).toBe('my-data-v2-');
  });
});

describe('gridCsv', () => {
  it('writes one row per grid point, x varying fastest, values[j][i] at (xs[i], ys[j])', () => {
    const grid = { xs: [-1, 0, 1], ys: [2, 3], values: [[1, 2, 3], [4, 5, 6]] };
    expect(gridCsv(grid, false)).toBe('x,y,loss\n-1,2,1\n0,2,2\n1,2,3\n-1,3,4\n0,3,5\n1,3,6\n');
    expect(gridCsv(grid, true).split('\n')[0]).toBe('alpha,beta,loss');
  });
});

describe('trajectory exports with two entries of one optimizer', () => {
  it('name each run by its entry label in the CSV rows and the JSON, its entry id beside', () => {
    const setup = { optimizers: ['hessian-free', 'hessian-free~2'], hyperParams: { 'hessian-free': { curvature: 'hessian' } } };
    const s = useAppStore.getState();
    s.startRun('run-x', runEntries(setup, 'function'), false);
    const record = (loss: number) => ({ iteration: 0, point: [-1.2, 1], loss, gradNorm: 1, stepSize: 0, nfev: 1, ngev: 1, nhvp: 0, timeMs: 0 });
    s.appendRecords([packRecords(0, [record(24.2)]), packRecords(1, [record(24.2)])]);
    const rows = trajectoriesCsv(useAppStore.getState()).trim().split('\n');
    expect(rows[0].split(',').slice(0, 2)).toEqual(['optimizer', 'label']);
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2))).toEqual([
      ['hessian-free', 'Hessian-free (Hessian)'],
      ['hessian-free', 'Hessian-free (GGN)'],
    ]);
    const doc = JSON.parse(trajectoriesJson(useAppStore.getState(), 1e-8)) as { trajectories: { entry: string; label: string }[] };
    expect(doc.trajectories.map((t) => [t.entry, t.label])).toEqual([
      ['hessian-free', 'Hessian-free (Hessian)'],
      ['hessian-free~2', 'Hessian-free (GGN)'],
    ]);
  });
});
