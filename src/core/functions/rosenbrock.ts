import type { TestFunction2D } from './types';

const A = 1;
const B = 100;

/** Rosenbrock (1960) banana valley, a = 1, b = 100: the classic curved narrow valley. */
export const rosenbrock: TestFunction2D = {
  name: 'rosenbrock',
  label: 'Rosenbrock',
  formula: '(1 - x)^2 + 100 (y - x^2)^2',
  f: (x, y) => (A - x) ** 2 + B * (y - x * x) ** 2,
  grad: (x, y) => [-2 * (A - x) - 4 * B * x * (y - x * x), 2 * B * (y - x * x)],
  hessian: (x, y) => [2 - 4 * B * y + 12 * B * x * x, -4 * B * x, 2 * B],
  defaultStart: [-1.2, 1],
  domain: { x: [-2, 2], y: [-1, 3] },
  minima: [[1, 1]],
  logScale: true,
  // r = (10 (y - x^2), 1 - x): f = r1^2 + r2^2.
  leastSquares: {
    weight: 1,
    residuals: (x, y) => [Math.sqrt(B) * (y - x * x), A - x],
    jacobian: (x) => [
      [-2 * Math.sqrt(B) * x, Math.sqrt(B)],
      [-1, 0],
    ],
  },
};
