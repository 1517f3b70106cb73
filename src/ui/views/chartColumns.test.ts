import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSeries, changedFrom, snapshotOf, type PlotSeries, type SeriesSnapshot } from './alignSeries';
import { chartYScale } from './chartScale';
import { ChartColumns } from './chartColumns';

const series = (label: string, x: number[], y: number[]): PlotSeries => ({ label, color: '#000', x, y });

/** What the chart drew before incremental updates: every column aligned and mapped from scratch. */
function fromScratch(s: PlotSeries[], log: boolean): (number | null)[][] {
  const scale = chartYScale(
    s.map((v) => v.y),
    log,
  );
  const [xs, ...cols] = alignSeries(s, scale.log);
  return [xs, ...cols.map((c) => c.map((v) => (v === null ? null : scale.forward(v))))];
}

describe('changedFrom', () => {
  it('is the smallest x that was added, changed or dropped', () => {
    const before = (): SeriesSnapshot[] => [series('a', [0, 1, 2], [5, 4, 3]), series('b', [0, 2], [1, 1])].map(snapshotOf);
    // a grew by x = 3; b's last point moved from x = 2 to x = 2.5 (a thinned run's "last entry")
    expect(changedFrom(before(), [series('a', [0, 1, 2, 3], [5, 4, 3, 2]), series('b', [0, 2.5], [1, 0.5])])).toBe(2);
    expect(changedFrom(before(), [series('a', [0, 1, 2], [5, 4, 3]), series('b', [0, 2], [1, 1])])).toBe(Infinity);
    // a y value changed at x = 1, a dropped point at x = 2 of b
    expect(changedFrom(before(), [series('a', [0, 1, 2], [5, 9, 3]), series('b', [0], [1])])).toBe(1);
  });

  it('brings the snapshots to the new series, so the next comparison starts from them', () => {
    const snaps = [series('a', [0, 1], [5, 4])].map(snapshotOf);
    // grown past the snapshot's buffer, then a change of the last entry only
    expect(changedFrom(snaps, [series('a', [0, 1, 2, 3, 4], [5, 4, 3, 2, 1])])).toBe(2);
    expect(changedFrom(snaps, [series('a', [0, 1, 2, 3, 4], [5, 4, 3, 2, 1])])).toBe(Infinity);
    expect(changedFrom(snaps, [series('a', [0, 1, 2, 3, 4.5], [5, 4, 3, 2, 0.5])])).toBe(4);
    // shrunk: the dropped entries' x count
    expect(changedFrom(snaps, [series('a', [0, 1], [5, 4])])).toBe(2);
    expect(snaps[0].n).toBe(2);
  });
});

describe('ChartColumns', () => {
  it('a streaming loss: each update equals aligning and mapping every column from scratch', () => {
    const columns = new ChartColumns();
    const losses = [1, 0.1, 1e-5, 1e-30, 1e-300, 0];
    for (let n = 1; n <= losses.length; n++) {
      const s = [series('gd', losses.slice(0, n).map((_, k) => k), losses.slice(0, n)), series('newton', [0, n], [2, 1e300])];
      expect(columns.update(s, true)).toEqual(fromScratch(s, true));
    }
    // log10 of the plotted values: 1e-300 is drawn at -300, 0 is no point on the log axis
    const last = columns.update([series('gd', [0, 1, 2], [1, 1e-300, 0])], true);
    expect(last).toEqual([[0, 1, 2], [0, -300, null]]);
    expect(columns.scale.log).toBe(true);
  });

  it('re-maps every value when the linear scale changes its unit (a linear axis, as LossChart asks for negative losses)', () => {
    const columns = new ChartColumns();
    expect(columns.update([series('saddle', [0, 1], [1, -2])], false)).toEqual([[0, 1], [1, -2]]);
    expect(columns.scale.log).toBe(false);
    // a loss falling to -8e284 plots in units of 1e284: the earlier points are re-mapped too
    const cols = columns.update([series('saddle', [0, 1, 2], [1, -2, -8e284])], false);
    expect(columns.scale.key).toBe('linear 1e+284');
    const [p0, p1, p2] = cols[1] as number[];
    expect(p0 * 1e284).toBeCloseTo(1, 12);
    expect(p1 * 1e284).toBeCloseTo(-2, 12);
    expect(p2).toBe(-8);
  });

  it('keeps the arrays uPlot holds and rebuilds only from the first changed row', () => {
    const columns = new ChartColumns();
    const first = columns.update([series('a', [0, 1, 2], [1, 2, 3])], false);
    const second = columns.update([series('a', [0, 1, 2, 3], [1, 2, 3, 4])], false);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second).toEqual([[0, 1, 2, 3], [1, 2, 3, 4]]);
    expect(columns.changed).toBe(true);
    // the same values again (a parent re-rendered with new arrays): nothing to redraw
    columns.update([series('a', [0, 1, 2, 3], [1, 2, 3, 4])], false);
    expect(columns.changed).toBe(false);
    // a series set of another size is aligned afresh
    const third = columns.update([series('a', [0], [1]), series('b', [0.5], [2])], false);
    expect(third).toEqual([[0, 0.5], [1, null], [null, 2]]);
  });
});

describe('ChartColumns over many updates', () => {
  it('equals aligning and mapping from scratch after any sequence of updates (property)', () => {
    const value = fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(0, 1e-300, 1e300, -1e300, Number.NaN, Infinity));
    const x = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(Number.NaN, 2.5));
    const oneSeries = fc.array(fc.tuple(x, value), { maxLength: 10 });
    // sorted or not: a run's x ascends (with repeats), other charts' need not
    const update = fc.tuple(fc.array(fc.tuple(oneSeries, fc.boolean()), { minLength: 2, maxLength: 2 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 5 }), (updates) => {
        const columns = new ChartColumns();
        for (const [entries, log] of updates) {
          const s = entries.map(([e, sorted], i) => {
            const es = sorted ? [...e].sort((a, b) => (a[0] !== a[0] ? 1 : b[0] !== b[0] ? -1 : a[0] - b[0])) : e;
            return series(`s${i}`, es.map((p) => p[0]), es.map((p) => p[1]));
          });
          expect(columns.update(s, log)).toEqual(fromScratch(s, log));
        }
      }),
      { numRuns: 300 },
    );
  });
});
