/**
 * Records reach the store at a bounded rate: batches from the worker are coalesced and applied at
 * most every `minMs`, and less often when applying (with the redraw it triggers) costs more, so
 * drawing never takes more than about a tenth of the page's time however long the run grows.
 *
 * The cost is read after the redraw: a store update re-renders its subscribers synchronously in a
 * microtask that React queues during the update (useSyncExternalStore), so the clock is read in a
 * microtask queued after it. Timing the update alone saw ~1 ms while the render it caused took
 * hundreds (CPU profile of 17 optimizers x 20,000 steps on Rosenbrock).
 */

/** At most ten store updates a second. */
const MIN_INTERVAL_MS = 100;
/** The wait after an update is this many times what the update took. */
const COST_FACTOR = 10;
const MAX_INTERVAL_MS = 2000;

export interface BatchGate<B> {
  push(batches: B[]): void;
  /** Applies whatever is waiting now (before a result that must follow the records). */
  flush(): void;
}

export function createBatchGate<B>(apply: (batches: B[]) => void, now: () => number = () => performance.now()): BatchGate<B> {
  let waiting: B[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let interval = MIN_INTERVAL_MS;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const batches = waiting;
    waiting = [];
    const t0 = now();
    apply(batches);
    queueMicrotask(() => {
      interval = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, COST_FACTOR * (now() - t0)));
    });
  };
  return {
    push(batches) {
      waiting.push(...batches);
      timer ??= setTimeout(flush, interval);
    },
    flush,
  };
}
