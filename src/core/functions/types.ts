/**
 * A function written as a weighted sum of squared residuals, f = weight * sum_i r_i(x, y)^2: its
 * Gauss-Newton matrix is 2 weight J^T J (J the residuals' Jacobian), the Hessian without the
 * terms 2 weight r_i Hess(r_i), positive semi-definite and exact wherever the residuals vanish
 * (Nocedal & Wright 2006, Numerical Optimization, Sec. 10.3).
 */
export interface LeastSquares {
  weight: number;
  residuals(x: number, y: number): number[];
  /** One row [dr_i/dx, dr_i/dy] per residual. */
  jacobian(x: number, y: number): [number, number][];
}

/** A 2-D test function with analytic derivatives; the explorer's landscapes and the optimizer tests use these. */
export interface TestFunction2D {
  /** Identifier used by the CLI, URL and registry, e.g. `rosenbrock`. */
  name: string;
  label: string;
  formula: string;
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  /** [hxx, hxy, hyy] */
  hessian(x: number, y: number): [number, number, number];
  defaultStart: [number, number];
  /** Plot window. */
  domain: { x: [number, number]; y: [number, number] };
  /** Known minimisers (and, for saddles, the critical point). */
  minima: [number, number][];
  /** Values span decades, so the surface reads better on a log scale. */
  logScale: boolean;
  /** Present when f is a sum of squares, so Gauss-Newton methods apply; absent otherwise. */
  leastSquares?: LeastSquares;
}
