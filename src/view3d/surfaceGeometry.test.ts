import { describe, expect, it } from 'vitest';
import { makeLossScale } from '../ui/views/lossScale';
import { markerIndex } from '../ui/views/markerIndex';
import { TEST_GRID } from './test-grid';
import { BOX_HEIGHT, boxMapping, surfaceArrays } from './surfaceGeometry';

const grid = TEST_GRID;

describe('surfaceGeometry', () => {
  it('places vertex (i, j) at index j*nx+i with x, y in [-1, 1] and z from the loss scale', () => {
    const scale = makeLossScale(grid, false);
    const a = surfaceArrays(grid, scale, boxMapping(grid, scale));
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
    const a = surfaceArrays(grid, scale, boxMapping(grid, scale));
    const expected = ((Math.log10(4 + 8e-9) - Math.log10(8e-9)) / (Math.log10(8 + 8e-9) - Math.log10(8e-9))) * BOX_HEIGHT;
    expect(a.positions[2]).toBeCloseTo(expected, 6);
    expect(a.positions[2]).toBeGreaterThan(0.9 * BOX_HEIGHT);
  });

  it('marker index clamps the iteration to the trajectory', () => {
    expect(markerIndex(5, 3)).toBe(2);
    expect(markerIndex(-1, 3)).toBe(0);
    expect(markerIndex(1.7, 3)).toBe(1);
    expect(markerIndex(0, 0)).toBe(-1);
  });
});
