import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clipPolyline, clipSegment, finitePrefix, insideBox, type Box, type Point2 } from './clipPolyline';

const box: Box = { x0: -1, x1: 1, y0: -1, y1: 1 };

describe('finitePrefix', () => {
  test('stops at the first non-finite point even if finite points follow', () => {
    expect(finitePrefix([[0, 0], [1, 2], [Number.NaN, 0], [3, 3]])).toEqual([[0, 0], [1, 2]]);
    expect(finitePrefix([[0, Infinity]])).toEqual([]);
  });
});

describe('clipSegment', () => {
  test('a segment crossing the box is cut at both edges', () => {
    expect(clipSegment([-3, 0], [3, 0], box)).toEqual([1 / 3, 2 / 3]);
  });
  test('a segment wholly outside misses', () => {
    expect(clipSegment([2, 2], [3, -5], box)).toBeNull();
  });
  test('a segment with both ends in the box, on its edges too, is all of it: exactly [0, 1] (what PolylineCache draws without clipping)', () => {
    expect(clipSegment([-1, -1], [1, 1], box)).toEqual([0, 1]);
    expect(clipSegment([1, 0.3], [1, -0.7], box)).toEqual([0, 1]);
    expect(clipSegment([0.5, 0.5], [0.5, 0.5], box)).toEqual([0, 1]);
    // rounding of q / p cannot cross 1: (1 - 0.1) / (0.9999999999999999 - 0.1) is 1.0000000000000002 in floats, still outside (0, 1)
    expect(clipSegment([0.1, 0], [0.9999999999999999, 0], box)).toEqual([0, 1]);
    const inBox = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(inBox, inBox, inBox, inBox, (ax, ay, bx, by) => {
        const span = clipSegment([ax, ay], [bx, by], box);
        return span !== null && span[0] === 0 && span[1] === 1;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('clipPolyline', () => {
  test('a run ending at 1e27 keeps its inside part and stops at the edge along the true direction', () => {
    const runs = clipPolyline([[0, 0], [0.5, 0], [1e27, 1e27]], box);
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run.slice(0, 2)).toEqual([[0, 0], [0.5, 0]]);
    const [ex, ey] = run[2];
    expect(ex).toBeCloseTo(1, 12);
    // the direction from (0.5, 0) to (1e27, 1e27) is 45 degrees to float precision
    expect(ey).toBeCloseTo(0.5, 9);
  });

  test('leaving and coming back gives two runs', () => {
    const runs = clipPolyline([[0, 0], [5, 0], [5, 0.5], [0, 0.5]], box);
    expect(runs).toEqual([
      [[0, 0], [1, 0]],
      [[1, 0.5], [0, 0.5]],
    ]);
  });

  test('property: every emitted point lies in the box and inside points are kept in order', () => {
    const coord = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(coord, coord), { minLength: 2, maxLength: 20 }), (pts) => {
        const runs = clipPolyline(pts as Point2[], box);
        const eps = 1e-9;
        for (const run of runs) for (const [x, y] of run) expect(insideBox([x, y], { x0: -1 - eps, x1: 1 + eps, y0: -1 - eps, y1: 1 + eps })).toBe(true);
        const inside = pts.filter((p) => insideBox(p as Point2, box));
        const emitted = runs.flat();
        let at = 0;
        for (const p of inside) {
          while (at < emitted.length && !(emitted[at][0] === p[0] && emitted[at][1] === p[1])) at++;
          expect(at).toBeLessThan(emitted.length);
        }
      }),
    );
  });
});
