import { describe, expect, it, vi } from 'vitest';
import { createBatchGate } from './batch-gate';

const batch = (index: number, n: number) => [{ index, records: Array.from({ length: n }, (_, k) => ({ iteration: k, point: [0, 0], loss: 1, gradNorm: 1, stepSize: 0, nfev: 0, ngev: 0, nhvp: 0, timeMs: 0 })) }];

describe('records reach the store at a bounded rate', () => {
  it('batches arriving within an interval are applied together, in order; flush applies at once', () => {
    vi.useFakeTimers();
    const applied: number[][] = [];
    const gate = createBatchGate((b) => applied.push(b.map((x) => x.records.length)));
    gate.push(batch(0, 1));
    gate.push(batch(1, 2));
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(applied).toEqual([[1, 2]]);
    gate.push(batch(0, 3));
    gate.flush();
    expect(applied).toEqual([[1, 2], [3]]);
    vi.useRealTimers();
  });

  it('an update that took 50 ms makes the next wait 500 ms', () => {
    vi.useFakeTimers();
    let clock = 0;
    const applied: number[] = [];
    const gate = createBatchGate(
      (b) => {
        applied.push(b.length);
        clock += 50;
      },
      () => clock,
    );
    gate.push(batch(0, 1));
    vi.advanceTimersByTime(100);
    gate.push(batch(0, 1));
    vi.advanceTimersByTime(499);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1, 1]);
    vi.useRealTimers();
  });
});
