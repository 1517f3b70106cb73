import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimatePolyline } from './decimate';

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
