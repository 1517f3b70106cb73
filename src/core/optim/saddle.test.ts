import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { getOptimizer } from './registry';
import { runOptimizer } from './run';

/** x^2 - y^2 from (1, 1e-8): the start lies almost exactly on the saddle's attracting x-axis. */
const saddle = getTestFunction('saddle');
const start = Float64Array.of(1, 1e-8);

describe('the saddle x^2 - y^2 from (1, 1e-8)', () => {
  it('plain Newton (fallback none) jumps onto the saddle point (0, 0), where H has eigenvalue -2', async () => {
    const res = await runOptimizer(getOptimizer('newton'), functionObjective(saddle), start, { maxIter: 50, gtol: 1e-6, hp: { fallback: 'none' } });
    expect(res.reason).toBe('gtol met');
    expect(res.nit).toBe(1);
    expect(Math.abs(res.x[0])).toBeLessThan(1e-12);
    expect(Math.abs(res.x[1])).toBeLessThan(1e-12);
    const [hxx, hxy, hyy] = saddle.hessian(res.x[0], res.x[1]);
    const minEig = (hxx + hyy) / 2 - Math.hypot((hxx - hyy) / 2, hxy);
    expect(minEig).toBe(-2);
  });

  it('saddle-free Newton escapes: |y| doubles every step, past 1 at step 27, loss below -1 and falling', async () => {
    // |H| = 2 I, so each step is d = -g/2: x -> 0 at once, y -> 2y. After step k, |y| = 2^k 1e-8: 2^26 1e-8 = 0.67, 2^27 1e-8 = 1.34.
    const res = await runOptimizer(getOptimizer('saddle-free-newton'), functionObjective(saddle), start, { maxIter: 30, gtol: 0 });
    const ys = res.records.map((r) => Math.abs(r.point[1]));
    expect(ys.findIndex((y) => y > 1)).toBe(27);
    expect(res.f).toBeLessThan(-1);
    for (let i = 1; i < res.records.length; i++) expect(res.records[i].loss).toBeLessThan(res.records[i - 1].loss);
  });

  it('perturbed GD (lr 0.1) escapes within 60 steps while plain GD with the same lr is still at |y| < 1e-3', async () => {
    // GD multiplies y by 1.2 per step: 1e-8 * 1.2^60 = 5.6e-4. PGD perturbs once ||g|| <= 1e-3
    // (x ~ 5e-4 after ~34 steps) by up to 0.1, and from there 1.2^k growth passes 1 quickly.
    const opts = { maxIter: 60, gtol: 0, hp: { lr: 0.1 } };
    const gd = await runOptimizer(getOptimizer('sgd'), functionObjective(saddle), start, opts);
    const pgd = await runOptimizer(getOptimizer('pgd'), functionObjective(saddle), start, opts);
    expect(Math.abs(gd.x[1])).toBeCloseTo(1e-8 * 1.2 ** 60, 10);
    expect(Math.abs(pgd.x[1])).toBeGreaterThan(1);
    expect(pgd.f).toBeLessThan(-1);
    expect(pgd.f).toBeLessThan(pgd.records[0].loss);
    const last = pgd.records.slice(-10).map((r) => r.loss);
    for (let i = 1; i < last.length; i++) expect(last[i]).toBeLessThan(last[i - 1]);
  });
});
