import { describe, expect, it } from 'vitest';
import { makeLossScale } from '../ui/views/lossScale';
import { markerIndex } from '../ui/views/markerIndex';
import { TEST_GRID } from './test-grid';
import { BOX_HEIGHT, boxMapping, surfaceArrays } from './surfaceGeometry';

const grid = TEST_GRID;

describe('surfaceGeometry', () => {
  it('places vertex (i, j) at index j*nx+i with x, y in [-1, 1] and z from the loss scale', () => {
    const scale = makeLossScale(grid, false);
    const a = surfaceArrays(grid, scale);
    expect(a.positions.length).toBe(18);
    // vertex (2, 1): x = 2 -> 1, y = 20 -> 1, loss 8 = max -> full height
    expect(Array.from(a.positions.slice(15, 18))).toEqual([1, 1, Math.fround(BOX_HEIGHT)]);
    // vertex (1, 0): x = 0 -> 0, y = 10 -> -1, loss 0 = min -> 0
    expect(Array.from(a.positions.slice(3, 6))).toEqual([0, -1, 0]);
    // two triangles per cell, 2 cells
    expect(Array.from(a.indices)).toEqual([0, 1, 4, 0, 4, 3, 1, 2, 5, 1, 5, 4]);
    // the minimum is viridis' dark purple #440154
    expect(Math.round(a.colors[3] * 255)).toBe(0x44);
    expect(Math.round(a.colors[5] * 255)).toBe(0x54);
  });

  it('log scale lifts the mid value: loss 4 of [0, 8] sits above half height', () => {
    const scale = makeLossScale(grid, true);
    const a = surfaceArrays(grid, scale);
    const expected = ((Math.log10(4 + 8e-9) - Math.log10(8e-9)) / (Math.log10(8 + 8e-9) - Math.log10(8e-9))) * BOX_HEIGHT;
    expect(a.positions[2]).toBeCloseTo(expected, 6);
    expect(a.positions[2]).toBeGreaterThan(0.9 * BOX_HEIGHT);
  });

  /** A grid of `f` over x in [-2, 2] by y in [-1, 3], n x n, on a linear loss scale. */
  const sampled = (f: (x: number, y: number) => number, n = 9) => {
    const xs = Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
    const ys = Array.from({ length: n }, (_, j) => -1 + (4 * j) / (n - 1));
    const g = { xs, ys, values: ys.map((y) => xs.map((x) => f(x, y))) };
    const scale = makeLossScale(g, false);
    const map = boxMapping(g, scale);
    // box units per data unit: the linear maps' slopes
    const sx = map.x(1) - map.x(0);
    const sy = map.y(1) - map.y(0);
    const sz = map.z(scale.min + 1) - map.z(scale.min);
    return { arrays: surfaceArrays(g, scale), xs, ys, sx, sy, sz };
  };
  /** The unit normal (-dz/dx, -dz/dy, 1) of the box-frame surface, from the data gradient (fx, fy). */
  const unitNormal = (fx: number, fy: number, s: { sx: number; sy: number; sz: number }): number[] => {
    const gx = (fx * s.sz) / s.sx;
    const gy = (fy * s.sz) / s.sy;
    const norm = Math.hypot(gx, gy, 1);
    return [-gx / norm, -gy / norm, 1 / norm];
  };

  it('a plane has its own normal at every vertex, edges and corners included', () => {
    const s = sampled((x, y) => 2 * x - 3 * y);
    const want = unitNormal(2, -3, s);
    for (let k = 0; k < s.arrays.normals.length; k += 3) want.forEach((v, c) => expect(s.arrays.normals[k + c]).toBeCloseTo(v, 6));
  });

  it("a paraboloid's normals are the analytic ones inside the grid (central differences are exact for quadratics)", () => {
    const s = sampled((x, y) => x * x + 2 * (y - 1) ** 2);
    const n = s.xs.length;
    for (let j = 1; j < n - 1; j++) {
      for (let i = 1; i < n - 1; i++) {
        const want = unitNormal(2 * s.xs[i], 4 * (s.ys[j] - 1), s);
        const k = 3 * (j * n + i);
        want.forEach((v, c) => expect(s.arrays.normals[k + c]).toBeCloseTo(v, 5));
      }
    }
  });

  it('marker index clamps the iteration to the trajectory', () => {
    expect(markerIndex(5, 3)).toBe(2);
    expect(markerIndex(-1, 3)).toBe(0);
    expect(markerIndex(1.7, 3)).toBe(1);
    expect(markerIndex(0, 0)).toBe(-1);
  });
});
