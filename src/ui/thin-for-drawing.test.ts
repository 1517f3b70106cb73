import { describe, expect, it } from 'vitest';
import { packRecords } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';
import { RecordSeries } from '../state/record-series';
import { MAX_DRAWN, thinForDrawing, type DrawSource } from './trajectory-views';

/** Record i of the test runs: point (i, -i), loss 1 / (i + 1), i gradients and i HVPs (cost 2i). */
function record(i: number): StreamedRecord {
  return { iteration: i, point: [i, -i], loss: 1 / (i + 1), gradNorm: i, stepSize: 0, nfev: i, ngev: i, nhvp: i, timeMs: i };
}

function records(from: number, to: number): StreamedRecord[] {
  return Array.from({ length: to - from }, (_, j) => record(from + j));
}

function source(n: number): DrawSource {
  return { optimizer: 'sgd', label: 'SGD', entry: 'sgd', records: RecordSeries.of(records(0, n)) };
}

describe('series thinned for drawing', () => {
  it('short runs are drawn whole, each field as the records hold it', () => {
    const { views, stride } = thinForDrawing([source(MAX_DRAWN)]);
    expect(stride).toBe(1);
    const [v] = views;
    expect(v.iterations).toBeUndefined();
    expect(v.losses.length).toBe(MAX_DRAWN);
    expect(v.points[1999]).toEqual([1999, -1999]);
    expect(v.losses[0]).toBe(1);
    expect(v.losses[3]).toBe(1 / 4);
    expect(v.gradNorms.slice(0, 3)).toEqual([0, 1, 2]);
    expect(v.cost.slice(-2)).toEqual([3996, 3998]);
    expect(v.timeMs[7]).toBe(7);
    expect([v.name, v.label]).toEqual(['sgd', 'SGD']);
  });

  it('a trajectory without records is left out', () => {
    const empty = { ...source(0), optimizer: 'adam' };
    expect(thinForDrawing([empty, source(3)]).views.map((v) => v.name)).toEqual(['sgd']);
  });

  it('a 20,000-step run keeps one stride for all trajectories, the iterations of what it keeps, and each last iterate', () => {
    const { views, stride } = thinForDrawing([source(20001), source(7)]);
    expect(stride).toBe(Math.ceil(20001 / MAX_DRAWN));
    expect(stride).toBe(11);
    const [long, short] = views;
    expect(long.losses.length).toBeLessThanOrEqual(MAX_DRAWN + 1);
    expect(long.iterations![1]).toBe(stride);
    expect(long.iterations!.at(-1)).toBe(20000);
    expect(long.losses.at(-1)).toBe(1 / 20001);
    expect(long.points[3]).toEqual([3 * stride, -3 * stride]);
    expect(long.cost[3]).toBe(6 * stride);
    expect(short.iterations).toEqual([0, 6]);
    expect(short.losses).toEqual([1, 1 / 7]);
  });

  it('a series growing in place: the next thinning picks what was added, and the earlier result keeps its entries', () => {
    const v = source(14001);
    const grow = (to: number): void => v.records.append(packRecords(0, records(v.records.length, to)));
    const first = thinForDrawing([v]);
    expect(first.stride).toBe(8);
    // appended to the same columns, as the store's records grow during a run: the same stride, two more kept entries per 16 steps
    grow(16000);
    const same = thinForDrawing([v]);
    expect(same.stride).toBe(8);
    const [t] = same.views;
    expect(t.iterations).toEqual([...Array.from({ length: 2000 }, (_, j) => 8 * j), 15999]);
    expect(t.losses.at(-2)).toBe(1 / 15993);
    expect(t.losses.at(-1)).toBe(1 / 16000);
    expect(t.points[1234]).toEqual([9872, -9872]);
    expect(t.cost.slice(-3)).toEqual([31968, 31984, 31998]);
    // past 16,000 entries the stride grows to 10 and the pick starts over
    grow(20000);
    const [u] = thinForDrawing([v]).views;
    expect(u.iterations!.slice(-3)).toEqual([19980, 19990, 19999]);
    expect(u.gradNorms.slice(0, 3)).toEqual([0, 10, 20]);
    expect(u.points.slice(-2)).toEqual([
      [19990, -19990],
      [19999, -19999],
    ]);
    // the earlier results are their own arrays: still what they were
    expect(t.iterations!.length).toBe(2001);
    expect(first.views[0].iterations!.at(-1)).toBe(14000);
    expect(first.views[0].losses.at(-1)).toBe(1 / 14001);
  });

  it('Gauss-Newton products and K-FAC passes count in the cost where a record has them', () => {
    const mixed = [record(0), { ...record(1), nggnvp: 3 }, { ...record(2), nkfac: 5, nggnvp: 1 }];
    const [v] = thinForDrawing([{ optimizer: 'kfac', label: 'K-FAC', entry: 'kfac', records: RecordSeries.of(mixed) }]).views;
    expect(v.cost).toEqual([0, 2 + 3, 4 + 1 + 5]);
  });
});
