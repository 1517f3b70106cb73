/**
 * Where float32 is the limit: a network's gradient is a mean over rows of per-row gradients that
 * cancel near a minimum, each rounded to float32 (2^-24 ~ 6e-8 per operation, growing with depth and
 * row count), so the rounding left in the mean scales with the per-row gradients, not with their
 * mean. Once the norm falls below ~1e-6 of that scale, what is left is mostly rounding: PyTorch in
 * float32 misses the float64 gradient there by as much (issue 13: relative errors 2e-3 to 6e4 at
 * trained points). The figure is then shown with a note, not hidden.
 */
import type { LossName } from '../problem/problem';

/** ||g|| below this times the per-row gradient scale is at float32's resolution. */
export const FLOAT32_GRADIENT_RESOLUTION = 1e-6;

/**
 * The size of the per-row loss gradients dL/dz from the loss itself: about the loss for
 * cross-entropy (|p - y| ~ the row's loss on a confident row, at most 2 on any), and the root of
 * the loss for squared error (2 |z - t|).
 */
export function perRowGradientScale(loss: number, lossName?: LossName): number {
  return lossName === 'mse' ? Math.sqrt(Math.abs(loss)) : Math.abs(loss);
}

/**
 * A short note for a gradient norm computed in float32 when it is below FLOAT32_GRADIENT_RESOLUTION
 * times perRowGradientScale (cross-entropy's rule where the loss is not named); null otherwise, and
 * for non-finite figures (reported as such elsewhere).
 */
export function float32GradientNote(gradNorm: number, loss: number, lossName?: LossName): string | null {
  if (!Number.isFinite(gradNorm) || !Number.isFinite(loss)) return null;
  const scale = perRowGradientScale(loss, lossName);
  if (gradNorm >= FLOAT32_GRADIENT_RESOLUTION * scale) return null;
  return `at float32 resolution: |g| = ${gradNorm.toExponential(1)} is below 1e-6 x the per-row gradient scale ${scale.toPrecision(2)}, so its digits are mostly rounding (the network runs in float32)`;
}
