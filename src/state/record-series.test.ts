import { describe, expect, it } from 'vitest';
import { packRecords } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';
import { RecordSeries } from './record-series';

const plain = (i: number): StreamedRecord => ({ iteration: i, point: [0.5 * i, -i], loss: 10 - i, gradNorm: 2 * i, stepSize: 0.01, nfev: i + 1, ngev: i + 1, nhvp: 0, timeMs: 3 * i });

describe('a trajectory\'s records as growing columns', () => {
  it('gives back each record as the worker packed it, the optional fields only where a record had them', () => {
    const a = { iteration: 0, point: [1, -2], loss: 3, gradNorm: 4, stepSize: 0, nfev: 1, ngev: 1, nhvp: 0, timeMs: 0 };
    const b = { iteration: 1, point: [-0, 1e-300], loss: -1e300, gradNorm: 0.5, stepSize: 5e-324, nfev: 2, ngev: 2, nhvp: 3, nggnvp: 4, nkfac: 1, timeMs: 2.5 };
    const c = { iteration: 2, point: [0.25, 0.75], loss: 1, gradNorm: 0.1, stepSize: 0.2, nfev: 3, ngev: 3, nhvp: 5, timeMs: 4, planeDistance: 0.125 };
    const s = new RecordSeries();
    s.append(packRecords(0, [a]));
    // optional fields first seen in a later batch, and absent again in the one after
    s.append(packRecords(0, [b]));
    s.append(packRecords(0, [c]));
    expect(s.length).toBe(3);
    expect(JSON.stringify(s.toArray())).toBe(JSON.stringify([a, b, c]));
    expect(s.recordAt(1)).toEqual(b);
    expect(Object.is(s.recordAt(1).point[0], -0)).toBe(true);
    expect(s.at(-1)).toEqual(c);
    expect(s.at(3)).toBeUndefined();
    expect(s.at(-4)).toBeUndefined();
    expect(s.planeDistance(2)).toBe(0.125);
    expect(s.planeDistance(0)).toBeUndefined();
    expect([s.cost(0), s.cost(1), s.cost(2)]).toEqual([1, 2 + 3 + 4 + 1, 3 + 5]);
    expect(s.point(2)).toEqual([0.25, 0.75]);
  });

  it('appends in place: the same series grows, its capacity doubling, the earlier records unchanged', () => {
    const s = new RecordSeries();
    s.append(packRecords(0, Array.from({ length: 200 }, (_, i) => plain(i))));
    expect(s.capacity).toBe(256);
    const before = s.column('loss');
    s.append(packRecords(0, Array.from({ length: 56 }, (_, i) => plain(200 + i))));
    // full, not yet regrown: the new records went into the same buffer, the earlier ones not copied
    expect(s.capacity).toBe(256);
    expect(s.column('loss').buffer).toBe(before.buffer);
    expect(before[199]).toBe(10 - 199);
    const column = s.column('loss');
    s.append(packRecords(0, [plain(256)]));
    expect(s.capacity).toBe(512);
    expect(s.length).toBe(257);
    // a column view taken before an append keeps what it held
    expect(column.length).toBe(256);
    expect(column[255]).toBe(10 - 255);
    expect(s.loss(256)).toBe(10 - 256);
    expect(s.x(100)).toBe(50);
    expect(s.y(100)).toBe(-100);
    expect(s.gradNorm(7)).toBe(14);
    expect(s.timeMs(9)).toBe(27);
    expect(s.iteration(255)).toBe(255);
    expect(s.recordAt(123)).toEqual(plain(123));
    expect(Array.from(s.column('gradNorm').subarray(254))).toEqual([508, 510, 512]);
    // one batch past twice the capacity takes the room it needs
    s.append(packRecords(0, Array.from({ length: 1100 }, (_, i) => plain(257 + i))));
    expect(s.capacity).toBe(1357);
    expect(s.recordAt(1356)).toEqual(plain(1356));
  });

  it('an optional field first seen after a regrowth is absent from every earlier record', () => {
    const s = RecordSeries.of(Array.from({ length: 300 }, (_, i) => plain(i)));
    s.append(packRecords(0, [{ ...plain(300), nkfac: 2 }]));
    s.append(packRecords(0, [plain(301)]));
    expect(s.recordAt(299)).toEqual(plain(299));
    expect(s.recordAt(300)).toEqual({ ...plain(300), nkfac: 2 });
    expect(s.recordAt(301)).toEqual(plain(301));
    expect(s.cost(300)).toBe(301 + 2);
    expect(s.cost(301)).toBe(302);
  });
});
