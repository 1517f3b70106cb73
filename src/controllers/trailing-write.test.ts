import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrailingWrite } from './trailing-write';

describe('TrailingWrite', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once, the delay after the last of changes that come closer together than the delay', () => {
    let state = 0;
    const written: [number, number][] = [];
    const link = new TrailingWrite(() => written.push([Date.now(), state]), 300);
    const t0 = Date.now();
    for (const step of [0, 100, 250]) {
      vi.setSystemTime(t0 + step);
      state = step;
      link.schedule();
    }
    vi.advanceTimersByTime(299);
    expect(written).toEqual([]);
    vi.advanceTimersByTime(1);
    // 250 ms (the last change) + 300 ms, holding the newest state
    expect(written).toEqual([[t0 + 550, 250]]);
    vi.advanceTimersByTime(1000);
    expect(written).toHaveLength(1);
  });

  it('flush writes a pending change at once and cancels its timer; with nothing pending it writes nothing', () => {
    let writes = 0;
    const link = new TrailingWrite(() => writes++, 300);
    link.flush();
    expect(writes).toBe(0);
    link.schedule();
    link.flush();
    expect(writes).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(writes).toBe(1);
    link.flush();
    expect(writes).toBe(1);
  });
});
