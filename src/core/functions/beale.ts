import type { TestFunction2D } from './types';

const C = [1.5, 2.25, 2.625];

/** Terms t_i = c_i - x + x y^i with their first and second partials, i = 1..3. */
function terms(x: number, y: number): { t: number; tx: number; ty: number; txy: number; tyy: number }[] {
  return C.map((c, k) => {
    const i = k + 1;
    return {
      t: c - x + x * y ** i,
      tx: y ** i - 1,
      ty: i * x * y ** (i - 1),
      txy: i * y ** (i - 1),
      tyy: i * (i - 1) * x * y ** Math.max(i - 2, 0),
    };
  });
}

/** Beale (1958): flat plateaus and sharp ridges around the minimum at (3, 0.5). */
export const beale: TestFunction2D = {
  name: 'beale',
  label: 'Beale',
  formula: '(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
  f: (x, y) => terms(x, y).reduce((s, { t }) => s + t * t, 0),
  grad: (x, y) => {
    let gx = 0;
    let gy = 0;
    for (const { t, tx, ty } of terms(x, y)) {
      gx += 2 * t * tx;
      gy += 2 * t * ty;
    }
    return [gx, gy];
  },
  hessian: (x, y) => {
    let hxx = 0;
    let hxy = 0;
    let hyy = 0;
    for (const { t, tx, ty, txy, tyy } of terms(x, y)) {
      hxx += 2 * tx * tx;
      hxy += 2 * (tx * ty + t * txy);
      hyy += 2 * (ty * ty + t * tyy);
    }
    return [hxx, hxy, hyy];
  },
  defaultStart: [1, 1],
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  minima: [[3, 0.5]],
  logScale: true,
  leastSquares: {
    weight: 1,
    residuals: (x, y) => terms(x, y).map(({ t }) => t),
    jacobian: (x, y) => terms(x, y).map(({ tx, ty }) => [tx, ty]),
  },
};
