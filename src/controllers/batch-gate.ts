/**
 * Records reach the store at a bounded rate: batches from the worker are coalesced and applied at
 * most every `minMs`, and less often when applying (with the redraw it triggers) costs more, so
 * drawing never takes more than about a tenth of the page's time however long the run grows.
 */
import type { RecordBatch } from '../protocol/run';

/** At most ten store updates a second. */
const MIN_INTERVAL_MS = 100;
/** The wait after an update is this many times what the update took. */
const COST_FACTOR = 10;
const MAX_INTERVAL_MS = 2000;

export interface BatchGate {
  push(batches: RecordBatch[]): void;
  /** Applies whatever is waiting now (before a result that must follow the records). */
  flush(): void;
}

export function createBatchGate(apply: (batches: RecordBatch[]) => void, now: () => number = () => performance.now()): BatchGate {
  let waiting: RecordBatch[] = [];
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
    interval = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, COST_FACTOR * (now() - t0)));
  };
  return {
    push(batches) {
      waiting.push(...batches);
      timer ??= setTimeout(flush, interval);
    },
    flush,
  };
}
