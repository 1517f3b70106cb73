import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextInterval, RateGate } from './boundedRate';

describe('nextInterval', () => {
  it('waits ten times what the last showing took, between 200 ms and 2 s', () => {
    expect(nextInterval(1)).toBe(200);
    expect(nextInterval(35)).toBe(350);
    expect(nextInterval(900)).toBe(2000);
  });
});

describe('RateGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first request at once and folds later ones into one run when the interval has passed', () => {
    let clock = 0;
    const runs: number[] = [];
    // each run takes 30 ms of the (fake) clock, so the next may come 300 ms after it ended
    const gate = new RateGate(() => {
      runs.push(clock);
      clock += 30;
    }, () => clock);
    gate.request();
    expect(runs).toEqual([0]);
    for (const t of [50, 100, 200]) {
      clock = t;
      gate.request();
    }
    expect(runs).toEqual([0]);
    // due at 30 + 300 = 330: the timer set at t = 50 waits 280 ms
    clock = 330;
    vi.advanceTimersByTime(280);
    expect(runs).toEqual([0, 330]);
    // a request long after the last run is served at once
    clock = 2000;
    gate.request();
    expect(runs).toEqual([0, 330, 2000]);
  });

  it('cancel drops the pending run', () => {
    let clock = 0;
    const run = vi.fn(() => {
      clock += 1;
    });
    const gate = new RateGate(run, () => clock);
    gate.request();
    gate.request();
    gate.cancel();
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
