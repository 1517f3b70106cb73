import type { TestFunction2D } from './types';

/** Booth: a convex quadratic, so one exact Newton step lands on the minimum (1, 3). */
export const booth: TestFunction2D = {
  name: 'booth',
  label: 'Booth',
  formula: '(x + 2y - 7)^2 + (2x + y - 5)^2',
  f: (x, y) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
  grad: (x, y) => {
    const p = x + 2 * y - 7;
    const q = 2 * x + y - 5;
    return [2 * p + 4 * q, 4 * p + 2 * q];
  },
  hessian: () => [10, 8, 10],
  defaultStart: [0, 0],
  domain: { x: [-10, 10], y: [-10, 10] },
  minima: [[1, 3]],
  logScale: true,
  leastSquares: {
    weight: 1,
    residuals: (x, y) => [x + 2 * y - 7, 2 * x + y - 5],
    jacobian: () => [
      [1, 2],
      [2, 1],
    ],
  },
};
