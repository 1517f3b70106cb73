import type { TestFunction2D } from './types';

/**
 * An axis-aligned quadratic 0.5 (x^2 + kappa y^2): Hessian diag(1, kappa), so its condition
 * number is exactly kappa, the knob that makes gradient descent zig-zag.
 */
export function quadratic(kappa: number, name = 'quadratic'): TestFunction2D {
  if (!(kappa >= 1) || !Number.isFinite(kappa)) {
    throw new Error(`quadratic: condition number kappa must be a finite number >= 1, got ${kappa}`);
  }
  return {
    name,
    label: `Quadratic (κ = ${kappa})`,
    formula: `0.5 (x^2 + ${kappa} y^2)`,
    f: (x, y) => 0.5 * (x * x + kappa * y * y),
    grad: (x, y) => [x, kappa * y],
    hessian: () => [1, 0, kappa],
    defaultStart: [-1.5, 1],
    domain: { x: [-2, 2], y: [-2, 2] },
    minima: [[0, 0]],
    logScale: false,
    // r = (x, sqrt(kappa) y), f = 0.5 |r|^2: G is the Hessian itself.
    leastSquares: {
      weight: 0.5,
      residuals: (x, y) => [x, Math.sqrt(kappa) * y],
      jacobian: () => [
        [1, 0],
        [0, Math.sqrt(kappa)],
      ],
    },
  };
}
