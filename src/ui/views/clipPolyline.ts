/**
 * Cuts a trajectory to what a plot can draw: it ends at the first non-finite point (a diverged
 * run has nothing after it), and each segment is clipped to a box (Liang & Barsky 1984), so a
 * point at 1e27 neither reaches the SVG nor bends the visible part of the line. Pieces that
 * leave the box and come back become separate runs.
 */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export type Point2 = [number, number];

/** The points before the first non-finite coordinate. */
export function finitePrefix(points: readonly Point2[]): Point2[] {
  const out: Point2[] = [];
  for (const p of points) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) break;
    out.push(p);
  }
  return out;
}

/** Parameter range [t0, t1] of segment a->b inside the box, or null when it misses it. */
export function clipSegment(a: Point2, b: Point2, box: Box): [number, number] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  // the left, right, bottom and top edges in turn, each bounding t by q / p; no array of edges, as this runs per drawn segment
  for (let k = 0; k < 4; k++) {
    const p = k === 0 ? -dx : k === 1 ? dx : k === 2 ? -dy : dy;
    const q = k === 0 ? a[0] - box.x0 : k === 1 ? box.x1 - a[0] : k === 2 ? a[1] - box.y0 : box.y1 - a[1];
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return null;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return null;
      if (r < t1) t1 = r;
    }
  }
  return [t0, t1];
}

/** The point a fraction `t` along a->b, exactly a or b at the ends. */
export function lerp(a: Point2, b: Point2, t: number): Point2 {
  return t === 0 ? a : t === 1 ? b : [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/** Visible runs of the polyline through `points` (already finite) inside `box`. */
export function clipPolyline(points: readonly Point2[], box: Box): Point2[][] {
  if (points.length === 1) return insideBox(points[0], box) ? [[points[0]]] : [];
  // the common case, every point in view: one run of all of them, without a segment test each
  if (points.every((p) => insideBox(p, box))) return [points.slice()];
  const runs: Point2[][] = [];
  let current: Point2[] | null = null;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const span = clipSegment(a, b, box);
    if (!span) {
      current = null;
      continue;
    }
    const start = lerp(a, b, span[0]);
    const end = lerp(a, b, span[1]);
    if (!current || span[0] > 0) {
      current = [start];
      runs.push(current);
    }
    current.push(end);
    if (span[1] < 1) current = null;
  }
  return runs;
}

export function insideBox(p: Point2, box: Box): boolean {
  return p[0] >= box.x0 && p[0] <= box.x1 && p[1] >= box.y0 && p[1] <= box.y1;
}
