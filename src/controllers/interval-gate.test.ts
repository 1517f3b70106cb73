import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clockWith, IntervalGate } from './interval-gate';

describe('IntervalGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a due request at once and folds requests before the due time into one run then', () => {
    let clock = 0;
    const runs: number[] = [];
    const spans: [number, number][] = [];
    // each update takes 20 ms of the (fake) clock; the next is due 100 ms after one ends
    const gate = new IntervalGate(
      () => {
        runs.push(clock);
        clock += 20;
      },
      (startedAt, endedAt) => {
        spans.push([startedAt, endedAt]);
        return endedAt + 100;
      },
      clockWith(() => clock),
    );
    gate.request();
    expect(runs).toEqual([0]);
    expect(spans).toEqual([[0, 20]]);
    for (const t of [30, 60, 90]) {
      clock = t;
      gate.request();
    }
    expect(runs).toEqual([0]);
    // due at 120: the timer set at t = 30 waits 90 ms; the later requests added none
    clock = 119;
    vi.advanceTimersByTime(89);
    expect(runs).toEqual([0]);
    clock = 120;
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([0, 120]);
    expect(spans).toEqual([
      [0, 20],
      [120, 140],
    ]);
    expect(vi.getTimerCount()).toBe(0);
    // due at 240: a request at 240 runs at once
    clock = 240;
    gate.request();
    expect(runs).toEqual([0, 120, 240]);
  });

  it('runNow takes the place of a waiting run and restarts the interval', () => {
    let clock = 0;
    const runs: number[] = [];
    const gate = new IntervalGate(() => runs.push(clock), (startedAt) => startedAt + 250, clockWith(() => clock));
    gate.request();
    clock = 100;
    gate.request();
    clock = 150;
    gate.runNow();
    expect(runs).toEqual([0, 150]);
    // the timer of the request at 100 (due at 250) is gone; the next run is due at 150 + 250 = 400
    clock = 250;
    vi.advanceTimersByTime(150);
    expect(runs).toEqual([0, 150]);
    gate.request();
    clock = 400;
    vi.advanceTimersByTime(150);
    expect(runs).toEqual([0, 150, 400]);
  });

  it('cancel drops a waiting run and a later request waits for the same due time', () => {
    let clock = 0;
    const update = vi.fn();
    const gate = new IntervalGate(update, (startedAt) => startedAt + 50, clockWith(() => clock));
    gate.request();
    clock = 10;
    gate.request();
    gate.cancel();
    vi.advanceTimersByTime(1000);
    expect(update).toHaveBeenCalledTimes(1);
    clock = 20;
    gate.request();
    expect(update).toHaveBeenCalledTimes(1);
    clock = 50;
    vi.advanceTimersByTime(30);
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('settle: work reported after the update sets the next due time and drops a waiting update', () => {
    let clock = 0;
    const runs: number[] = [];
    const gate = new IntervalGate(() => runs.push(clock), (startedAt, endedAt) => endedAt + 3 * (endedAt - startedAt), clockWith(() => clock));
    gate.request();
    expect(runs).toEqual([0]);
    // the frame the update asked for ran from 10 to 30 ms: the next update is due at 30 + 3 x 20 = 90
    gate.settle(10, 30);
    clock = 40;
    gate.request();
    expect(runs).toEqual([0]);
    // a later report (another frame, from 40 to 45 ms) drops the waiting update: its frame showed every change
    gate.settle(40, 45);
    clock = 100;
    vi.advanceTimersByTime(100);
    expect(runs).toEqual([0]);
    // due since 45 + 15 = 60
    gate.request();
    expect(runs).toEqual([0, 100]);
  });
});
