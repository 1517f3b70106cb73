import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli as run } from '../../../test/helpers';

const SPIRAL = fixturePath('spiral-tanh-ce.json');
const CIRCLES = fixturePath('circles-relu-bce.json');

describe('curvscape train', () => {
  it('prints curvature points every k steps, the 2/eta line and the run summary', async () => {
    const ref = JSON.parse(readFileSync(CIRCLES, 'utf8')).reference;
    const eig: number[] = ref.eigenvalues_ascending;
    const lmax = eig[eig.length - 1];
    const { code, stdout } = await run(['train', '--problem', CIRCLES, '--optimizer', 'sgd', '--set', 'lr=0.5', '--steps', '12', '--every', '5', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ problem: 'circles-relu-bce', optimizer: 'sgd', success: false, reason: 'max iterations', nit: 12, nhvp: 0 });
    expect(out.edge_of_stability).toBeCloseTo(4, 12);
    expect(out.curvature.map((p: { step: number }) => p.step)).toEqual([0, 5, 10, 12]);
    const first = out.curvature[0];
    expect(Math.abs(first.lambdaMax - lmax) / lmax).toBeLessThan(1e-4);
    // 49 parameters: the exact trace sits beside the estimate.
    expect(Math.abs(first.traceExact - ref.trace) / ref.trace).toBeLessThan(1e-4);
    expect(first.traceProbes).toBe(20);
    expect(Math.abs(first.trace - ref.trace)).toBeLessThan(4 * first.traceStdError);
    expect(first.gradNorm).toBeCloseTo(ref.grad_norm, 4);
    expect(out.f).toBeCloseTo(out.curvature[3].loss, 12);
    expect(out.grad_norm).toBeCloseTo(out.curvature[3].gradNorm, 12);
    expect(out.curvature_hvps).toBe(out.curvature.reduce((s: number, p: { hvps: number }) => s + p.hvps, 0));
  }, 120_000);

  it('bad input is one line on stderr and exit status 2', async () => {
    for (const argv of [
      ['train', '--problem', CIRCLES, '--optimizer', 'nope', '--backend', 'cpu'],
      ['train', '--problem', CIRCLES, '--optimizer', 'sgd', '--set', 'lr=-1', '--backend', 'cpu'],
      ['train', '--problem', CIRCLES, '--optimizer', 'sgd', '--every', '0', '--backend', 'cpu'],
      ['train', '--optimizer', 'sgd', '--backend', 'cpu'],
    ]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('curvscape spectrum --density', () => {
  it('prints the averaged density with its runs, spread, probes and steps; moments match the fixture', async () => {
    const ref = JSON.parse(readFileSync(SPIRAL, 'utf8')).reference;
    const eig: number[] = ref.eigenvalues_ascending;
    const P = eig.length;
    const { code, stdout } = await run([
      'spectrum', '--problem', SPIRAL, '--k', '1', '--which', 'top', '--trace', 'none', '--backend', 'cpu', '--density',
      '--density-runs', '3', '--density-probes', '3', '--density-steps', '20', '--density-grid', '150', '--json',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.grid).toHaveLength(150);
    expect(out.density).toHaveLength(150);
    expect(out.density_runs).toBe(3);
    expect(out.density_per_run).toHaveLength(3);
    expect(out.density_probes).toBe(3);
    expect(out.density_steps).toBe(20);
    expect(out.density_spread.std).toHaveLength(150);
    expect(out.density_hvps).toBe(3 * 3 * 20);
    expect(out.hvps).toBe(out.eigen_hvps + out.density_hvps);
    const m = out.density_moments;
    expect(Math.abs(m.mean - ref.trace / P)).toBeLessThan(4 * m.meanStdError);
    expect(Math.abs(m.second - eig.reduce((s, v) => s + v * v, 0) / P)).toBeLessThan(4 * m.secondStdError);
  }, 120_000);
});
