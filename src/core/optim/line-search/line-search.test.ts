import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countedObjective } from '../../objective';
import { addScaled, dot, scale } from '../../linalg/vector';
import { quadraticObjective } from '../test-objectives';
import { armijo } from './armijo';
import { strongWolfe } from './strong-wolfe';

/** A random SPD matrix M^T M + mu I and a random b, from fast-check's numbers. */
const convexQuadratic = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    m: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }),
    mu: fc.double({ min: 1e-3, max: 10, noNaN: true }),
    b: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
    x: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
    alpha0: fc.double({ min: 1e-3, max: 100, noNaN: true }),
  }),
);

function spd(m: number[], n: number, mu: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? mu : 0;
    for (let k = 0; k < n; k++) s += m[k * n + i] * m[k * n + j];
    a[i * n + j] = s;
  }
  return a;
}

describe('strong Wolfe line search', () => {
  it('returns a step satisfying both strong Wolfe conditions on random convex quadratics', async () => {
    const c1 = 1e-4;
    const c2 = 0.9;
    await fc.assert(
      fc.asyncProperty(convexQuadratic, async ({ n, m, mu, b, x, alpha0 }) => {
        const a = spd(m, n, mu);
        const obj = quadraticObjective(a, Float64Array.from(b));
        const x0 = Float64Array.from(x);
        const { value: f0, grad: g0 } = await obj.valueAndGrad(x0);
        fc.pre(dot(g0, g0) > 1e-12);
        const d = scale(-1, g0);
        const r = await strongWolfe(obj, x0, f0, g0, d, { alpha0, c1, c2 });
        expect(r).not.toBeNull();
        const slope0 = dot(g0, d);
        // Recompute at the returned step rather than trusting the search's own numbers.
        const { value, grad } = await obj.valueAndGrad(addScaled(x0, r!.alpha, d));
        expect(value).toBeLessThanOrEqual(f0 + c1 * r!.alpha * slope0 + 1e-12 * Math.abs(f0));
        expect(Math.abs(dot(grad, d))).toBeLessThanOrEqual(-c2 * slope0 * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });

  it('finds the exact minimiser along d with c2 tiny on a 1-D quadratic', async () => {
    // f = 0.5 * 4 x^2 from x = 3 along d = -1: exact line minimum at alpha = 3.
    const obj = quadraticObjective(Float64Array.of(4), Float64Array.of(0));
    const r = await strongWolfe(obj, Float64Array.of(3), 18, Float64Array.of(12), Float64Array.of(-1), { alpha0: 0.1, c2: 1e-6 });
    expect(r!.alpha).toBeCloseTo(3, 5);
  });

  it('refuses an ascent direction', async () => {
    const obj = quadraticObjective(Float64Array.of(1), Float64Array.of(0));
    expect(await strongWolfe(obj, Float64Array.of(1), 0.5, Float64Array.of(1), Float64Array.of(1))).toBeNull();
  });
});

describe('Armijo backtracking', () => {
  it('halves from the unit step until sufficient decrease', async () => {
    // f = 50 x^2, x = 1, d = -1 (slope -100): 50 (1 - a)^2 <= 50 - 1e-2 a  <=>  a <= 2 - 2e-4, so a = 1 is accepted; with d = -4 the
    // condition is 50 (1 - 4a)^2 <= 50 - 0.04 a, first met at a = 0.25 after two halvings.
    const obj = quadraticObjective(Float64Array.of(100), Float64Array.of(0));
    const g = Float64Array.of(100);
    expect((await armijo(obj, Float64Array.of(1), 50, g, Float64Array.of(-1)))!.alpha).toBe(1);
    expect((await armijo(obj, Float64Array.of(1), 50, g, Float64Array.of(-4)))!.alpha).toBe(0.25);
  });

  it('treats a non-finite trial as too long and refuses ascent', async () => {
    // f = x^2 inside |x| < 2 and +Infinity outside; from x = 1 along d = -10 the trials
    // x = -9, -4 are infinite, x = -1.5 does not decrease enough, x = -0.25 (alpha 1/8) does.
    const obj = countedObjective({
      dim: 1,
      value: async (w) => (Math.abs(w[0]) < 2 ? w[0] ** 2 : Infinity),
      valueAndGrad: async (w) => ({ value: Math.abs(w[0]) < 2 ? w[0] ** 2 : Infinity, grad: Float64Array.of(2 * w[0]) }),
      hvp: async (_w, v) => Float64Array.of(2 * v[0]),
    });
    const r = await armijo(obj, Float64Array.of(1), 1, Float64Array.of(2), Float64Array.of(-10));
    expect(r!.alpha).toBe(0.125);
    expect(r!.value).toBe(0.0625);
    expect(await armijo(obj, Float64Array.of(1), 1, Float64Array.of(2), Float64Array.of(1))).toBeNull();
  });
});
