/** What the drawing components receive: plain data, no store access, so each view is testable alone. */

export type { SurfaceGrid } from '../../protocol/surface';

export interface TrajectoryView {
  /** Registry name, e.g. `lbfgs`. */
  name: string;
  label: string;
  color: string;
  /** Plane coordinates of each iterate. */
  points: [number, number][];
  losses: number[];
  gradNorms: number[];
  /** Cumulative gradient evaluations + HVPs + Gauss-Newton products + K-FAC factor passes at each iterate. */
  cost: number[];
  /** Cumulative wall time in ms at each iterate. */
  timeMs: number[];
  /** Iteration of each entry when a long series is thinned for drawing; absent, entry k is iteration k. */
  iterations?: number[];
}

/** Hessian eigen-directions at a point, for the contour view's arrows. */
export interface EigenArrows {
  at: [number, number];
  /** Each unit vector with its eigenvalue (length of the arrow scales with |value|). */
  pairs: { value: number; vector: [number, number] }[];
}

export type { ChartXAxis } from '../../state/setup';
