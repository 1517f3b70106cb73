/**
 * "Now, or once when the interval has passed": the bound on how often the page's thread does a
 * costly update (applying training progress to the store, redrawing a chart). A request runs the
 * update at once when it is due, otherwise once when it becomes due, however many requests come
 * meanwhile; the update reads the newest state when it runs, so nothing is lost by folding.
 * In controllers/ so that both the controllers and the views (which may import controllers/,
 * not the reverse: protocol/import-boundary.test.ts) use the one gate.
 */

/** When the next update may run, from when the last one started and ended (the page clock, ms). */
export type NextDue = (startedAt: number, endedAt: number) => number;

export class IntervalGate {
  private dueAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly update: () => void,
    private readonly nextDue: NextDue,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs the update now if it is due, else once when it is (a request while one waits joins it). */
  request(): void {
    if (this.timer !== null) return;
    const wait = this.dueAt - this.now();
    if (wait <= 0) this.runNow();
    else
      this.timer = setTimeout(() => {
        this.timer = null;
        this.runNow();
      }, wait);
  }

  /** Runs the update now, in place of a waiting one, and starts the next interval. */
  runNow(): void {
    this.cancel();
    const startedAt = this.now();
    this.update();
    this.dueAt = this.nextDue(startedAt, this.now());
  }

  /** Drops a waiting update. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
