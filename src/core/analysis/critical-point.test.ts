import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { getOptimizer } from '../optim/registry';
import { runOptimizer } from '../optim/run';
import { classifyPoint, STATIONARY_TOL } from './critical-point';

const rosenbrock = getTestFunction('rosenbrock');

/** Exact eigenvalues of Rosenbrock's 2x2 Hessian at (x, y), ascending. */
function eigenAt(x: number, y: number): [number, number] {
  const [hxx, hxy, hyy] = rosenbrock.hessian(x, y);
  const e = symmetricEigen(Float64Array.of(hxx, hxy, hxy, hyy), 2);
  return [e.values[0], e.values[1]];
}

function classifyAt(x: number, y: number): ReturnType<typeof classifyPoint> {
  const [lambdaMin, lambdaMax] = eigenAt(x, y);
  const [gx, gy] = rosenbrock.grad(x, y);
  return classifyPoint({ gradNorm: Math.hypot(gx, gy), value: rosenbrock.f(x, y), lambdaMin, lambdaMax, pointNorm: Math.hypot(x, y) });
}

describe('classifyPoint', () => {
  it("Rosenbrock's Hessian at (1, 1) has eigenvalues 501 +- sqrt(301^2 + 400^2): a minimum with condition 2508", () => {
    const [lo, hi] = eigenAt(1, 1);
    expect(hi).toBeCloseTo(501 + Math.sqrt(250601), 9);
    expect(hi).toBeCloseTo(1001.6006, 3);
    expect(lo).toBeCloseTo(0.39936, 5);
    const c = classifyAt(1, 1);
    expect(c.kind).toBe('minimum');
    expect(c.degenerate).toBe(false);
    expect(c.condition).toBeCloseTo(hi / lo, 9);
  });

  it("gradient descent's iterate 500 on Rosenbrock (gradient norm about 2) is not a critical point", async () => {
    const res = await runOptimizer(getOptimizer('sgd'), functionObjective(rosenbrock), Float64Array.from(rosenbrock.defaultStart), { maxIter: 500, gtol: 1e-12 });
    const last = res.records[500];
    expect(last.gradNorm).toBeGreaterThan(0.5);
    const c = classifyAt(last.point[0], last.point[1]);
    expect(c.kind).toBe('not a critical point');
    expect(c.stationary).toBe(false);
    expect(last.gradNorm).toBeGreaterThan(c.gradTolerance);
  });

  it("L-BFGS's converged point on Rosenbrock is a minimum", async () => {
    const res = await runOptimizer(getOptimizer('lbfgs'), functionObjective(rosenbrock), Float64Array.from(rosenbrock.defaultStart), { maxIter: 200, gtol: 1e-8 });
    expect(res.reason).toBe('gtol met');
    expect(classifyAt(res.x[0], res.x[1]).kind).toBe('minimum');
  });

  it('an eigenvalue of -4e-8 beside 1001.6 is zero within rounding: a (degenerate) minimum, no condition number', () => {
    const c = classifyPoint({ gradNorm: 3e-9, value: 1e-18, lambdaMax: 1001.6, lambdaMin: -4e-8, pointNorm: Math.SQRT2 });
    expect(c.kind).toBe('minimum');
    expect(c.degenerate).toBe(true);
    expect(c.condition).toBeNull();
  });

  it('an iterate with gradient norm 300 is never classified, whatever its Hessian', () => {
    expect(classifyPoint({ gradNorm: 300, value: 5, lambdaMax: 1000, lambdaMin: 10, pointNorm: 1 }).kind).toBe('not a critical point');
  });

  it('saddle x^2 - y^2 at the origin: a saddle, and no condition number for an indefinite Hessian', () => {
    const c = classifyPoint({ gradNorm: 0, value: 0, lambdaMax: 2, lambdaMin: -2, pointNorm: 0 });
    expect(c.kind).toBe('saddle');
    expect(c.condition).toBeNull();
  });

  it('-(x^2 + 2 y^2) at the origin is a maximum with condition 2; a zero Hessian is flat', () => {
    expect(classifyPoint({ gradNorm: 0, value: 0, lambdaMax: -2, lambdaMin: -4 })).toMatchObject({ kind: 'maximum', condition: 2 });
    expect(classifyPoint({ gradNorm: 0, value: 0, lambdaMax: 0, lambdaMin: 0 })).toMatchObject({ kind: 'flat', degenerate: true, condition: null });
  });

  it('the stationarity threshold scales with |f| and |lambda|max ||x||', () => {
    expect(classifyPoint({ gradNorm: 0.5, value: 1e4, lambdaMax: 1, lambdaMin: 1 }).gradTolerance).toBeCloseTo(STATIONARY_TOL * 1e4, 12);
    expect(classifyPoint({ gradNorm: 0.5, value: 0, lambdaMax: 1e3, lambdaMin: 1, pointNorm: 10 }).gradTolerance).toBeCloseTo(STATIONARY_TOL * 1e4, 12);
  });
});
