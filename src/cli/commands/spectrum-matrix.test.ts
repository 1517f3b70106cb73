import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli as run } from '../../../test/helpers';

const SINE = fixturePath('sine-tanh-mse.json');

describe('curvscape spectrum --matrix', () => {
  it('ggn: both ends and the exact trace of the Gauss-Newton matrix match reference.ggn, with the Fisher note', async () => {
    const ggn = JSON.parse(readFileSync(SINE, 'utf8')).reference.ggn;
    const eig: number[] = ggn.eigenvalues_ascending;
    const lmax = eig[eig.length - 1];
    const { code, stdout } = await run(['spectrum', '--problem', SINE, '--matrix', 'ggn', '--k', '5', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.matrix).toBe('ggn');
    expect(out.matrix_note).toMatch(/also the Fisher/);
    out.top.forEach((v: number, i: number) => expect(Math.abs(v - eig[eig.length - 1 - i]) / lmax).toBeLessThan(1e-4));
    expect(Math.abs(out.bottom[0] - eig[0]) / lmax).toBeLessThan(1e-4);
    expect(Math.abs(out.trace - ggn.trace) / ggn.trace).toBeLessThan(1e-4);
    expect(out.hvps).toBeGreaterThanOrEqual(out.num_params);
  });

  it('empirical-fisher: positive semi-definite up to rounding, and the note says why it is not the Fisher', async () => {
    const { code, stdout } = await run(['spectrum', '--problem', SINE, '--matrix', 'empirical-fisher', '--k', '2', '--trace', 'none', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.matrix).toBe('empirical-fisher');
    expect(out.matrix_note).toMatch(/not the Fisher/);
    expect(out.bottom[0]).toBeGreaterThan(-1e-5 * out.top[0]);
  });

  it('a 2-D function that is no sum of squares has no Gauss-Newton product: one line and exit status 2', async () => {
    const { code, stderr } = await run(['spectrum', '--problem', 'six-hump-camel', '--matrix', 'ggn']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--matrix: six-hump-camel has no Gauss-Newton .*this function is not a sum of squares/);
  });

  it('Rosenbrock as least squares: G = 2 J^T J at (-1.2, 1) is [[1154, 480], [480, 200]], eigenvalues 677 +- sqrt(677^2 - 400)', async () => {
    const { code, stdout } = await run(['spectrum', '--problem', 'rosenbrock', '--matrix', 'ggn', '--k', '2']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const root = Math.sqrt(677 ** 2 - 400);
    expect(out.top[0]).toBeCloseTo(677 + root, 8);
    expect(out.top[1]).toBeCloseTo(677 - root, 8);
    expect(out.trace).toBeCloseTo(1354, 10);
  });

  it('an unknown matrix names the three choices', async () => {
    const { code, stderr } = await run(['spectrum', '--problem', SINE, '--matrix', 'fisher']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/hessian, ggn, empirical-fisher/);
  });
});
