import { describe, expect, it } from 'vitest';
import { packRecords } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';
import { BLOCK, RecordSeries } from './record-series';
import { useAppStore } from './store';

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

  it('appends in place, block by block: a batch across a block\'s end is split, the earlier records stay where they were', () => {
    const s = new RecordSeries();
    s.append(packRecords(0, Array.from({ length: 200 }, (_, i) => plain(i))));
    expect(s.capacity).toBe(BLOCK);
    s.append(packRecords(0, Array.from({ length: BLOCK - 200 }, (_, i) => plain(200 + i))));
    // full, no block added yet
    expect(s.capacity).toBe(BLOCK);
    s.append(packRecords(0, [plain(BLOCK)]));
    expect(s.capacity).toBe(2 * BLOCK);
    expect(s.length).toBe(BLOCK + 1);
    expect(s.loss(BLOCK)).toBe(10 - BLOCK);
    expect(s.x(100)).toBe(50);
    expect(s.y(100)).toBe(-100);
    expect(s.gradNorm(7)).toBe(14);
    expect(s.timeMs(9)).toBe(27);
    expect(s.iteration(BLOCK - 1)).toBe(BLOCK - 1);
    expect(s.recordAt(123)).toEqual(plain(123));
    expect(s.values('gradNorm').slice(BLOCK - 2)).toEqual([2 * (BLOCK - 2), 2 * (BLOCK - 1), 2 * BLOCK]);
    // one batch over two block boundaries
    s.append(packRecords(0, Array.from({ length: 2 * BLOCK + 5 }, (_, i) => plain(BLOCK + 1 + i))));
    expect(s.length).toBe(3 * BLOCK + 6);
    expect(s.capacity).toBe(4 * BLOCK);
    for (const k of [BLOCK - 1, BLOCK, 2 * BLOCK - 1, 2 * BLOCK, 3 * BLOCK + 5]) expect(s.recordAt(k)).toEqual(plain(k));
    expect(s.values('loss')).toEqual(Array.from({ length: 3 * BLOCK + 6 }, (_, i) => 10 - i));
  });

  it('the store appends into the trajectory\'s series, not a copy, and replaces the trajectory object', () => {
    const st = useAppStore.getState();
    st.startRun('run-1', [{ entry: 'sgd', name: 'sgd', label: 'SGD', hyperParams: {} }], false);
    const before = useAppStore.getState().trajectories[0];
    useAppStore.getState().appendRecords([packRecords(0, [plain(0), plain(1)])]);
    const after = useAppStore.getState().trajectories[0];
    expect(after).not.toBe(before);
    expect(after.records).toBe(before.records);
    expect(after.records.length).toBe(2);
    expect(after.records.recordAt(1)).toEqual(plain(1));
    expect(useAppStore.getState().iteration).toBe(1);
  });

  it('an optional field first seen in a later block is absent from every earlier record, and from the later records without it', () => {
    const s = RecordSeries.of(Array.from({ length: BLOCK + 300 }, (_, i) => plain(i)));
    const k = BLOCK + 300;
    s.append(packRecords(0, [{ ...plain(k), nkfac: 2 }]));
    s.append(packRecords(0, [plain(k + 1)]));
    expect(s.recordAt(k - 1)).toEqual(plain(k - 1));
    expect(s.recordAt(k)).toEqual({ ...plain(k), nkfac: 2 });
    expect(s.recordAt(k + 1)).toEqual(plain(k + 1));
    expect(s.cost(k)).toBe(k + 1 + 2);
    expect(s.cost(k + 1)).toBe(k + 2);
  });
});
