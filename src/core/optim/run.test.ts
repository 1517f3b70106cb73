import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { FUNCTION_OPTIMIZERS, getOptimizer } from './registry';
import { DIVERGENCE_WINDOW, runOptimizer } from './run';
import { nanAfter, quadraticObjective } from './test-objectives';
import type { StepRecord } from './types';

const rosenbrock = getTestFunction('rosenbrock');
const start = Float64Array.from(rosenbrock.defaultStart);

function allNumbersFinite(r: StepRecord): boolean {
  return [r.loss, r.gradNorm, r.stepSize, r.timeMs, ...r.point].every(Number.isFinite);
}

describe('runOptimizer', () => {
  it.each(FUNCTION_OPTIMIZERS.map((o) => [o.name]))('%s never emits a non-finite record when the objective turns NaN', async (name) => {
    for (const healthy of [2, 5, 9]) {
      const res = await runOptimizer(getOptimizer(name), nanAfter(functionObjective(rosenbrock), healthy), start, { maxIter: 100, gtol: 1e-12 });
      expect(res.records.every(allNumbersFinite)).toBe(true);
      expect(Number.isFinite(res.f) && Number.isFinite(res.gradNorm) && res.x.every(Number.isFinite)).toBe(true);
      expect(res.success).toBe(false);
      // A NaN loss is a loss that left every bound: the step that produced it is the one named.
      expect(res.reason).toMatch(new RegExp(`^(diverged at step ${res.nit + 1}|line search failed)$`));
      expect(res.records.at(-1)!.loss).toBe(res.f);
    }
  });

  it('records cumulative counts, iteration numbers and the stop reason', async () => {
    const res = await runOptimizer(getOptimizer('sgd'), functionObjective(rosenbrock), start, { maxIter: 7, gtol: 1e-6 });
    expect(res.reason).toBe('max iterations');
    expect(res.nit).toBe(7);
    expect(res.records.map((r) => r.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Gradient descent spends exactly one value-and-gradient per iterate.
    expect(res.records.map((r) => r.ngev)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res.nfev).toBe(8);
    expect(res.records[0].loss).toBeCloseTo(24.2, 12);
    // x1 = x0 - 1e-3 g0 with g0 = (-215.6, -88).
    expect(res.records[1].point[0]).toBeCloseTo(-1.2 + 0.2156, 12);
    expect(res.records[1].point[1]).toBeCloseTo(1 + 0.088, 12);
    expect(res.records[1].stepSize).toBeCloseTo(1e-3 * Math.hypot(215.6, 88), 12);
    const times = res.records.map((r) => r.timeMs);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it('stops with gtol met, cancelled, diverged, and applies the projection', async () => {
    const quad = (): ReturnType<typeof quadraticObjective> => quadraticObjective(Float64Array.of(2, 0, 0, 2), Float64Array.of(2, 4));
    const ok = await runOptimizer(getOptimizer('newton'), quad(), Float64Array.of(0, 0), { maxIter: 10, gtol: 1e-9, project: (x) => [x[0] + x[1]] });
    expect(ok).toMatchObject({ success: true, reason: 'gtol met', nit: 1 });
    expect(ok.records[1].point[0]).toBeCloseTo(3, 12);
    let calls = 0;
    const cancelled = await runOptimizer(getOptimizer('sgd'), quad(), Float64Array.of(0, 0), { maxIter: 100, gtol: 0, shouldStop: () => ++calls > 3 });
    expect(cancelled).toMatchObject({ reason: 'cancelled', nit: 3, success: false });
    // lr 10 on curvature 2 multiplies the error by -19 per step: f_k = -5 + 5 * 361^k, above
    // f_0 + 10 (|f_0| + 1) = 10 from k = 1 on; the run stops once that has held for the window.
    const diverged = await runOptimizer(getOptimizer('sgd'), quad(), Float64Array.of(0, 0), { maxIter: 100, gtol: 0, hp: { lr: 10 } });
    expect(diverged.reason).toBe('diverged at step 1');
    expect(diverged.nit).toBe(DIVERGENCE_WINDOW);
    expect(diverged.f).toBeCloseTo(-5 + 5 * 361 ** DIVERGENCE_WINDOW, 0);
  });

  it('rejects bad hyper-parameters with the key in the message', async () => {
    await expect(runOptimizer(getOptimizer('adam'), functionObjective(rosenbrock), start, { maxIter: 1, gtol: 0, hp: { lr: -1 } })).rejects.toThrow(/adam.*"lr"/);
  });
});
