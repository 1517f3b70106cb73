/**
 * Flat, reusable buffers for a trajectory drawn in the 3-D view: the box-frame points (markers index
 * them) and the decimated path as line segments (start, end pairs, the layout of three's
 * LineSegmentsGeometry instance buffer). Both are written in place into arrays that grow only when a
 * run outgrows them, so a streamed batch or a new run refills the GPU buffers without new ones.
 */
import type { TrajectoryView } from '../ui/views/types';
import { OUTSIDE_MARGIN, BOX_HALF, TRAJECTORY_LIFT, type BoxMapping } from './surfaceGeometry';

/** Floats per segment in the instance buffer: start (x, y, z) then end (x, y, z). */
export const SEGMENT_FLOATS = 6;

/** `buffer` when it holds `length` floats, else a new one with room to spare (doubling), so growth is amortised. */
export function withCapacity(buffer: Float32Array, length: number): Float32Array {
  if (buffer.length >= length) return buffer;
  return new Float32Array(Math.max(length, 2 * buffer.length));
}

function clampBox(v: number, limit: number): number {
  return v < -limit ? -limit : v > limit ? limit : v;
}

/**
 * Writes a trajectory's box-frame points (x, y, z per point, lifted slightly above the surface,
 * plane positions clamped to the box margin) into `out` from index 0 and returns how many points it
 * wrote. Stops at the first non-finite loss or coordinate: what comes after a blow-up is not a path
 * worth drawing. `out` must hold 3 floats per point of the trajectory (see withCapacity).
 */
export function writeTrajectoryPositions(traj: TrajectoryView, map: BoxMapping, out: Float32Array): number {
  const n = Math.min(traj.points.length, traj.losses.length);
  const limit = OUTSIDE_MARGIN * BOX_HALF;
  let k = 0;
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
 * minus one, 0 for fewer than two points. `out` must hold SEGMENT_FLOATS floats per point.
 */
export function writePathSegments(positions: Float32Array, count: number, tolerance: number, out: Float32Array): number {
  if (count < 2) return 0;
  const t2 = tolerance * tolerance;
  let segments = 0;
  let lx = positions[0];
  let ly = positions[1];
  let lz = positions[2];
  for (let k = 1; k < count; k++) {
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
    segments++;
    lx = x;
    ly = y;
    lz = z;
  }
  return segments;
}
