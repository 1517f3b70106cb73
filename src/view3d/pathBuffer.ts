/**
 * Flat, reusable buffers for a trajectory drawn in the 3-D view: the box-frame points (markers index
 * them) and the decimated path as line segments (start, end pairs, the layout of three's
 * LineSegmentsGeometry instance buffer). Both are written in place into arrays that grow only when a
 * run outgrows them, so a streamed batch or a new run refills the GPU buffers without new ones.
 */
import type { TrajectoryView } from '../ui/views/types';
import { OUTSIDE_MARGIN, BOX_HALF, TRAJECTORY_LIFT, type BoxMapping } from './surfaceGeometry';

/** What the 3-D view draws of a trajectory: its colour and its points with their losses. */
export type PathView = Pick<TrajectoryView, 'color' | 'points' | 'losses'>;

/** Floats per segment in the instance buffer: start (x, y, z) then end (x, y, z). */
export const SEGMENT_FLOATS = 6;

/**
 * `buffer` when it holds `length` values, else a new one with room to spare (doubling, so growth is
 * amortised) that starts with `buffer`'s contents: a path that grows keeps what was written for it.
 */
export function withCapacity<A extends Float32Array | Int32Array>(buffer: A, length: number): A {
  if (buffer.length >= length) return buffer;
  const grown = new (buffer.constructor as new (n: number) => A)(Math.max(length, 2 * buffer.length));
  grown.set(buffer);
  return grown;
}

/**
 * How many entries two drawings of a trajectory share from the start: the explorer's thinned views
 * of one series reuse the same point tuples while the stride holds (ui/trajectory-views.ts), and only
 * the last entry (the newest iterate, off the stride) is new each time, so identical tuples at the
 * start and at the end of the shorter drawing's stride part mean the same series at the same stride.
 * A new run, a new series or a new stride makes new tuples: 0.
 */
export function sharedPrefix(before: readonly (readonly number[])[], after: readonly (readonly number[])[]): number {
  const n = Math.min(before.length, after.length);
  if (n === 0 || before[0] !== after[0]) return 0;
  // the shorter one's last entry may be its off-stride newest iterate: then the one before it
  for (let k = n - 1; k >= Math.max(0, n - 2); k--) if (before[k] === after[k]) return k + 1;
  return 0;
}

function clampBox(v: number, limit: number): number {
  return v < -limit ? -limit : v > limit ? limit : v;
}

/**
 * Writes a trajectory's box-frame points (x, y, z per point, lifted slightly above the surface,
 * plane positions clamped to the box margin) into `out` from index 0 and returns how many points it
 * wrote. Stops at the first non-finite loss or coordinate: what comes after a blow-up is not a path
 * worth drawing. `out` must hold 3 floats per point of the trajectory (see withCapacity). With `from`
 * > 0 the points before it are taken as already written (a grown run: only its new points are mapped).
 */
export function writeTrajectoryPositions(traj: PathView, map: BoxMapping, out: Float32Array, from = 0): number {
  const n = Math.min(traj.points.length, traj.losses.length);
  const limit = OUTSIDE_MARGIN * BOX_HALF;
  let k = from;
  for (; k < n; k++) {
    const p = traj.points[k];
    const px = p[0];
    const py = p[1];
    const loss = traj.losses[k];
    if (!Number.isFinite(px) || !Number.isFinite(py) || !Number.isFinite(loss)) break;
    out[3 * k] = clampBox(map.x(px), limit);
    out[3 * k + 1] = clampBox(map.y(py), limit);
    out[3 * k + 2] = map.z(loss) + TRAJECTORY_LIFT;
  }
  return k;
}

/**
 * Writes the polyline through the first `count` points of `positions` as segments into `out`,
 * leaving out points closer than `tolerance` to the last one kept (the first and last points always
 * stay; decimatePolyline's rule, on flat arrays), and returns the number of segments: kept points
 * minus one, 0 for fewer than two points. `ends[s]` gets the index of segment s's end point. With
 * `keep` > 0 the first `keep` segments in `out` and `ends` stay as they are and the path goes on from
 * the end of the last of them (see segmentsBefore). `out` must hold SEGMENT_FLOATS floats and `ends`
 * one entry per point.
 */
export function writePathSegments(positions: Float32Array, count: number, tolerance: number, out: Float32Array, ends: Int32Array, keep = 0): number {
  if (count < 2) return 0;
  const t2 = tolerance * tolerance;
  let segments = keep;
  const from = keep > 0 ? ends[keep - 1] : 0;
  let lx = positions[3 * from];
  let ly = positions[3 * from + 1];
  let lz = positions[3 * from + 2];
  for (let k = from + 1; k < count; k++) {
    const x = positions[3 * k];
    const y = positions[3 * k + 1];
    const z = positions[3 * k + 2];
    if (k < count - 1 && (x - lx) ** 2 + (y - ly) ** 2 + (z - lz) ** 2 < t2) continue;
    const o = SEGMENT_FLOATS * segments;
    out[o] = lx;
    out[o + 1] = ly;
    out[o + 2] = lz;
    out[o + 3] = x;
    out[o + 4] = y;
    out[o + 5] = z;
    ends[segments] = k;
    segments++;
    lx = x;
    ly = y;
    lz = z;
  }
  return segments;
}

/**
 * How many of a path's `segments` (end points in `ends`, from writePathSegments over `count` points)
 * stay the same when only the points from `index` on change or are added: those ending before
 * `index` that the tolerance kept. The one ending at the path's last point was kept because it was
 * last, and a longer path may leave that point out.
 */
export function segmentsBefore(ends: Int32Array, segments: number, count: number, index: number): number {
  const limit = Math.min(index, count - 1);
  let s = segments;
  while (s > 0 && ends[s - 1] >= limit) s--;
  return s;
}
