import type { TestFunction2D } from './types';

/** Six-hump camel (Dixon & Szegő 1978): six local minima, two of them global. */
export const sixHumpCamel: TestFunction2D = {
  name: 'six-hump-camel',
  label: 'Six-hump camel',
  formula: '(4 - 2.1 x^2 + x^4 / 3) x^2 + xy + (-4 + 4 y^2) y^2',
  f: (x, y) => (4 - 2.1 * x * x + x ** 4 / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y,
  grad: (x, y) => [8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y, x - 8 * y + 16 * y ** 3],
  hessian: (x, y) => [8 - 25.2 * x * x + 10 * x ** 4, 1, -8 + 48 * y * y],
  defaultStart: [-1.5, -1],
  domain: { x: [-3, 3], y: [-2, 2] },
  minima: [
    [0.08984201310031807, -0.7126564030207396],
    [-0.08984201310031807, 0.7126564030207396],
  ],
  logScale: false,
};
