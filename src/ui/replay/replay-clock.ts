/** Where an animated replay is after some wall time: the stored records played back at a chosen speed. */

/** Iterations per second at 1x: a 500-step run replays in 25 s, or in about 1.6 s at 16x. */
export const BASE_RATE = 20;

export const SPEEDS = [1, 4, 16] as const;
export type ReplaySpeed = (typeof SPEEDS)[number];

/** The iteration `elapsedMs` after starting at `from`, never past `last`. */
export function replayIteration(from: number, elapsedMs: number, speed: number, last: number): number {
  const advanced = from + Math.floor((Math.max(0, elapsedMs) * speed * BASE_RATE) / 1000);
  return Math.min(last, Math.max(0, advanced));
}

/** Where Play starts: from the shown iteration, or from the beginning when the shown one is already the last. */
export function replayStart(current: number, last: number): number {
  return current >= last ? 0 : Math.max(0, current);
}
