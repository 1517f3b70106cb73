import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeLossScale } from '../ui/views/lossScale';
import type { TrajectoryView } from '../ui/views/types';
import { decimatePolyline } from '../ui/views/decimate';
import { TEST_GRID } from './test-grid';
import { BOX_HEIGHT, TRAJECTORY_LIFT, boxMapping } from './surfaceGeometry';
import { SEGMENT_FLOATS, withCapacity, writePathSegments, writeTrajectoryPositions } from './pathBuffer';

const grid = TEST_GRID;

function traj(points: [number, number][], losses: number[]): TrajectoryView {
  const n = points.length;
  return { name: 'gd', label: 'GD', color: '#e4572e', points, losses, gradNorms: losses, cost: [...Array(n).keys()], timeMs: [...Array(n).keys()] };
}

/** Segments k of `out` as [x0, y0, z0, x1, y1, z1] rows. */
function rows(out: Float32Array, segments: number): number[][] {
  return Array.from({ length: segments }, (_, k) => Array.from(out.subarray(SEGMENT_FLOATS * k, SEGMENT_FLOATS * (k + 1))));
}

describe('pathBuffer', () => {
  it('trajectory positions are lifted, clamped to the box margin and cut at a blow-up', () => {
    const scale = makeLossScale(grid, false);
    const out = new Float32Array(12).fill(-7);
    const n = writeTrajectoryPositions(traj([[0, 10], [100, 20], [0, 15], [1, 1]], [0, 8, Number.NaN, 1]), boxMapping(grid, scale), out);
    expect(n).toBe(2);
    // x = 0 -> 0, y = 10 -> -1, loss 0 = min -> 0, lifted
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(-1);
    expect(out[2]).toBeCloseTo(TRAJECTORY_LIFT, 7);
    // x = 100 is clamped to the margin 1.35; loss 8 = max -> full height
    expect(out[3]).toBeCloseTo(1.35, 6);
    expect(out[4]).toBe(1);
    expect(out[5]).toBeCloseTo(BOX_HEIGHT + TRAJECTORY_LIFT, 6);
    // nothing written past the cut
    expect(out[6]).toBe(-7);
  });

  it('path segments leave out points closer than the tolerance to the last kept one, keeping the first and last', () => {
    const xs = [0, 0.001, 0.01, 0.0105, 0.02];
    const positions = new Float32Array(xs.flatMap((x) => [x, 0, 0.5]));
    const out = new Float32Array(SEGMENT_FLOATS * xs.length);
    const segments = writePathSegments(positions, xs.length, 0.003, out);
    // kept: 0, 0.01 (0.001 is 0.001 from 0; 0.0105 is 0.0005 from 0.01), 0.02 (the last)
    expect(segments).toBe(2);
    const f = Math.fround;
    expect(rows(out, segments)).toEqual([
      [0, 0, 0.5, f(0.01), 0, 0.5],
      [f(0.01), 0, 0.5, f(0.02), 0, 0.5],
    ]);
  });

  it('a path of two close points is one segment; one point or none is no segment', () => {
    const positions = new Float32Array([0, 0, 0, 0.001, 0, 0]);
    const out = new Float32Array(12);
    expect(writePathSegments(positions, 2, 0.003, out)).toBe(1);
    expect(rows(out, 1)).toEqual([[0, 0, 0, Math.fround(0.001), 0, 0]]);
    expect(writePathSegments(positions, 1, 0.003, out)).toBe(0);
    expect(writePathSegments(positions, 0, 0.003, out)).toBe(0);
  });

  it('segments chain the points decimatePolyline keeps', () => {
    const point = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (ints, tol) => {
        // integer coordinates scaled by a power of two are exact in float32, so both sides see the same numbers
        const pts = ints.map(([x, y, z]) => [x / 1024, y / 1024, z / 1024] as [number, number, number]);
        const tolerance = tol / 1024;
        const out = new Float32Array(SEGMENT_FLOATS * pts.length);
        const segments = writePathSegments(new Float32Array(pts.flat()), pts.length, tolerance, out);
        const kept = decimatePolyline(pts, tolerance);
        expect(segments).toBe(kept.length - 1);
        expect(rows(out, segments)).toEqual(kept.slice(1).map((p, k) => [...kept[k], ...p]));
      }),
    );
  });

  it('withCapacity keeps a buffer that is large enough and otherwise at least doubles it', () => {
    const b = new Float32Array(10);
    expect(withCapacity(b, 10)).toBe(b);
    expect(withCapacity(b, 11).length).toBe(20);
    expect(withCapacity(b, 45).length).toBe(45);
    expect(withCapacity(new Float32Array(0), 6).length).toBe(6);
  });
});
