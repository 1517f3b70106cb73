import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimateMapped, decimatePolyline } from './decimate';

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(...a.map((v, j) => v - b[j]));
}

describe('decimatePolyline', () => {
  it('a converged run of 10,000 iterates on one spot keeps its path to the spot and the last iterate', () => {
    const path: [number, number][] = [[0, 0], [1, 0], [2, 0]];
    for (let k = 0; k < 10_000; k++) path.push([2 + 1e-6 * Math.sin(k), 1e-6 * Math.cos(k)]);
    expect(decimatePolyline(path, 0.5)).toEqual([[0, 0], [1, 0], [2, 0], path[path.length - 1]]);
  });

  it('keeps every point when consecutive points are at least the tolerance apart (3-D too)', () => {
    const path: [number, number, number][] = Array.from({ length: 50 }, (_, k) => [k, k % 2, 0]);
    expect(decimatePolyline(path, 1)).toEqual(path);
  });

  it('every dropped point lies within the tolerance of the last kept point before it; first and last always kept', () => {
    const point = fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 50, noNaN: true }), (path, tol) => {
        const kept = decimatePolyline(path, tol);
        expect(kept[0]).toBe(path[0]);
        expect(kept[kept.length - 1]).toBe(path[path.length - 1]);
        let j = 0;
        let last = path[0];
        for (let k = 1; k < path.length - 1; k++) {
          if (kept[j + 1] === path[k]) {
            j++;
            last = path[k];
          } else expect(distance(path[k], last)).toBeLessThan(tol);
        }
      }),
    );
  });
});

describe('decimateMapped', () => {
  it('keeps, in mapped units, the first and last point and every point at least the tolerance from the last kept one', () => {
    const fx = (x: number): number => 10 * x;
    const fy = (y: number): number => -2 * y + 5;
    // steps of 0.03 in x are 0.3 mapped units: every second one reaches a tolerance of 0.5
    const path: [number, number][] = Array.from({ length: 11 }, (_, k) => [0.03 * k, 0]);
    expect(decimateMapped(path, fx, fy, 0.5)).toEqual([0, 2, 4, 6, 8, 10].map((k) => [10 * 0.03 * k, 5]));
  });

  it('every dropped point lies within the tolerance of the last kept point in mapped units', () => {
    const point = fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 50, noNaN: true }), (path, tol) => {
        const mapped = path.map(([x, y]): [number, number] => [3 * x + 1, 0.5 * y]);
        const kept = decimateMapped(path, (x) => 3 * x + 1, (y) => 0.5 * y, tol);
        expect(kept[0]).toEqual(mapped[0]);
        expect(kept[kept.length - 1]).toEqual(mapped[mapped.length - 1]);
        let j = 0;
        for (let k = 1; k < mapped.length - 1; k++) {
          if (j + 1 < kept.length - 1 && kept[j + 1][0] === mapped[k][0] && kept[j + 1][1] === mapped[k][1] && distance(mapped[k], kept[j]) >= tol) j++;
          else expect(distance(mapped[k], kept[j])).toBeLessThan(tol);
        }
      }),
    );
  });
});
