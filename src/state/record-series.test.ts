import { describe, expect, it } from 'vitest';
import { packRecords } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';
import { BLOCK, KEEP, RecordSeries } from './record-series';
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

  it('keeps a large batch as it came and gathers small ones into blocks; every record reads back wherever it is', () => {
    const s = new RecordSeries();
    const batch = (from: number, count: number): ReturnType<typeof packRecords> => packRecords(0, Array.from({ length: count }, (_, i) => plain(from + i)));
    // five batches of 100 fill one block of 512; the sixth does not fit and opens another
    for (let b = 0; b < 5; b++) s.append(batch(100 * b, 100));
    expect(s.chunkCount).toBe(1);
    s.append(batch(500, 100));
    expect(s.chunkCount).toBe(2);
    // a batch of KEEP records or more is a chunk of its own, not a copy: its arrays are the series'
    const big = batch(600, KEEP + BLOCK);
    s.append(big);
    expect(s.chunkCount).toBe(3);
    big.loss[0] = -1;
    expect(s.loss(600)).toBe(-1);
    big.loss[0] = 10 - 600;
    // a small batch after a kept one opens a block, not writing into the batch
    const end = 600 + KEEP + BLOCK;
    s.append(batch(end, 1));
    expect(s.chunkCount).toBe(4);
    expect(s.length).toBe(end + 1);
    // read forwards, backwards and at random across the chunks' ends
    const ks = [0, 99, 100, 499, 500, 599, 600, 601, end - 1, end];
    for (const k of [...ks, ...[...ks].reverse(), 511, 3, end, 42, 650]) expect(s.recordAt(k)).toEqual(plain(k));
    expect(s.values('loss')).toEqual(Array.from({ length: end + 1 }, (_, i) => 10 - i));
    expect(s.values('gradNorm').slice(598, 602)).toEqual([2 * 598, 2 * 599, 2 * 600, 2 * 601]);
    expect([s.x(600), s.y(600), s.timeMs(end), s.iteration(end)]).toEqual([300, -600, 3 * end, end]);
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
