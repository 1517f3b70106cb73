import type { EigenArrows } from './types';

/** One Hessian eigen-direction ready to draw: both ends in data coordinates. */
export interface ArrowGlyph {
  value: number;
  from: [number, number];
  to: [number, number];
  /** Length in data units (|value| relative to the largest |value|, times the target length). */
  length: number;
  negative: boolean;
}

/**
 * Arrows for the eigenpairs at `arrows.at`, each along its unit vector with length proportional
 * to |eigenvalue|, so the one with the largest |eigenvalue| is `fraction` of `viewSpan`.
 * A non-finite or all-zero spectrum gives zero-length arrows rather than NaN coordinates.
 */
export function scaleArrows(arrows: EigenArrows, viewSpan: number, fraction = 0.15): ArrowGlyph[] {
  const finite = arrows.pairs.filter((p) => Number.isFinite(p.value));
  const maxAbs = finite.reduce((m, p) => Math.max(m, Math.abs(p.value)), 0);
  const target = viewSpan * fraction;
  const [ax, ay] = arrows.at;
  return finite.map((p) => {
    const [vx, vy] = p.vector;
    const norm = Math.hypot(vx, vy);
    const length = maxAbs > 0 && norm > 0 ? (target * Math.abs(p.value)) / maxAbs : 0;
    const ux = norm > 0 ? vx / norm : 0;
    const uy = norm > 0 ? vy / norm : 0;
    return {
      value: p.value,
      from: [ax, ay],
      to: [ax + length * ux, ay + length * uy],
      length,
      negative: p.value < 0,
    };
  });
}
