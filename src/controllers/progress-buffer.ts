/**
 * Training progress applied to the store at a bounded rate. Every store update runs each selector
 * the page subscribed and re-renders what changed, synchronously, on the main thread; the worker
 * sends up to ten messages a second, so they are merged here and applied at most every APPLY_MS.
 * A message with a note (a lost device, shown as a notice) is applied at once, and the caller
 * flushes what is pending before it applies the run's summary.
 */
import type { TrainProgress } from '../protocol/network';
import { clockWith, IntervalGate } from './interval-gate';

export const APPLY_MS = 250;

/** `a` then `b` as one message: both messages' points in order, the newer step, loss, line and note. */
export function mergeProgress(a: TrainProgress, b: TrainProgress): TrainProgress {
  const note = b.note ?? a.note;
  return { points: a.points.concat(b.points), edgeOfStability: b.edgeOfStability, step: b.step, loss: b.loss, ...(note !== undefined ? { note } : {}) };
}

export class ProgressBuffer {
  private pending: TrainProgress | null = null;
  private readonly gate: IntervalGate;

  constructor(
    private readonly apply: (progress: TrainProgress) => void,
    intervalMs: number = APPLY_MS,
    now: () => number = () => performance.now(),
  ) {
    // due a fixed interval after the last apply started
    this.gate = new IntervalGate(() => this.applyPending(), (startedAt) => startedAt + intervalMs, clockWith(now));
  }

  push(progress: TrainProgress): void {
    this.pending = this.pending ? mergeProgress(this.pending, progress) : progress;
    if (progress.note !== undefined) this.flush();
    else this.gate.request();
  }

  /** Applies what is pending now. */
  flush(): void {
    this.gate.runNow();
  }

  /** Throws away what is pending: the run is no longer the one shown. */
  discard(): void {
    this.gate.cancel();
    this.pending = null;
  }

  private applyPending(): void {
    const p = this.pending;
    this.pending = null;
    if (p) this.apply(p);
  }
}
