import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { symmetricWithSpectrum } from '../linalg/orthogonal';
import { createRng } from '../random';
import { FUNCTION_OPTIMIZERS, OPTIMIZERS, getOptimizer, resolveHyperParams } from './registry';
import { runOptimizer } from './run';
import { quadraticObjective } from './test-objectives';

const rosenbrock = getTestFunction('rosenbrock');
const start = Float64Array.from(rosenbrock.defaultStart);

describe('registry', () => {
  it('holds exactly the optimizers the UI and CLI name', () => {
    expect(OPTIMIZERS.map((o) => o.name).sort()).toEqual(
      [
        'adahessian', 'adam', 'bfgs', 'hessian-free', 'kfac', 'lbfgs', 'levenberg-marquardt', 'lowrank-newton', 'momentum', 'natural-gradient',
        'nesterov', 'newton', 'pgd', 'saddle-free-newton', 'sam', 'sgd', 'shampoo', 'sophia',
      ].sort(),
    );
    expect(() => getOptimizer('rmsprop')).toThrow(/Unknown optimizer "rmsprop".*lbfgs/);
  });

  it('every schema is well formed: defaults inside ranges, a citation and help text', () => {
    for (const o of OPTIMIZERS) {
      expect(o.citation.length).toBeGreaterThan(10);
      expect(resolveHyperParams(o, {})).toEqual(Object.fromEntries(o.params.map((p) => [p.key, p.default])));
      for (const p of o.params) {
        expect(p.help.length).toBeGreaterThan(0);
        if (typeof p.default === 'number') {
          expect(p.default).toBeGreaterThanOrEqual(p.min ?? -Infinity);
          expect(p.default).toBeLessThanOrEqual(p.max ?? Infinity);
        }
        if (p.type === 'choice') expect(p.choices).toContain(p.default);
      }
    }
  });

  it('resolveHyperParams parses CLI strings and names the key in every error', () => {
    const newton = getOptimizer('newton');
    expect(resolveHyperParams(newton, { fallback: 'none', cgMaxIter: '12' })).toMatchObject({ fallback: 'none', cgMaxIter: 12 });
    expect(resolveHyperParams(getOptimizer('momentum'), { nesterov: 'true', lr: '0.5' })).toMatchObject({ nesterov: true, lr: 0.5 });
    expect(() => resolveHyperParams(newton, { fallback: 'cubic' })).toThrow(/"fallback" must be one of damping, saddle-free, none, got "cubic"/);
    expect(() => resolveHyperParams(newton, { cgMaxIter: 2.5 })).toThrow(/"cgMaxIter" must be an integer/);
    expect(() => resolveHyperParams(getOptimizer('adam'), { lr: 'fast' })).toThrow(/"lr" must be a number in \[1e-8, 10\], got "fast"/);
    expect(() => resolveHyperParams(getOptimizer('adam'), { beta1: 1.5 })).toThrow(/"beta1"/);
    expect(() => resolveHyperParams(getOptimizer('momentum'), { nesterov: 'maybe' })).toThrow(/"nesterov" must be true or false/);
    expect(() => resolveHyperParams(getOptimizer('sgd'), { momentum: 0.9 })).toThrow(/sgd: unknown hyper-parameter "momentum"; known: lr/);
  });

  it('presets differ from their base only in the default', () => {
    expect(resolveHyperParams(getOptimizer('nesterov'), {}).nesterov).toBe(true);
    expect(resolveHyperParams(getOptimizer('momentum'), {}).nesterov).toBe(false);
    expect(resolveHyperParams(getOptimizer('saddle-free-newton'), {}).fallback).toBe('saddle-free');
  });
});

describe('every optimizer on Rosenbrock from (-1.2, 1) with defaults', () => {
  it.each(FUNCTION_OPTIMIZERS.map((o) => [o.name]))('%s lowers the loss from 24.2 in 200 steps', async (name) => {
    const res = await runOptimizer(getOptimizer(name), functionObjective(rosenbrock), start, { maxIter: 200, gtol: 1e-6 });
    expect(res.records[0].loss).toBeCloseTo(24.2, 12);
    expect(res.f).toBeLessThan(5);
    expect(['gtol met', 'max iterations']).toContain(res.reason);
  });
});

describe('second-order specifics', () => {
  it('Newton solves Booth in one step', async () => {
    const res = await runOptimizer(getOptimizer('newton'), functionObjective(getTestFunction('booth')), Float64Array.of(0, 0), { maxIter: 10, gtol: 1e-6 });
    expect(res.nit).toBe(1);
    expect(res.x[0]).toBeCloseTo(1, 12);
    expect(res.x[1]).toBeCloseTo(3, 12);
  });

  it('Hessian-free on the exact Hessian converges on Rosenbrock to gtol 1e-6', async () => {
    const res = await runOptimizer(getOptimizer('hessian-free'), functionObjective(rosenbrock), start, { maxIter: 500, gtol: 1e-6, hp: { curvature: 'hessian' } });
    expect(res.reason).toBe('gtol met');
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
    expect(res.nhvp).toBeGreaterThan(0);
  });

  it('Newton above 200 parameters runs Newton-CG on HVPs, never forming the dense Hessian', async () => {
    const n = 250;
    const values = Array.from({ length: n }, (_, i) => 1 + i / 10);
    const a = symmetricWithSpectrum(values, createRng(3));
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const obj = quadraticObjective(a, b);
    const res = await runOptimizer(getOptimizer('newton'), obj, new Float64Array(n), { maxIter: 20, gtol: 1e-6 });
    expect(res.reason).toBe('gtol met');
    // The forcing tolerance min(0.5, sqrt||g||) ||g|| (N&W eq. 7.3) takes inexact steps that
    // tighten as ||g|| falls (9 measured); a dense Hessian alone would cost n = 250 HVPs per step.
    expect(res.nit).toBeLessThanOrEqual(10);
    expect(res.nhvp).toBeLessThan(res.nit * n);
  });

  it('low-rank Newton with Lanczos pairs (n = 30 > k) lowers an ill-conditioned quadratic faster than GD', async () => {
    const n = 30;
    const values = Array.from({ length: n }, (_, i) => (i < 3 ? 100 * (i + 1) : 1 + i / 30));
    const a = symmetricWithSpectrum(values, createRng(5));
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const lr = await runOptimizer(getOptimizer('lowrank-newton'), quadraticObjective(a, b), new Float64Array(n), { maxIter: 20, gtol: 1e-9 });
    // GD's largest stable rate 1/300 shrinks the flat directions (curvature ~1-2) by < 1% per step.
    const gd = await runOptimizer(getOptimizer('sgd'), quadraticObjective(a, b), new Float64Array(n), { maxIter: 20, gtol: 1e-9, hp: { lr: 1 / 300 } });
    expect(lr.nhvp).toBeGreaterThan(0);
    expect(lr.f).toBeLessThan(gd.f);
  });
});
