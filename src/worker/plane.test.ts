import { describe, expect, test } from 'vitest';
import { createRng } from '../core/random';
import { distanceFromPlane, planePoint, projectOntoPlane, randomPlane } from './plane';

/** A [3, 4, 2] network's parameter count: 3*4 + 4 + 4*2 + 2. */
const LAYERS = [3, 4, 2];
const DIM = 26;

function randomParams(seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: DIM }, () => rng.normal());
}

describe('plane projection', () => {
  const plane = randomPlane(randomParams(1), LAYERS, 5);

  test('a point of the plane projects to its coordinates at distance 0', () => {
    const w = planePoint(plane, 0.3, -1.7);
    const [a, b] = projectOntoPlane(plane, w);
    expect(a).toBeCloseTo(0.3, 10);
    expect(b).toBeCloseTo(-1.7, 10);
    expect(distanceFromPlane(plane, w)).toBeLessThan(1e-12);
  });

  test('a step orthogonal to both directions adds exactly its length', () => {
    // Gram-Schmidt a random vector against d1 and d2 to get a normal of the plane
    const n = randomParams(9);
    const { d1, d2 } = plane;
    const dot = (u: Float64Array, v: Float64Array): number => u.reduce((s, x, k) => s + x * v[k], 0);
    const e1 = d1.map((x) => x / Math.sqrt(dot(d1, d1)));
    const d2p = d2.map((x, k) => x - dot(d2, e1) * e1[k]);
    const e2 = d2p.map((x) => x / Math.sqrt(dot(d2p, d2p)));
    const c1 = dot(n, e1);
    const c2 = dot(n, e2);
    const normal = n.map((x, k) => x - c1 * e1[k] - c2 * e2[k]);
    const len = Math.sqrt(dot(normal, normal));
    const w = planePoint(plane, -0.4, 0.9).map((x, k) => x + 2.5 * (normal[k] / len));
    expect(distanceFromPlane(plane, w)).toBeCloseTo(2.5, 10);
    const [a, b] = projectOntoPlane(plane, w);
    expect(a).toBeCloseTo(-0.4, 10);
    expect(b).toBeCloseTo(0.9, 10);
  });
});
