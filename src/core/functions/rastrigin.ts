import type { TestFunction2D } from './types';

const A = 10;
const W = 2 * Math.PI;

/** Rastrigin (1974), A = 10: a bowl covered in a regular grid of local minima. */
export const rastrigin: TestFunction2D = {
  name: 'rastrigin',
  label: 'Rastrigin',
  formula: '20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)',
  f: (x, y) => 2 * A + x * x - A * Math.cos(W * x) + y * y - A * Math.cos(W * y),
  grad: (x, y) => [2 * x + A * W * Math.sin(W * x), 2 * y + A * W * Math.sin(W * y)],
  hessian: (x, y) => [2 + A * W * W * Math.cos(W * x), 0, 2 + A * W * W * Math.cos(W * y)],
  defaultStart: [2.3, -1.7],
  domain: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
  minima: [[0, 0]],
  logScale: false,
};
