import type { TestFunction2D } from './types';

/** A degenerate saddle: the Hessian vanishes at the origin, so second-order tests cannot classify it. */
export const monkeySaddle: TestFunction2D = {
  name: 'monkey-saddle',
  label: 'Monkey saddle',
  formula: 'x^3 - 3 x y^2',
  f: (x, y) => x ** 3 - 3 * x * y * y,
  grad: (x, y) => [3 * x * x - 3 * y * y, -6 * x * y],
  hessian: (x, y) => [6 * x, -6 * y, -6 * x],
  defaultStart: [0.5, 0.3],
  domain: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
  minima: [[0, 0]],
  logScale: false,
};
