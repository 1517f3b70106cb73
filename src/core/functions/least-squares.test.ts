import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hessianFree } from '../optim/hessian-free';
import { levenbergMarquardt } from '../optim/levenberg-marquardt';
import { naturalGradient } from '../optim/natural-gradient';
import { applicableOptimizers } from '../optim/registry';
import { runOptimizer } from '../optim/run';
import { functionObjective } from './objective';
import { TEST_FUNCTIONS, getTestFunction } from './registry';
import type { LeastSquares, TestFunction2D } from './types';

const H = 1e-5;
const leastSquares = TEST_FUNCTIONS.filter((fn) => fn.leastSquares);

/** Analytic J^T J of a 2-D least-squares function, as [a, b, c] for [[a, b], [b, c]]. */
function jtj(ls: LeastSquares, x: number, y: number): [number, number, number] {
  let [a, b, c] = [0, 0, 0];
  for (const [jx, jy] of ls.jacobian(x, y)) {
    a += jx * jx;
    b += jx * jy;
    c += jy * jy;
  }
  return [a, b, c];
}

/** G as [a, b, c] from two products G e_1, G e_2. */
async function denseG(fn: TestFunction2D, x: number, y: number): Promise<[number, number, number]> {
  const f = functionObjective(fn);
  const w = Float64Array.of(x, y);
  const [c1, c2] = [await f.ggnvp!(w, Float64Array.of(1, 0)), await f.ggnvp!(w, Float64Array.of(0, 1))];
  expect(c1[1]).toBe(c2[0]);
  return [c1[0], c1[1], c2[1]];
}

function closeTo(a: number, b: number, tol: number, scale: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b), scale);
}

describe('the 2-D functions that are sums of squares', () => {
  it('are Rosenbrock, Beale, Himmelblau, Booth and the quadratic; the others (Rastrigin, six-hump camel, the saddles) are not', () => {
    expect(leastSquares.map((fn) => fn.name)).toEqual(['rosenbrock', 'beale', 'himmelblau', 'booth', 'quadratic']);
    for (const fn of TEST_FUNCTIONS.filter((f) => !f.leastSquares)) expect(functionObjective(fn).ggnvp).toBeUndefined();
  });

  it('Rosenbrock: G = 2 J^T J with J = [[-20 x, 10], [-1, 0]], i.e. [[2 (400 x^2 + 1), -400 x], [-400 x, 200]]', async () => {
    const fn = getTestFunction('rosenbrock');
    for (const [x, y] of [[-1.2, 1], [0.3, -0.7], [1.7, 2.9]]) {
      const [a, b, c] = await denseG(fn, x, y);
      expect(a).toBeCloseTo(2 * (400 * x * x + 1), 10);
      expect(b).toBeCloseTo(-400 * x, 10);
      expect(c).toBe(200);
    }
  });
});

