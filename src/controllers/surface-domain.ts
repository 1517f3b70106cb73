/**
 * The window a network's loss surface is drawn over, fitted to the projected trajectories: a
 * square (the plane's two directions share units, so distances read true) around their finite
 * points with a margin, never smaller than a floor so a run that barely moves still shows its
 * neighbourhood, and never larger than a cap so one diverged run does not flatten the rest.
 */
export interface Domain {
  x: [number, number];
  y: [number, number];
}

export const DOMAIN_MARGIN = 0.25;
export const MIN_HALF = 0.1;
export const MAX_HALF = 50;

export function coveringDomain(paths: readonly (readonly [number, number])[][], fallback: Domain): Domain {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const path of paths) {
    for (const [x, y] of path) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) break;
      if (Math.abs(x) > MAX_HALF * 10 || Math.abs(y) > MAX_HALF * 10) break;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (!(x0 <= x1)) return fallback;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const half = Math.min(MAX_HALF, Math.max(MIN_HALF, ((1 + DOMAIN_MARGIN) * Math.max(x1 - x0, y1 - y0)) / 2));
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}

/** Whether two windows differ enough (in position or size) to be worth a new surface. */
export function domainChanged(a: Domain, b: Domain, tolerance = 0.1): boolean {
  const size = Math.max(a.x[1] - a.x[0], a.y[1] - a.y[0], b.x[1] - b.x[0], b.y[1] - b.y[0]);
  const ends = [a.x[0] - b.x[0], a.x[1] - b.x[1], a.y[0] - b.y[0], a.y[1] - b.y[1]];
  return ends.some((d) => Math.abs(d) > tolerance * size);
}
