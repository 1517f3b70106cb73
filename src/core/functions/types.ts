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
}
