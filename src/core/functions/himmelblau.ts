import type { TestFunction2D } from './types';

/** Himmelblau (1972): four global minima with value 0, a local maximum and four saddles. */
export const himmelblau: TestFunction2D = {
  name: 'himmelblau',
  label: 'Himmelblau',
  formula: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  grad: (x, y) => {
    const u = x * x + y - 11;
    const v = x + y * y - 7;
    return [4 * x * u + 2 * v, 2 * u + 4 * y * v];
  },
  hessian: (x, y) => {
    const u = x * x + y - 11;
    const v = x + y * y - 7;
    return [4 * u + 8 * x * x + 2, 4 * x + 4 * y, 2 + 4 * v + 8 * y * y];
  },
  defaultStart: [0, 0],
  domain: { x: [-5, 5], y: [-5, 5] },
  minima: [
    [3, 2],
    [-2.805118086952745, 3.131312518250573],
    [-3.779310253377747, -3.283185991286169],
    [3.584428340330492, -1.848126526964404],
  ],
  logScale: true,
  leastSquares: {
    weight: 1,
    residuals: (x, y) => [x * x + y - 11, x + y * y - 7],
    jacobian: (x, y) => [
      [2 * x, 1],
      [1, 2 * y],
    ],
  },
};
