import { beforeAll, describe, expect, test } from 'vitest';
import { randomDirections } from '../core/landscape/directions';
import { planePoint } from '../core/landscape/plane';
import { setBackend } from '../engine/backend';
import { SurfaceCancelledError } from '../engine/surface-grid';
import { defaultDatasetSpec, PLANE_SEED } from '../state/problem-spec';
import { explorerSurface } from './explorer-surface';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { CancelledError, Slicer } from './work-slices';

const DOMAIN = { x: [-0.8, 0.6] as [number, number], y: [-0.5, 0.9] as [number, number] };

describe('the explorer draws a network on the landscape code\'s random plane', () => {
  let p: LoadedProblem;
  beforeAll(async () => {
    await setBackend('cpu');
    p = await loadProblem(defaultDatasetSpec('spiral'));
  });

  test('its plane is randomDirections through the initial parameters with the app\'s seed, biases fixed', () => {
    const { problem, plane } = p.network!;
    const expected = randomDirections(problem.params, problem.layers, { seed: PLANE_SEED });
    expect(plane.d1).toEqual(expected.d1);
    expect(plane.d2).toEqual(expected.d2);
    expect(plane.origin).toEqual(problem.params);
    expect(p.info.plane).toMatchObject({ method: 'random', seed: PLANE_SEED, biasMode: 'zero' });
    expect(p.info.plane!.citation).toMatch(/Li et al\. 2018/);
  });

  test('placing a plane point gives back its coordinates at distance ~0; a step off the plane is its distance', () => {
    const w = p.toFull([0.3, -0.7]);
    const on = p.place(w);
    expect(on.at[0]).toBeCloseTo(0.3, 10);
    expect(on.at[1]).toBeCloseTo(-0.7, 10);
    expect(on.planeDistance).toBeLessThan(1e-10);
    // The last layer's bias is fixed by every random direction (bias mode 'zero'), so it is orthogonal to the plane.
    const off = Float64Array.from(w);
    off[off.length - 1] += 0.25;
    const placed = p.place(off);
    expect(placed.at[0]).toBeCloseTo(0.3, 10);
    expect(placed.planeDistance).toBeCloseTo(0.25, 10);
  });

  test('the batched grid matches the objective point by point (float32 rounding) with rows by y', async () => {
    const fractions: number[] = [];
    const grid = await explorerSurface(p, 7, DOMAIN, { onProgress: (f) => fractions.push(f) });
    expect(grid.xs[0]).toBe(-0.8);
    expect(grid.xs[6]).toBe(0.6);
    expect(grid.ys[6]).toBe(0.9);
    expect(grid.values).toHaveLength(7);
    expect(fractions.at(-1)).toBe(1);
    const f = p.objective();
    const { origin, d1, d2 } = p.network!.plane;
    for (const [i, j] of [[0, 0], [6, 1], [3, 5], [2, 6]]) {
      const exact = await f.value(planePoint(origin, d1, d2, grid.xs[i], grid.ys[j]));
      expect(Math.abs(grid.values[j][i] - exact)).toBeLessThan(1e-5 * Math.max(1, exact));
    }
    f.dispose?.();
  });

  test('a stale request stops with SurfaceCancelledError', async () => {
    await expect(explorerSurface(p, 25, DOMAIN, { slicer: new Slicer(() => true) })).rejects.toBeInstanceOf(SurfaceCancelledError);
    const rosen = await loadProblem({ kind: 'function', name: 'rosenbrock' });
    await expect(explorerSurface(rosen, 25, DOMAIN, { slicer: new Slicer(() => true) })).rejects.toBeInstanceOf(CancelledError);
  });

  test('a 2-D function is sampled directly over its window', async () => {
    const rosen = await loadProblem({ kind: 'function', name: 'rosenbrock' });
    const grid = await explorerSurface(rosen, 3, { x: [-1, 1], y: [0, 2] });
    expect(grid.values[2][0]).toBe(rosen.fn!.f(-1, 2));
    expect(grid.values[0][1]).toBe(1);
    expect(rosen.place(Float64Array.of(0.5, 2)).planeDistance).toBeUndefined();
  });
});
