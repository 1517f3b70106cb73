/**
 * "Now, or once when the interval has passed": the bound on how often the page's thread does a
 * costly update (applying training progress to the store, redrawing a chart or the 3-D view). A
 * request runs the update at once when it is due, otherwise once when it becomes due, however many
 * requests come meanwhile; the update reads the newest state when it runs, so nothing is lost by
 * folding. In controllers/ so that both the controllers and the views (which may import
 * controllers/, not the reverse: protocol/import-boundary.test.ts) use the one gate.
 */

/** When the next update may run, from when the last one started and ended (the page clock, ms). */
export type NextDue = (startedAt: number, endedAt: number) => number;

/** The time source and timer a gate uses (the page's by default; tests pass their own). */
export interface GateClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's timers with `now` as the time source (the global timers are looked up per call, so fake timers apply). */
export function clockWith(now: () => number): GateClock {
  return {
    now,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

const pageClock: GateClock = clockWith(() => performance.now());

export class IntervalGate {
  private dueAt = -Infinity;
  private timer: unknown = null;

  constructor(
    private readonly update: () => void,
    private readonly nextDue: NextDue,
    private readonly clock: GateClock = pageClock,
  ) {}

  /** Runs the update now if it is due, else once when it is (a request while one waits joins it). */
  request(): void {
    if (this.timer !== null) return;
    const wait = this.dueAt - this.clock.now();
    if (wait <= 0) this.runNow();
    else
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.runNow();
      }, wait);
  }

  /** Runs the update now, in place of a waiting one, and starts the next interval. */
  runNow(): void {
    this.cancel();
    const startedAt = this.clock.now();
    this.update();
    this.dueAt = this.nextDue(startedAt, this.clock.now());
  }

  /**
   * The work an update set off ran from `startedAt` to `endedAt`, reported after the fact (the
   * 3-D view's update only asks for a frame, drawn later): the next update is due from this work,
   * and a waiting one is dropped, since that work showed every change made before it.
   */
  settle(startedAt: number, endedAt: number): void {
    this.cancel();
    this.dueAt = this.nextDue(startedAt, endedAt);
  }

  /**
   * Work that an update set off went on until `endedAt` (reported later still than settle's: the
   * 3-D view's frame ends in a commit after its drawing): the next update is due from it if that is
   * later, and a waiting one, which that work may not have shown, waits until then.
   */
  postpone(startedAt: number, endedAt: number): void {
    const due = this.nextDue(startedAt, endedAt);
    if (due <= this.dueAt) return;
    this.dueAt = due;
    if (this.timer === null) return;
    this.cancel();
    this.request();
  }

  /** Drops a waiting update. */
  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
