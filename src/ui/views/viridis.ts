/**
 * Viridis (van der Walt & Smith 2015, matplotlib's default map) on its own, so the contour worker
 * (contour.worker.ts) bundles d3's viridis ramp alone and not colormap.ts's optimizer colours,
 * whose imports reach the optimizer registry.
 */
import { interpolateViridis } from 'd3-scale-chromatic';

/** `t` clamped to [0, 1], non-finite values to 0: the argument a colour map reads. */
export function clamp01(t: number): number {
  if (!Number.isFinite(t)) return 0;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Viridis at `t` in [0, 1] (clamped; NaN maps to the low end) as a CSS colour. */
export function viridisCss(t: number): string {
  return interpolateViridis(clamp01(t));
}
