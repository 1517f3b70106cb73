import { describe, expect, it, vi } from 'vitest';
import { createBatchGate } from './batch-gate';

describe('records reach the store at a bounded rate', () => {
  it('batches arriving within an interval are applied together, in order; flush applies at once', async () => {
    vi.useFakeTimers();
    const applied: number[][] = [];
    const gate = createBatchGate<number>((b) => applied.push(b));
    gate.push([1]);
    gate.push([2, 3]);
    expect(applied).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(applied).toEqual([[1, 2, 3]]);
    gate.push([4]);
    gate.flush();
    expect(applied).toEqual([[1, 2, 3], [4]]);
    vi.useRealTimers();
  });

  it('the cost includes the render the update queues as a microtask: 50 ms of it makes the next wait 500 ms', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const applied: number[] = [];
    const gate = createBatchGate<number>(
      (b) => {
        applied.push(b.length);
        clock += 1;
        // as React does for a store subscriber: the render runs in a microtask after the update
        queueMicrotask(() => {
          clock += 49;
        });
      },
      () => clock,
    );
    gate.push([0]);
    await vi.advanceTimersByTimeAsync(100);
    gate.push([0]);
    await vi.advanceTimersByTimeAsync(499);
    expect(applied).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(applied).toEqual([1, 1]);
    vi.useRealTimers();
  });
});
