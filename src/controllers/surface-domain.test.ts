import { describe, expect, test } from 'vitest';
import { coveringDomain, domainChanged, MAX_HALF, MIN_HALF, type Domain } from './surface-domain';

const unit: Domain = { x: [-1, 1], y: [-1, 1] };

describe('coveringDomain', () => {
  test('a square with 25% margin around the widest extent, centred on the points', () => {
    const d = coveringDomain([[[0, 0], [4, 1]], [[1, -1]]], unit);
    // extent 4 by 2, centre (2, 0): half = 1.25 * 4 / 2 = 2.5
    expect(d.x[0]).toBeCloseTo(-0.5, 12);
    expect(d.x[1]).toBeCloseTo(4.5, 12);
    expect(d.y[0]).toBeCloseTo(-2.5, 12);
    expect(d.y[1]).toBeCloseTo(2.5, 12);
  });

  test('every finite point ends up strictly inside', () => {
    const paths: [number, number][][] = [[[0.3, -2], [7, 5], [-3, 0.1]]];
    const d = coveringDomain(paths, unit);
    for (const [x, y] of paths[0]) {
      expect(x).toBeGreaterThan(d.x[0]);
      expect(x).toBeLessThan(d.x[1]);
      expect(y).toBeGreaterThan(d.y[0]);
      expect(y).toBeLessThan(d.y[1]);
    }
  });

  test('a path stops at its first non-finite or runaway point', () => {
    const d = coveringDomain([[[0, 0], [1, 1], [Number.NaN, 0], [100, 100]], [[0, 0], [1e27, 1e27]]], unit);
    expect(d.x[1] - d.x[0]).toBeCloseTo(1.25, 12);
  });

  test('a run that barely moves gets the floor; a huge one the cap; none the fallback', () => {
    const tiny = coveringDomain([[[0, 0], [1e-6, 0]]], unit);
    expect(tiny.x[1] - tiny.x[0]).toBeCloseTo(2 * MIN_HALF, 12);
    const huge = coveringDomain([[[0, 0], [400, 0]]], unit);
    expect(huge.x[1] - huge.x[0]).toBeCloseTo(2 * MAX_HALF, 12);
    expect(coveringDomain([], unit)).toBe(unit);
  });
});

describe('domainChanged', () => {
  test('small shifts are not worth a new surface, large ones are', () => {
    expect(domainChanged(unit, { x: [-1.05, 1], y: [-1, 1.05] })).toBe(false);
    expect(domainChanged(unit, { x: [-1, 3], y: [-1, 1] })).toBe(true);
    expect(domainChanged(unit, { x: [-0.2, 0.2], y: [-0.2, 0.2] })).toBe(true);
  });
});
