import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeLossScale } from '../ui/views/lossScale';
import type { TrajectoryView } from '../ui/views/types';
import { decimatePolyline } from '../ui/views/decimate';
import { TEST_GRID } from './test-grid';
import { BOX_HEIGHT, TRAJECTORY_LIFT, boxMapping } from './surfaceGeometry';
import { SEGMENT_FLOATS, segmentsBefore, sharedPrefix, withCapacity, writePathSegments, writeTrajectoryPositions } from './pathBuffer';

const grid = TEST_GRID;

/** Room for the segment ends of `n` points. */
const ends = (n: number): Int32Array => new Int32Array(n);

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
    const e = ends(xs.length);
    const segments = writePathSegments(positions, xs.length, 0.003, out, e);
    // kept: 0, 0.01 (0.001 is 0.001 from 0; 0.0105 is 0.0005 from 0.01), 0.02 (the last)
    expect(segments).toBe(2);
    const f = Math.fround;
    expect(rows(out, segments)).toEqual([
      [0, 0, 0.5, f(0.01), 0, 0.5],
      [f(0.01), 0, 0.5, f(0.02), 0, 0.5],
    ]);
    expect(Array.from(e.subarray(0, 2))).toEqual([2, 4]);
  });

  it('a grown path goes on from the last segment the tolerance kept, leaving the ones before it as they are', () => {
    const f = Math.fround;
    const xs = [0, 0.001, 0.01, 0.0105, 0.02, 0.021, 0.03];
    const positions = new Float32Array(xs.flatMap((x) => [x, 0, 0.5]));
    const out = new Float32Array(SEGMENT_FLOATS * xs.length).fill(-1);
    const e = ends(xs.length);
    // the first five points: segments to 0.01 (point 2) and to 0.02 (point 4, kept as the last)
    expect(writePathSegments(positions, 5, 0.003, out, e)).toBe(2);
    // points 5 and 6 added: the segment to point 2 stays; the one to point 4 was kept only as the last, so it is redone
    const keep = segmentsBefore(e, 2, 5, 5);
    expect(keep).toBe(1);
    out.fill(-1, SEGMENT_FLOATS * keep);
    // from 0.01: 0.0105 is too close, 0.02 is kept (0.01 away), 0.021 too close, 0.03 is the last
    expect(writePathSegments(positions, 7, 0.003, out, e, keep)).toBe(3);
    expect(rows(out, 3)).toEqual([
      [0, 0, 0.5, f(0.01), 0, 0.5],
      [f(0.01), 0, 0.5, f(0.02), 0, 0.5],
      [f(0.02), 0, 0.5, f(0.03), 0, 0.5],
    ]);
    expect(Array.from(e.subarray(0, 3))).toEqual([2, 4, 6]);
    // changed from point 3 on: only the segment ending at point 2 is before it
    expect(segmentsBefore(e, 3, 7, 3)).toBe(1);
    expect(segmentsBefore(e, 3, 7, 2)).toBe(0);
  });

  it('shared prefix: the same tuples from the start, the newest (off-stride) entry of either drawing aside', () => {
    const p: [number, number][] = [[0, 0], [1, 1], [2, 2], [3, 3]];
    const newest: [number, number] = [3.5, 3.5];
    expect(sharedPrefix(p.slice(0, 3), p)).toBe(3);
    expect(sharedPrefix([...p.slice(0, 3), newest], p)).toBe(3);
    expect(sharedPrefix(p, p.slice())).toBe(4);
    expect(sharedPrefix([...p.slice(0, 2), newest], [...p.slice(0, 2), [3.5, 3.5]])).toBe(2);
    // equal numbers in new tuples (a new run, a new stride) share nothing
    expect(sharedPrefix(p, p.map(([x, y]) => [x, y]))).toBe(0);
    expect(sharedPrefix([], p)).toBe(0);
  });

  it('a path redrawn from any point on (the points before it unchanged) chains the points decimatePolyline keeps', () => {
    const point = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }));
    const scaled = (ints: [number, number, number][]): [number, number, number][] => ints.map(([x, y, z]) => [x / 1024, y / 1024, z / 1024]);
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 60 }), fc.array(point, { minLength: 60, maxLength: 60 }), fc.integer({ min: 1, max: 400 }), fc.nat(), fc.nat(), (ints, otherInts, tol, a, b) => {
        const pts = scaled(ints);
        const other = scaled(otherInts);
        const tolerance = tol / 1024;
        // the earlier drawing: `first` points, the same as the new one's before `changed`, others after
        const first = 2 + (a % 59);
        const changed = Math.min(b % (first + 1), pts.length);
        const earlier = [...pts.slice(0, changed), ...other.slice(changed, first)];
        const out = new Float32Array(SEGMENT_FLOATS * 60);
        const e = ends(60);
        const before = writePathSegments(new Float32Array(earlier.flat()), first, tolerance, out, e);
        const segments = writePathSegments(new Float32Array(pts.flat()), pts.length, tolerance, out, e, segmentsBefore(e, before, first, changed));
        const kept = decimatePolyline(pts, tolerance);
        expect(segments).toBe(kept.length - 1);
        expect(rows(out, segments)).toEqual(kept.slice(1).map((p, k) => [...kept[k], ...p]));
      }),
    );
  });

  it('a path of two close points is one segment; one point or none is no segment', () => {
    const positions = new Float32Array([0, 0, 0, 0.001, 0, 0]);
    const out = new Float32Array(12);
    expect(writePathSegments(positions, 2, 0.003, out, ends(2))).toBe(1);
    expect(rows(out, 1)).toEqual([[0, 0, 0, Math.fround(0.001), 0, 0]]);
    expect(writePathSegments(positions, 1, 0.003, out, ends(2))).toBe(0);
    expect(writePathSegments(positions, 0, 0.003, out, ends(2))).toBe(0);
  });

  it('segments chain the points decimatePolyline keeps', () => {
    const point = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (ints, tol) => {
        // integer coordinates scaled by a power of two are exact in float32, so both sides see the same numbers
        const pts = ints.map(([x, y, z]) => [x / 1024, y / 1024, z / 1024] as [number, number, number]);
        const tolerance = tol / 1024;
        const out = new Float32Array(SEGMENT_FLOATS * pts.length);
        const segments = writePathSegments(new Float32Array(pts.flat()), pts.length, tolerance, out, ends(pts.length));
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
    // a grown buffer starts with the old contents, of the same kind
    const grown = withCapacity(Int32Array.of(4, 5, 6), 4);
    expect(grown).toBeInstanceOf(Int32Array);
    expect(Array.from(grown)).toEqual([4, 5, 6, 0, 0, 0]);
  });
});
