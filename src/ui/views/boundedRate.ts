/**
 * Passes a fast-changing value (a run's drawn series) on at a bounded rate: a change is shown at
 * once when the last one was shown long enough ago, otherwise when that time has passed (the newest
 * value always arrives). "Long enough" is MIN_INTERVAL_MS or COST_FACTOR times what showing the
 * last value took (render, commit and effects of the component and its children), whichever is
 * longer, so drawing takes at most about a tenth of the main thread however heavy a redraw gets.
 * The value is shown in a transition, so its render yields to the page between components.
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import { clockWith, IntervalGate } from '../../controllers/interval-gate';

const MIN_INTERVAL_MS = 200;
const COST_FACTOR = 10;
const MAX_INTERVAL_MS = 2000;

/** The wait before the next value is shown, after one whose showing took `costMs`. */
export function nextInterval(costMs: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, COST_FACTOR * costMs));
}

/** `value` at a bounded rate while `bounded` (e.g. while a run streams in); every change at once otherwise. */
export function useBoundedRate<T>(value: T, bounded: boolean): T {
  const [shown, setShown] = useState(value);
  const timing = useRef({ shownAt: -Infinity, renderStart: 0, interval: MIN_INTERVAL_MS });
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    if (Object.is(value, shown)) return;
    const t = timing.current;
    const wait = bounded ? t.shownAt + t.interval - performance.now() : 0;
    const show = (): void => {
      t.renderStart = performance.now();
      // a transition: React renders it in slices that yield to input, and drops it for a newer one
      startTransition(() => setShown(() => latest.current));
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, bounded]);

  // Runs after the children's effects of the render that showed `shown`: the whole cost of showing it.
  useEffect(() => {
    const t = timing.current;
    const now = performance.now();
    if (t.renderStart > 0) t.interval = nextInterval(now - t.renderStart);
    t.shownAt = now;
  }, [shown]);

  return bounded ? shown : value;
}

/**
 * The same bound outside React, for work that draws imperatively (a chart's setData): `run` draws
 * the newest state when called; request() calls it at once when the last call was long enough ago
 * (nextInterval of what that call took), otherwise once when that time has passed, however many
 * requests came meanwhile.
 */
export class RateGate extends IntervalGate {
  constructor(run: () => void, now: () => number = () => performance.now()) {
    super(run, (startedAt, endedAt) => endedAt + nextInterval(endedAt - startedAt), clockWith(now));
  }
}
