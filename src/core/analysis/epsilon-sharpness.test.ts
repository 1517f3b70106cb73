import { describe, expect, it } from 'vitest';
import { countedObjective, type Objective } from '../objective';
import { createRng } from '../random';
import { epsilonSharpness } from './epsilon-sharpness';

/** f(w) = c + g.(w - x) + 0.5 sum_i a_i (w_i - x_i)^2, a diagonal quadratic about x. */
function diagonalQuadratic(x: Float64Array, g: Float64Array, a: Float64Array, c: number): Objective {
  const value = (w: Float64Array): number => {
    let f = c;
    for (let i = 0; i < w.length; i++) {
      const y = w[i] - x[i];
      f += g[i] * y + 0.5 * a[i] * y * y;
    }
    return f;
  };
  return countedObjective({
    dim: x.length,
    value: async (w) => value(w),
    valueAndGrad: async (w) => ({ value: value(w), grad: Float64Array.from(w, (wi, i) => g[i] + a[i] * (wi - x[i])) }),
    hvp: async (_w, v) => Float64Array.from(v, (vi, i) => a[i] * vi),
  });
}

/**
 * The box maximum of a separable quadratic, coordinate by coordinate: the larger of the two ends
 * when a_i >= 0 (a convex parabola), else the vertex -g_i / a_i clipped to [-r_i, r_i].
 */
function closedFormMax(g: Float64Array, a: Float64Array, r: Float64Array, c: number): number {
  let f = c;
  for (let i = 0; i < g.length; i++) {
    const q = (y: number): number => g[i] * y + 0.5 * a[i] * y * y;
    f += a[i] >= 0 ? Math.max(q(r[i]), q(-r[i])) : q(Math.min(r[i], Math.max(-r[i], -g[i] / a[i])));
  }
  return f;
}

function setup(n: number, seed: number, sign: 'convex' | 'concave' | 'mixed') {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => 3 * rng.normal());
  const g = Float64Array.from({ length: n }, () => rng.normal() * 10 ** (-2 * rng.next()));
  const a = Float64Array.from({ length: n }, (_, i) => {
    const mag = 10 ** (3 * rng.next());
    if (sign === 'convex') return mag;
    if (sign === 'concave') return -mag;
    return i % 2 === 0 ? mag : -mag;
  });
  return { x, g, a };
}

describe('epsilon-sharpness', () => {
  const eps = 1e-2;
  for (const sign of ['convex', 'concave', 'mixed'] as const) {
    it(`finds the closed-form box maximum of a ${sign} diagonal quadratic`, async () => {
      const { x, g, a } = setup(40, sign.length, sign);
      const c = 0.7;
      const r = Float64Array.from(x, (xi) => eps * (Math.abs(xi) + 1));
      const expected = closedFormMax(g, a, r, c);
      const res = await epsilonSharpness(diagonalQuadratic(x, g, a, c), x, { eps, maxSteps: 500 });
      expect(res.loss).toBe(c);
      expect(Math.abs(res.maxLoss - expected)).toBeLessThan(1e-7 * (expected - c));
      expect(res.sharpness).toBeCloseTo((100 * (expected - c)) / (1 + c), 6);
      for (let i = 0; i < x.length; i++) expect(Math.abs(res.perturbation[i])).toBeLessThanOrEqual(r[i] * (1 + 1e-12));
    });
  }

  it('reaches the vertex of a convex quadratic within the default step budget', async () => {
    const { x, g, a } = setup(200, 7, 'convex');
    const r = Float64Array.from(x, (xi) => 1e-3 * (Math.abs(xi) + 1));
    const expected = closedFormMax(g, a, r, 0);
    const res = await epsilonSharpness(diagonalQuadratic(x, g, a, 0), x, { eps: 1e-3 });
    expect(Math.abs(res.maxLoss - expected)).toBeLessThan(1e-9 * expected);
    expect(res.gradients).toBeLessThanOrEqual(21);
  });

  it('is zero at a strict local maximum with zero gradient and rejects a non-positive eps', async () => {
    const n = 5;
    const x = new Float64Array(n).fill(1);
    const f = diagonalQuadratic(x, new Float64Array(n), new Float64Array(n).fill(-1), 2);
    expect((await epsilonSharpness(f, x, { eps: 1e-3 })).sharpness).toBe(0);
    await expect(epsilonSharpness(f, x, { eps: 0 })).rejects.toThrow(/eps/);
  });
});
