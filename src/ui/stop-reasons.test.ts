import { describe, expect, it } from 'vitest';
import { divergenceAdvice, isAbnormalStop, isDivergence, roundDown, suggestedStepSize } from './stop-reasons';

describe('stop reasons', () => {
  it('normal ends need no notice; divergence, unbounded below and failed line searches do', () => {
    for (const r of ['gtol met', 'max iterations', 'cancelled']) expect(isAbnormalStop(r)).toBe(false);
    for (const r of ['diverged at step 6', 'unbounded below at iteration 12', 'gradient overflow at iteration 3', 'line search failed']) expect(isAbnormalStop(r)).toBe(true);
    expect(isDivergence('diverged at step 6')).toBe(true);
    expect(isDivergence('unbounded below at iteration 12')).toBe(false);
  });

  it('suggests 90% of 2 / lambda_max, the edge of stability of gradient descent', () => {
    // on f = (L/2) x^2 gradient descent multiplies x by 1 - eta L each step: stable iff eta < 2 / L
    const L = 1.53;
    const eta = suggestedStepSize(L)!;
    expect(Math.abs(1 - eta * L)).toBeLessThan(1);
    expect(eta).toBeCloseTo(1.8 / L, 12);
    expect(suggestedStepSize(null)).toBeNull();
    expect(suggestedStepSize(-2)).toBeNull();
  });

  it('rounds the suggestion down to two significant digits', () => {
    expect(roundDown(1.1764)).toBeCloseTo(1.1, 12);
    expect(roundDown(0.0467)).toBeCloseTo(0.046, 12);
  });

  it('the advice names the step, the bound and what to try', () => {
    expect(divergenceAdvice('diverged at step 6', 2, 1.53)).toBe('Training diverged at step 6: η = 2 is above 2/λ_max = 1.31 (λ_max = 1.53). Try η ≈ 1.1.');
    expect(divergenceAdvice('diverged at step 6', 2, null)).toBe('Training diverged at step 6. Try a smaller step size.');
  });
});
