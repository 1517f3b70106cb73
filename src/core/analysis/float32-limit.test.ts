import { describe, expect, it } from 'vitest';
import { FLOAT32_GRADIENT_RESOLUTION, float32GradientNote, perRowGradientScale } from './float32-limit';

describe('float32GradientNote', () => {
  it('notes a gradient norm below 1e-6 of a cross-entropy loss and names the figure', () => {
    const note = float32GradientNote(3.2e-9, 0.0125, 'softmax_cross_entropy');
    expect(note).toMatch(/float32/);
    expect(note).toContain('3.2e-9');
  });

  it('squared error: the per-row gradients 2 (z - t) are of the size of the root of the loss', () => {
    expect(perRowGradientScale(0.01, 'mse')).toBeCloseTo(0.1, 15);
    // 5e-8 is above 1e-6 x 0.01 but below 1e-6 x sqrt(0.01).
    expect(float32GradientNote(5e-8, 0.01, 'binary_cross_entropy')).toBeNull();
    expect(float32GradientNote(5e-8, 0.01, 'mse')).not.toBeNull();
  });

  it('says nothing at or above the threshold, where float32 still resolves the gradient', () => {
    expect(float32GradientNote(FLOAT32_GRADIENT_RESOLUTION * 0.5, 0.5)).toBeNull();
    expect(float32GradientNote(0.02, 0.3)).toBeNull();
  });

  it('uses magnitudes, so a negative loss (an unbounded function) is treated the same', () => {
    expect(float32GradientNote(1e-8, -40)).not.toBeNull();
    expect(float32GradientNote(1e-3, -40)).toBeNull();
  });

  it('says nothing about non-finite figures, which are reported as such elsewhere', () => {
    expect(float32GradientNote(Number.NaN, 1)).toBeNull();
    expect(float32GradientNote(1e-12, Number.POSITIVE_INFINITY)).toBeNull();
  });
});
