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
