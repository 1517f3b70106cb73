import { classColor, viridisCss } from '../colormap';

/** Up to this many distinct integer targets count as class labels rather than a continuous value. */
const MAX_CLASSES = 10;

/** True when every target is an integer and there are few distinct ones: colour by class. */
export function isClassTarget(y: number[]): boolean {
  const distinct = new Set<number>();
  for (const v of y) {
    if (!Number.isInteger(v)) return false;
    distinct.add(v);
    if (distinct.size > MAX_CLASSES) return false;
  }
  return true;
}

/**
 * One colour per point: classes take the categorical palette by their rank among the distinct
 * labels (so labels -1/1 and 0/1 both get the first two colours); continuous targets take viridis
 * over their range.
 */
export function pointColors(y: number[]): string[] {
  if (isClassTarget(y)) {
    const labels = [...new Set(y)].sort((a, b) => a - b);
    const rank = new Map(labels.map((l, k) => [l, k]));
    return y.map((v) => classColor(rank.get(v) ?? 0));
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of y) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo;
  return y.map((v) => viridisCss(span > 0 ? (v - lo) / span : 0.5));
}
