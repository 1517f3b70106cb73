import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dot, norm } from '../linalg/vector';
import { createRng, randomNormalVector } from '../random';
import { interpolateLoss, interpolationPoints, linspace, planePoint, projectOntoPlane } from './plane';

describe('projection onto a plane with non-orthogonal directions', () => {
  it('recovers (alpha, beta) and the distance of an off-plane offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        (seed, alpha, beta, offset, skew) => {
          const n = 12;
          const rng = createRng(seed);
          const origin = randomNormalVector(n, rng);
          const d1 = randomNormalVector(n, rng);
          // d2 leans towards d1 by `skew`, so the directions are far from orthogonal.
          const d2 = randomNormalVector(n, rng).map((x, k) => (1 - Math.abs(skew)) * x + skew * d1[k] * 2);
          // An offset orthogonal to both directions (Gram-Schmidt against them).
          const e = randomNormalVector(n, rng);
          const u1 = d1.map((x) => x / norm(d1));
          const t = d2.map((x, k) => x - dot(d2, u1) * u1[k]);
          const u2 = t.map((x) => x / norm(t));
          const c1 = dot(e, u1);
          const c2 = dot(e, u2);
          const eo = e.map((x, k) => x - c1 * u1[k] - c2 * u2[k]);
          const scaled = eo.map((x) => (x * offset) / norm(eo));
          const w = planePoint(origin, d1, d2, alpha, beta).map((x, k) => x + scaled[k]);
          const [c] = projectOntoPlane(origin, d1, d2, [w]);
          expect(Math.abs(c.alpha - alpha)).toBeLessThan(1e-8);
          expect(Math.abs(c.beta - beta)).toBeLessThan(1e-8);
          expect(Math.abs(c.distance - offset)).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('treats the origin as (0, 0, 0) and rejects parallel directions', () => {
    const rng = createRng(2);
    const o = randomNormalVector(5, rng);
    const d = randomNormalVector(5, rng);
    expect(projectOntoPlane(o, d, d.map((x) => x + 1), [o])[0]).toEqual({ alpha: 0, beta: 0, distance: 0 });
    expect(() => projectOntoPlane(o, d, d.map((x) => -3 * x), [o])).toThrow(/parallel/);
  });
});

describe('1-D interpolation', () => {
  it('linspace hits both ends exactly', () => {
    expect(linspace(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linspace(0.1, 0.7, 7).at(-1)).toBe(0.7);
    expect(() => linspace(0, 1, 0)).toThrow();
  });

  it('(1 - t) a + t b: the ends at t = 0, 1, the midpoint at 0.5, extrapolation beyond', async () => {
    const a = Float64Array.from([1, -2, 3]);
    const b = Float64Array.from([3, 2, -1]);
    const pts = interpolationPoints(a, b, [0, 0.5, 1, 1.5]);
    expect(Array.from(pts[0])).toEqual([1, -2, 3]);
    expect(Array.from(pts[1])).toEqual([2, 0, 1]);
    expect(Array.from(pts[2])).toEqual([3, 2, -1]);
    expect(Array.from(pts[3])).toEqual([4, 4, -3]);
    // ||w||^2 along the line is the quadratic |a|^2 (1-t)^2 + 2 a.b t (1-t) + |b|^2 t^2.
    const { t, loss } = await interpolateLoss(a, b, [0, 0.25, 1], async (w) => dot(w, w));
    expect(t).toEqual([0, 0.25, 1]);
    expect(loss[1]).toBeCloseTo(14 * 0.5625 + 2 * -4 * 0.1875 + 14 * 0.0625, 12);
  });
});
