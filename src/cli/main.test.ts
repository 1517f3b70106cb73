import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fixturePath, runCli as run } from '../../test/helpers';

const SPIRAL = fixturePath('spiral-tanh-ce.json');

describe('curvscape spectrum', () => {
  it('prints both ends and the exact trace of the spiral fixture, matching float64', async () => {
    const ref = JSON.parse(readFileSync(SPIRAL, 'utf8')).reference;
    const eig: number[] = ref.eigenvalues_ascending;
    const lmax = Math.abs(eig[eig.length - 1]);
    const { code, stdout } = await run(['spectrum', '--problem', SPIRAL, '--k', '5', '--which', 'both', '--backend', 'cpu', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.problem).toBe('spiral-tanh-ce');
    expect(out.num_params).toBe(ref.num_params);
    expect(out.backend).toBe('cpu');
    expect(out.top).toHaveLength(5);
    out.top.forEach((v: number, i: number) => expect(Math.abs(v - eig[eig.length - 1 - i]) / lmax).toBeLessThan(1e-4));
    expect(Math.abs(out.bottom[0] - eig[0]) / lmax).toBeLessThan(1e-4);
    expect(Math.abs(out.trace - ref.trace) / Math.abs(ref.trace)).toBeLessThan(1e-4);
    expect(out.residuals.top.every((r: number) => r < 1e-6)).toBe(true);
    expect(out.hvps).toBeGreaterThanOrEqual(out.num_params);
    expect(out.ms).toBeGreaterThan(0);
  });

  it('power iteration reports its own products and lands within its tolerance', async () => {
    const ref = JSON.parse(readFileSync(SPIRAL, 'utf8')).reference;
    const lmax: number = ref.eigenvalues_ascending[ref.eigenvalues_ascending.length - 1];
    const { stdout } = await run(['spectrum', '--problem', SPIRAL, '--k', '1', '--which', 'top', '--method', 'power', '--trace', 'none', '--backend', 'cpu']);
    const out = JSON.parse(stdout);
    expect(out.method).toBe('power');
    expect(Math.abs(out.top[0] - lmax) / lmax).toBeLessThan(1e-2);
    expect(out.hvps).toBe(out.eigen_hvps);
    expect(out.trace).toBeNull();
  });

  it('a malformed problem file is one line on stderr and exit status 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curvscape-'));
    const bad = JSON.parse(readFileSync(SPIRAL, 'utf8'));
    bad.activation = 'swish';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const { code, stdout, stderr } = await run(['spectrum', '--problem', file, '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/activation/);
  });

  it('rejects unknown flags values with the valid choices', async () => {
    const { code, stderr } = await run(['spectrum', '--problem', SPIRAL, '--method', 'arnoldi']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/lanczos, power, dense/);
  });
});

describe('curvscape optimize', () => {
  it('L-BFGS on Rosenbrock from (-1.2, 1) reaches (1, 1) within scipy L-BFGS-B iterations + 10%', async () => {
    const { code, stdout } = await run(['optimize', '--problem', 'rosenbrock', '--optimizer', 'lbfgs', '--start', '-1.2,1', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.success).toBe(true);
    expect(out.reason).toBe('gtol met');
    expect(out.grad_norm).toBeLessThanOrEqual(1e-6);
    expect(Math.hypot(out.x[0] - 1, out.x[1] - 1)).toBeLessThan(1e-4);
    expect(out.nit).toBeLessThanOrEqual(Math.floor(37 * 1.1));
    expect(out.records).toHaveLength(out.nit + 1);
    expect(out.nhvp).toBe(0);
  });

  it('--set overrides a hyper-parameter and rejects an unknown key', async () => {
    const ok = JSON.parse((await run(['optimize', '--problem', 'booth', '--optimizer', 'sgd', '--set', 'lr=0.05', '--steps', '5'])).stdout);
    expect(ok.hyper_params.lr).toBe(0.05);
    expect(ok.nit).toBe(5);
    const bad = await run(['optimize', '--problem', 'booth', '--optimizer', 'sgd', '--set', 'nope=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nope/);
  });

  it('optimizers lists every registered optimizer with its schema', async () => {
    const out = JSON.parse((await run(['optimizers', '--json'])).stdout);
    const names = out.optimizers.map((o: { name: string }) => o.name);
    for (const n of ['sgd', 'momentum', 'adam', 'newton', 'bfgs', 'lbfgs', 'hessian-free', 'sam', 'pgd']) expect(names).toContain(n);
    expect(out.optimizers.every((o: { params: unknown[] }) => Array.isArray(o.params))).toBe(true);
  });
});

describe('bin entry', () => {
  it('runs as a process and exits 2 on a missing file', () => {
    const r = spawnSync(process.execPath, [join(__dirname, '../../bin/curvscape.mjs'), 'spectrum', '--problem', '/nonexistent.json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nonexistent/);
  });
});
