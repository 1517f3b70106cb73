/**
 * Spaces the 3-D view's redraws that only move its markers (a replay tick) so that drawing takes at
 * most `share` of the main thread: after a frame whose drawing took t ms, the next marker-only redraw
 * waits until t (1 / share - 1) ms after it ended. On a GPU a frame takes a millisecond or two and
 * every tick is drawn; on software GL (SwiftShader, where every GL call is CPU work) a frame took
 * 15-300 ms at load 12-20, and a redraw for every tick of a 16x replay (about one per display frame)
 * was a long task of its own or pushed the page's other work into one. A redraw for new data (a batch,
 * a new run, a new surface) is asked for at once; a marker-only one is not asked for while another
 * redraw is pending, since a frame draws every change made before it.
 */

/** The time source and timer the pacer uses (the page's by default; tests pass their own). */
export interface PacerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const pageClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The 3-D view's share of the main thread while markers move: a quarter leaves the rest of a replay tick (charts, contours, paint) room. */
export const DRAW_SHARE = 0.25;

export class RedrawPacer {
  /** Earliest time for the next marker-only redraw. */
  private readyAt = 0;
  /** A redraw asked for and not yet drawn. */
  private asked = false;
  private timer: unknown = null;

  constructor(
    private readonly redraw: () => void,
    private readonly clock: PacerClock = pageClock,
    private readonly share: number = DRAW_SHARE,
  ) {}

  /** A frame was drawn from `start` to `end` (ms on the clock): it drew every change made before it, so a redraw waiting for its turn is dropped. */
  drawn(start: number, end: number): void {
    this.asked = false;
    this.cancelTimer();
    this.readyAt = end + (end - start) * (1 / this.share - 1);
  }

  /** Asks for a redraw: at once for new data, for moved markers no sooner than the pace allows. */
  request(markersOnly: boolean): void {
    if (!markersOnly) {
      this.cancelTimer();
      this.ask();
      return;
    }
    if (this.asked || this.timer !== null) return;
    const wait = this.readyAt - this.clock.now();
    if (wait <= 0) {
      this.ask();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.ask();
    }, wait);
  }

  dispose(): void {
    this.cancelTimer();
  }

  private ask(): void {
    this.asked = true;
    this.redraw();
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
