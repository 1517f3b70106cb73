import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSeries, alignedExtent, type PlotSeries } from './alignSeries';

const series = (label: string, x: number[], y: number[]): PlotSeries => ({ label, color: '#000', x, y });

/**
 * An independent, quadratic statement of what alignSeries draws: every distinct finite x among the
 * entries drawn (the first min(x, y) of each series), ascending, and per series at each of them the
 * y of its last entry there, null when it has none or that y cannot be drawn.
 */
function reference(s: readonly PlotSeries[], log: boolean): (number | null)[][] {
  const entries = s.map((v) => v.x.slice(0, Math.min(v.x.length, v.y.length)).map((x, k) => [x, v.y[k]] as const));
  const all = entries.flat().map(([x]) => x).filter((x) => Number.isFinite(x));
  // -0 is the row 0
  const xs = all.filter((x, i) => all.findIndex((z) => z === x) === i).map((x) => x + 0).sort((a, b) => a - b);
  const columns = entries.map((e) =>
    xs.map((x) => {
      const hits = e.filter(([ex]) => ex === x);
      if (hits.length === 0) return null;
      const y = hits[hits.length - 1][1];
      return Number.isFinite(y) && (!log || y > 0) ? y : null;
    }),
  );
  return [xs, ...columns];
}

const value = fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(0, -0, 1e-300, 1e300, -1e300, Number.NaN, Infinity, -Infinity));

describe('alignSeries', () => {
  it('merges x values into one ascending array with nulls where a series has no point', () => {
    const [xs, a, b] = alignSeries(
      [
        { label: 'a', color: '#000', x: [0, 2, 4], y: [10, 5, 1] },
        { label: 'b', color: '#111', x: [0, 3, 4, 4], y: [8, 4, 2, 3] },
      ],
      false,
    );
    expect(xs).toEqual([0, 2, 3, 4]);
    expect(a).toEqual([10, 5, null, 1]);
    expect(b).toEqual([8, null, 4, 3]);
  });

  it('merges x values given in any order the same way', () => {
    const [xs, a, b] = alignSeries([series('a', [4, 0, 2], [1, 10, 5]), series('b', [3, 0, 4, 4], [4, 8, 2, 3])], false);
    expect(xs).toEqual([0, 2, 3, 4]);
    expect(a).toEqual([10, 5, null, 1]);
    expect(b).toEqual([8, null, 4, 3]);
  });

  it('runs thinned with one stride: shared x, shorter runs, each with its own last iteration', () => {
    // 0, 10, 20 shared; the last entries 25 and 37 are each run's own
    const [xs, a, b, c] = alignSeries([series('a', [0, 10, 20, 30, 37], [1, 0.5, 0.25, 0.125, 0.1]), series('b', [0, 10, 20, 25], [2, 1, 0, -1]), series('c', [], [])], true);
    expect(xs).toEqual([0, 10, 20, 25, 30, 37]);
    expect(a).toEqual([1, 0.5, 0.25, null, 0.125, 0.1]);
    // 0 and -1 are no point on a log axis
    expect(b).toEqual([2, 1, null, null, null, null]);
    expect(c).toEqual([null, null, null, null, null, null]);
  });

  it('drops non-positive and non-finite values on a log axis only', () => {
    const s = [{ label: 'a', color: '#000', x: [0, 1, 2, 3], y: [1, 0, -2, Number.NaN] }];
    expect(alignSeries(s, true)[1]).toEqual([1, null, null, null]);
    expect(alignSeries(s, false)[1]).toEqual([1, 0, -2, null]);
  });

  it('skips entries with a non-finite x and entries past the shorter of x and y', () => {
    expect(alignSeries([series('a', [0, Number.NaN, 1, Infinity, 2, 3], [5, 6, 7, 8, 9])], false)).toEqual([
      [0, 1, 2],
      [5, 7, 9],
    ]);
  });

  it('equals the reference on random series: shared, separate, unsorted, repeated and non-finite x (property)', () => {
    const x = fc.oneof(fc.integer({ min: -5, max: 30 }), fc.constantFrom(-0, 2.5, 1e300, Number.NaN, Infinity));
    const oneSeries = fc.array(fc.tuple(x, value), { maxLength: 12 });
    const sortedX = (e: (readonly [number, number])[]): (readonly [number, number])[] => [...e].sort((a, b) => (a[0] !== a[0] || b[0] !== b[0] ? 0 : a[0] - b[0]));
    fc.assert(
      fc.property(fc.array(fc.tuple(oneSeries, fc.boolean()), { maxLength: 4 }), fc.boolean(), (all, log) => {
        // a sorted series ascends in x except around NaN, which stays where it was
        const s = all.map(([e, sorted], i) => {
          const es = sorted ? sortedX(e) : e;
          return series(`s${i}`, es.map((p) => p[0]), es.map((p) => p[1]));
        });
        expect(alignSeries(s, log)).toEqual(reference(s, log));
      }),
      { numRuns: 500 },
    );
  });

  it('equals the reference for runs sharing one ascending x array of different lengths (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.tuple(fc.nat(40), fc.array(value, { maxLength: 41 }), fc.boolean()), { maxLength: 5 }), fc.boolean(), (stride, runs, log) => {
        const s = runs.map(([len, ys, ownLast], i) => {
          const x = Array.from({ length: Math.min(len, ys.length) }, (_, k) => k * stride);
          // a thinned run's last entry: its own iteration between two strides
          if (ownLast && x.length > 0) x[x.length - 1] -= stride / 2;
          return series(`s${i}`, x, ys);
        });
        expect(alignSeries(s, log)).toEqual(reference(s, log));
      }),
      { numRuns: 300 },
    );
  });

  it('reports the extent of what will be drawn', () => {
    expect(alignedExtent([[null, 3, 1e-8], [null, 7]])).toEqual([1e-8, 7]);
    expect(alignedExtent([[null]])).toBeNull();
  });
});
