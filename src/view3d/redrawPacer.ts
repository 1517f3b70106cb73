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
import { IntervalGate, type GateClock } from '../controllers/interval-gate';

/** The 3-D view's share of the main thread while markers move: a quarter leaves the rest of a replay tick (charts, contours, paint) room. */
export const DRAW_SHARE = 0.25;

export class RedrawPacer {
  /** A redraw asked for and not yet drawn. */
  private asked = false;
  /** Marker-only redraws: due (1 / share - 1) times the last frame's drawing after it ended, reported by drawn(). */
  private readonly gate: IntervalGate;

  constructor(
    private readonly redraw: () => void,
    clock?: GateClock,
    share: number = DRAW_SHARE,
  ) {
    this.gate = new IntervalGate(() => this.ask(), (start, end) => end + (end - start) * (1 / share - 1), clock);
  }

  /** A frame was drawn from `start` to `end` (ms on the clock): it drew every change made before it, so a redraw waiting for its turn is dropped. */
  drawn(start: number, end: number): void {
    this.asked = false;
    this.gate.settle(start, end);
  }

  /**
   * The frame drawn from `start` ended at `end`, its commit included: where the page is composited in
   * software the commit waits for WebGL's drawing to be read back, a wait drawn() (called as the
   * drawing ends) does not see. The next marker-only redraw is paced from this end if it is later.
   */
  committed(start: number, end: number): void {
    this.gate.postpone(start, end);
  }

  /** Asks for a redraw: at once for new data, for moved markers no sooner than the pace allows. */
  request(markersOnly: boolean): void {
    if (!markersOnly) {
      this.gate.cancel();
      this.ask();
      return;
    }
    if (!this.asked) this.gate.request();
  }

  dispose(): void {
    this.gate.cancel();
  }

  private ask(): void {
    this.asked = true;
    this.redraw();
  }
}
