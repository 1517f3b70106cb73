import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { createRng, rademacherVector } from '../random';
import { getOptimizer } from './registry';
import { deriveSeed } from './seed';

/** Closed-form first steps on Rosenbrock at (-1.2, 1): g = (-215.6, -88), H = [[1330, 480], [480, 200]]. */
const fn = getTestFunction('rosenbrock');
const x0 = Float64Array.of(-1.2, 1);
const g0 = [-215.6, -88];

async function steps(name: string, count: number, hp: Record<string, number | boolean> = {}): Promise<Float64Array[]> {
  const opt = getOptimizer(name);
  const obj = functionObjective(fn);
  let r = await opt.init(x0, obj, hp);
  const xs = [r.x];
  for (let i = 0; i < count; i++) {
    r = await opt.step(r, obj, hp);
    xs.push(r.x);
  }
  return xs;
}

describe('first steps match their update rules', () => {
  it('gradient and Hessian at the start are the closed forms used below', () => {
    expect(fn.grad(-1.2, 1)[0]).toBeCloseTo(g0[0], 10);
    expect(fn.grad(-1.2, 1)[1]).toBeCloseTo(g0[1], 10);
    expect(fn.hessian(-1.2, 1).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1330, 480, 200]);
  });

  it('Adam moves each coordinate by lr * sign(g) on its first step (bias-corrected m/sqrt(v) = g/|g|)', async () => {
    const [, x1] = await steps('adam', 1);
    expect(x1[0]).toBeCloseTo(-1.2 + 0.01, 9);
    expect(x1[1]).toBeCloseTo(1 + 0.01, 9);
  });

  it('heavy ball and Nesterov: x2 from the trace recursion t = g + beta t', async () => {
    const lr = 1e-3;
    const beta = 0.9;
    const [, x1, x2] = await steps('momentum', 2);
    const [, n1] = await steps('nesterov', 1);
    expect(x1[0]).toBeCloseTo(-1.2 - lr * g0[0], 12);
    // Nesterov's first update is g + beta * g.
    expect(n1[0]).toBeCloseTo(-1.2 - lr * (1 + beta) * g0[0], 12);
    const g1 = fn.grad(x1[0], x1[1]);
    expect(x2[1]).toBeCloseTo(x1[1] - lr * (g1[1] + beta * g0[1]), 12);
  });

  it('SAM applies the gradient taken at x + rho g/||g||', async () => {
    const gn = Math.hypot(g0[0], g0[1]);
    const ga = fn.grad(-1.2 + (0.05 * g0[0]) / gn, 1 + (0.05 * g0[1]) / gn);
    const [, x1] = await steps('sam', 1);
    expect(x1[0]).toBeCloseTo(-1.2 - 1e-3 * ga[0], 12);
    expect(x1[1]).toBeCloseTo(1 - 1e-3 * ga[1], 12);
  });

  it('AdaHessian divides by |z * Hz| + eps on its first step', async () => {
    const z = rademacherVector(2, createRng(deriveSeed(0, 1)));
    const d = [z[0] * (1330 * z[0] + 480 * z[1]), z[1] * (480 * z[0] + 200 * z[1])];
    const [, x1] = await steps('adahessian', 1);
    expect(x1[0]).toBeCloseTo(-1.2 - (0.1 * g0[0]) / (Math.abs(d[0]) + 1e-4), 9);
    expect(x1[1]).toBeCloseTo(1 - (0.1 * g0[1]) / (Math.abs(d[1]) + 1e-4), 9);
  });

  it('Newton takes the full step -H^-1 g where H is positive definite', async () => {
    const det = 1330 * 200 - 480 * 480;
    const d = [-(200 * g0[0] - 480 * g0[1]) / det, -(-480 * g0[0] + 1330 * g0[1]) / det];
    const [, x1] = await steps('newton', 1);
    // The unit step satisfies Armijo's sufficient decrease here, so no backtracking happens.
    expect(fn.f(-1.2 + d[0], 1 + d[1])).toBeLessThanOrEqual(24.2 + 1e-4 * (g0[0] * d[0] + g0[1] * d[1]));
    expect(x1[0]).toBeCloseTo(-1.2 + d[0], 12);
    expect(x1[1]).toBeCloseTo(1 + d[1], 12);
  });
});
