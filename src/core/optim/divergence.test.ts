import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { countedObjective } from '../objective';
import { getOptimizer } from './registry';
import { NonFiniteStartError, UNBOUNDED_FACTOR, divergenceLevels, gradientNorm, runOptimizer } from './run';
import type { StepRecord } from './types';

function finiteRecord(r: StepRecord): boolean {
  return [r.loss, r.gradNorm, r.stepSize, ...r.point].every(Number.isFinite);
}

/**
 * Functions unbounded below, with the optimizers that follow them down (the rest stop at the
 * saddle point itself or in a line search). The levels come from the analytic f at the start.
 */
const UNBOUNDED: [string, string[]][] = [
  ['saddle', ['newton', 'momentum', 'nesterov', 'adahessian', 'hessian-free']],
  ['monkey-saddle', ['sgd', 'momentum', 'nesterov', 'sam', 'adahessian', 'newton', 'saddle-free-newton', 'hessian-free', 'lowrank-newton']],
];

describe('runs on functions unbounded below', () => {
  for (const [fnName, optimizers] of UNBOUNDED) {
    const fn = getTestFunction(fnName);
    const f0 = fn.f(fn.defaultStart[0], fn.defaultStart[1]);
    const level = f0 - UNBOUNDED_FACTOR * (Math.abs(f0) + 1);
    it.each(optimizers)(`${fnName}: %s stops "unbounded below at iteration k" at the first f below f0 - 1e6 (|f0| + 1)`, async (name) => {
      const res = await runOptimizer(getOptimizer(name), functionObjective(fn), Float64Array.from(fn.defaultStart), { maxIter: 20_000, gtol: 1e-10 });
      expect(res.reason).toBe(`unbounded below at iteration ${res.nit}`);
      expect(res.records.every(finiteRecord)).toBe(true);
      const losses = res.records.map((r) => fn.f(r.point[0], r.point[1]));
      expect(losses[0]).toBe(f0);
      expect(losses.at(-1)!).toBeLessThan(level);
      expect(losses.slice(0, -1).every((f) => f >= level)).toBe(true);
      expect(res.f).toBe(res.records.at(-1)!.loss);
    });
  }

  it('a step whose loss is -Infinity stops the run at the last finite record', async () => {
    // f(x) = -1/(1 - x) on x < 1: gradient descent with lr 1 from x = 0 lands on x = 1 exactly.
    const f = countedObjective({
      dim: 1,
      value: async (w) => -1 / (1 - w[0]),
      valueAndGrad: async (w) => ({ value: w[0] >= 1 ? -Infinity : -1 / (1 - w[0]), grad: Float64Array.of(-1 / (1 - w[0]) ** 2) }),
      hvp: async (w, v) => Float64Array.of((-2 / (1 - w[0]) ** 3) * v[0]),
    });
    const res = await runOptimizer(getOptimizer('sgd'), f, Float64Array.of(0), { maxIter: 10, gtol: 0, hp: { lr: 1 } });
    expect(res.reason).toBe('unbounded below at iteration 1');
    expect(res.nit).toBe(0);
    expect(res.records).toHaveLength(1);
    expect(res.f).toBe(-1);
  });
});

describe('gradient overflow and non-finite starts', () => {
  it('a finite loss with an infinite gradient stops with "gradient overflow at iteration k"', async () => {
    // f(x) = sqrt(x): from x = 1 with lr 2, x_1 = 1 - 2 * 0.5 = 0, where f = 0 but f' = 1/(2 sqrt 0) = Infinity.
    const f = countedObjective({
      dim: 1,
      value: async (w) => Math.sqrt(w[0]),
      valueAndGrad: async (w) => ({ value: Math.sqrt(w[0]), grad: Float64Array.of(1 / (2 * Math.sqrt(w[0]))) }),
      hvp: async (w, v) => Float64Array.of(-0.25 * w[0] ** -1.5 * v[0]),
    });
    const res = await runOptimizer(getOptimizer('sgd'), f, Float64Array.of(1), { maxIter: 10, gtol: 0, hp: { lr: 2 } });
    expect(res.reason).toBe('gradient overflow at iteration 1');
    expect(res.records.map((r) => r.loss)).toEqual([1]);
    expect(res.gradNorm).toBe(0.5);
  });

  it('finite components whose norm overflows count as a gradient overflow too', async () => {
    // The start's gradient is (1, 1); the next point's is (1.5e308, 1.5e308), each finite, with norm 2.1e308.
    let calls = 0;
    const f = countedObjective({
      dim: 2,
      value: async () => 0,
      valueAndGrad: async () => ({ value: 0, grad: calls++ === 0 ? Float64Array.of(1, 1) : Float64Array.of(1.5e308, 1.5e308) }),
      hvp: async (_w, v) => new Float64Array(v.length),
    });
    const res = await runOptimizer(getOptimizer('sgd'), f, Float64Array.of(0, 0), { maxIter: 10, gtol: 0, hp: { lr: 0.5 } });
    expect(res.reason).toBe('gradient overflow at iteration 1');
    expect(res.gradNorm).toBe(Math.SQRT2);
  });

  it('the gradient norm of finite components never overflows', () => {
    expect(gradientNorm(Float64Array.of(1e200, 1e200))).toBeCloseTo(Math.SQRT2 * 1e200, -186);
    expect(gradientNorm(Float64Array.of(3, 4))).toBe(5);
    expect(gradientNorm(Float64Array.of(0, 0))).toBe(0);
    expect(gradientNorm(Float64Array.of(1, Infinity))).toBe(Infinity);
    expect(gradientNorm(Float64Array.of(1, NaN))).toBeNaN();
  });

  it('a start where the objective overflows is a NonFiniteStartError naming the point', async () => {
    const rosenbrock = getTestFunction('rosenbrock');
    // 100 (y - x^2)^2 at x = y = 1e308 is Infinity in float64.
    await expect(runOptimizer(getOptimizer('lbfgs'), functionObjective(rosenbrock), Float64Array.of(1e308, 1e308), { maxIter: 5, gtol: 0 })).rejects.toThrow(
      new NonFiniteStartError('lbfgs: the objective is not finite at (1e+308, 1e+308): loss Infinity, gradient norm Infinity'),
    );
  });

  it('levels scale with the start: f0 + 10 (|f0| + 1) above, f0 - 1e6 (|f0| + 1) below', () => {
    expect(divergenceLevels(0)).toEqual({ above: 10, below: -1e6 });
    expect(divergenceLevels(-2)).toEqual({ above: 28, below: -2 - 3e6 });
  });
});
