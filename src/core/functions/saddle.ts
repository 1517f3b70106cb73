import type { TestFunction2D } from './types';

/** The textbook non-degenerate saddle: curvature +2 along x, -2 along y, unbounded below. */
export const saddle: TestFunction2D = {
  name: 'saddle',
  label: 'Saddle',
  formula: 'x^2 - y^2',
  f: (x, y) => x * x - y * y,
  grad: (x, y) => [2 * x, -2 * y],
  hessian: () => [2, 0, -2],
  defaultStart: [1, 1e-8],
  domain: { x: [-2, 2], y: [-2, 2] },
  minima: [[0, 0]],
  logScale: false,
};