describe.each(leastSquares.map((fn) => [fn.name, fn] as const))('%s as least squares', (_name, fn) => {
  const ls = fn.leastSquares!;
  const coord = (lo: number, hi: number): fc.Arbitrary<number> => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const point = fc.tuple(coord(...fn.domain.x), coord(...fn.domain.y));

  it('weight * sum r_i^2 is f, and the Jacobian matches central differences of the residuals, at random points', () => {
    fc.assert(
      fc.property(point, ([x, y]) => {
        const r = ls.residuals(x, y);
        const f = fn.f(x, y);
        if (!closeTo(ls.weight * r.reduce((s, v) => s + v * v, 0), f, 1e-12, f)) return false;
        const [rxp, rxm, ryp, rym] = [ls.residuals(x + H, y), ls.residuals(x - H, y), ls.residuals(x, y + H), ls.residuals(x, y - H)];
        return ls.jacobian(x, y).every(([jx, jy], i) => closeTo(jx, (rxp[i] - rxm[i]) / (2 * H), 1e-6, Math.abs(r[i])) && closeTo(jy, (ryp[i] - rym[i]) / (2 * H), 1e-6, Math.abs(r[i])));
      }),
      { numRuns: 200 },
    );
  });

  it('G v = 2 weight J^T J v, and H - G = 2 weight sum r_i Hess(r_i) (residual Hessians by central differences of the Jacobian)', async () => {
    await fc.assert(
      fc.asyncProperty(point, async ([x, y]) => {
        const [a, b, c] = await denseG(fn, x, y);
        const [ja, jb, jc] = jtj(ls, x, y);
        const two = 2 * ls.weight;
        if (!closeTo(a, two * ja, 1e-12, 0) || !closeTo(b, two * jb, 1e-12, 0) || !closeTo(c, two * jc, 1e-12, 0)) return false;
        const [hxx, hxy, hyy] = fn.hessian(x, y);
        const r = ls.residuals(x, y);
        const [jxp, jxm, jyp, jym] = [ls.jacobian(x + H, y), ls.jacobian(x - H, y), ls.jacobian(x, y + H), ls.jacobian(x, y - H)];
        let [sxx, sxy, syy] = [0, 0, 0];
        r.forEach((ri, i) => {
          sxx += ri * ((jxp[i][0] - jxm[i][0]) / (2 * H));
          sxy += ri * ((jyp[i][0] - jym[i][0]) / (2 * H));
          syy += ri * ((jyp[i][1] - jym[i][1]) / (2 * H));
        });
        const scale = Math.abs(hxx) + Math.abs(hyy) + Math.abs(a) + Math.abs(c);
        return closeTo(hxx - a, two * sxx, 1e-6, scale) && closeTo(hxy - b, two * sxy, 1e-6, scale) && closeTo(hyy - c, two * syy, 1e-6, scale);
      }),
      { numRuns: 100 },
    );
  });

  it('at every listed minimiser the residuals vanish, so G equals the Hessian there', async () => {
    for (const [x, y] of fn.minima) {
      for (const r of ls.residuals(x, y)) expect(Math.abs(r)).toBeLessThan(1e-6);
      const [a, b, c] = await denseG(fn, x, y);
      const [hxx, hxy, hyy] = fn.hessian(x, y);
      const scale = Math.abs(hxx) + Math.abs(hyy);
      expect(Math.abs(a - hxx) + Math.abs(b - hxy) + Math.abs(c - hyy)).toBeLessThan(1e-5 * scale);
    }
  });

  it('Levenberg-Marquardt and natural gradient apply; LM from the default start reaches a listed minimiser on Gauss-Newton products alone', async () => {
    const f = functionObjective(fn);
    const names = applicableOptimizers(f).map((o) => o.name);
    for (const name of ['levenberg-marquardt', 'natural-gradient', 'hessian-free']) expect(names).toContain(name);
    expect(names).not.toContain('kfac');
    const res = await runOptimizer(levenbergMarquardt, f, Float64Array.from(fn.defaultStart), { maxIter: 200, gtol: 1e-9 });
    expect(res.reason).toBe('gtol met');
    const nearest = Math.min(...fn.minima.map(([x, y]) => Math.hypot(res.x[0] - x, res.x[1] - y)));
    expect(nearest).toBeLessThan(1e-6);
    expect(f.counts.hvps).toBe(0);
    expect(f.counts.ggnvps).toBeGreaterThan(0);
  });
});

describe('Gauss-Newton optimizers on the registry Rosenbrock', () => {
  it('Hessian-free with curvature gauss-newton reaches (1, 1) on G products alone, and uses G by default on a sum of squares (H on Rastrigin, which has no G)', async () => {
    const rosenbrock = getTestFunction('rosenbrock');
    const gn = functionObjective(rosenbrock);
    const res = await runOptimizer(hessianFree, gn, Float64Array.of(-1.2, 1), { maxIter: 200, gtol: 1e-8, hp: { curvature: 'gauss-newton' } });
    expect(Math.hypot(res.x[0] - 1, res.x[1] - 1)).toBeLessThan(1e-6);
    expect(gn.counts.hvps).toBe(0);
    const byDefault = functionObjective(rosenbrock);
    await runOptimizer(hessianFree, byDefault, Float64Array.of(-1.2, 1), { maxIter: 5, gtol: 0 });
    expect(byDefault.counts.hvps).toBe(0);
    expect(byDefault.counts.ggnvps).toBeGreaterThan(0);
    const noG = functionObjective(getTestFunction('rastrigin'));
    await runOptimizer(hessianFree, noG, Float64Array.of(2.2, -1.3), { maxIter: 5, gtol: 0 });
    expect(noG.counts.hvps).toBeGreaterThan(0);
  });

  it('natural gradient with defaults lowers Rosenbrock from (-1.2, 1) in 50 steps', async () => {
    const f = functionObjective(getTestFunction('rosenbrock'));
    const res = await runOptimizer(naturalGradient, f, Float64Array.of(-1.2, 1), { maxIter: 50, gtol: 0 });
    expect(res.f).toBeLessThan(0.1 * res.records[0].loss);
  });
});
