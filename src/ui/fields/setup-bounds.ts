/**
 * Ranges of the explorer's number fields. They restate the share link's zod schema (state/url.ts,
 * which does not export its per-field schemas); setup-bounds.test.ts checks each end against that
 * schema, so the two cannot drift apart.
 */
import type { ListRange, NumberRange } from './number-input';

export const DATASET_BOUNDS = {
  n: { min: 8, max: 2000, integer: true },
  noise: { min: 0, max: 2 },
  weightDecay: { min: 0, max: 1 },
  seed: { integer: true, min: -(2 ** 31), max: 2 ** 31 - 1 },
  initSeed: { integer: true, min: -(2 ** 31), max: 2 ** 31 - 1 },
} as const satisfies Record<string, NumberRange>;

export const HIDDEN_BOUNDS: ListRange = { min: 1, max: 64, maxCount: 4 };

/** Max steps of an explorer run: at least one step, at most the link's 20,000. */
export const STEPS_BOUNDS: NumberRange = { min: 1, max: 20000, integer: true };

/** A start point is any finite pair. */
export const START_BOUNDS: NumberRange = {};
