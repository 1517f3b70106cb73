/**
 * Drops the points of a polyline that a drawing cannot show: a point closer than `tolerance` to the
 * last one kept is skipped (the first and last points always stay). Every skipped point lies within
 * `tolerance` of a kept one, so in screen units with a tolerance under a pixel the drawn line looks
 * the same, while a run that has converged (thousands of iterates on one spot) costs a few points.
 * Linear in the number of points; the radial-distance pass of the usual simplification pipelines
 * (e.g. Shi & Cheung, "Performance evaluation of line simplification algorithms for vector
 * generalization", 2006).
 */
export function decimatePolyline<P extends readonly number[]>(points: readonly P[], tolerance: number): P[] {
  const n = points.length;
  if (n <= 2) return points.slice();
  const t2 = tolerance * tolerance;
  const out: P[] = [points[0]];
  let last = points[0];
  for (let k = 1; k < n - 1; k++) {
    const p = points[k];
    let d2 = 0;
    for (let j = 0; j < p.length; j++) d2 += (p[j] - last[j]) ** 2;
    if (d2 >= t2) {
      out.push(p);
      last = p;
    }
  }
  out.push(points[n - 1]);
  return out;
}

/**
 * decimatePolyline of the points mapped through (fx, fy), e.g. to screen units, allocating only the
 * points it keeps: a redraw of a long run maps thousands of points and keeps a few hundred.
 */
export function decimateMapped(points: readonly (readonly [number, number])[], fx: (v: number) => number, fy: (v: number) => number, tolerance: number): [number, number][] {
  const n = points.length;
  const out: [number, number][] = [];
  const t2 = tolerance * tolerance;
  let lx = 0;
  let ly = 0;
  for (let k = 0; k < n; k++) {
    const x = fx(points[k][0]);
    const y = fy(points[k][1]);
    if (k === 0 || k === n - 1 || (x - lx) ** 2 + (y - ly) ** 2 >= t2) {
      out.push([x, y]);
      lx = x;
      ly = y;
    }
  }
  return out;
}
