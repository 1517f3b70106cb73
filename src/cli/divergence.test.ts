import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIVERGENCE_FACTOR, DIVERGENCE_WINDOW } from '../core/optim/run';
import { fixturePath, runCli } from '../../test/helpers';

const SPIRAL = fixturePath('spiral-tanh-ce.json');
/** The fixture's float64 loss at its params (PyTorch), the start every run below is judged from. */
const F0: number = JSON.parse(readFileSync(SPIRAL, 'utf8')).reference.loss;
const LEVEL = F0 + DIVERGENCE_FACTOR * (Math.abs(F0) + 1);

/**
 * Fields whose null means "not asked for" (a network run's point, an exact trace beyond its
 * size, a cold-start comparison not run, no float32 caveat to state); the CLI's writer never turns
 * a number into null.
 */
const NOT_APPLICABLE = new Set(['x', 'traceExact', 'exact', 'coldLanczosHvps', 'coldHvps', 'grad_norm_note']);

/** Every other null in a JSON value, by path: JSON.stringify would write a non-finite number as null. */
function nullPaths(v: unknown, path = ''): string[] {
  if (v === null) return NOT_APPLICABLE.has(path.slice(path.lastIndexOf('.') + 1)) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nullPaths(x, `${path}[${i}]`));
  if (typeof v === 'object') return Object.entries(v as object).flatMap(([k, x]) => nullPaths(x, `${path}.${k}`));
  return [];
}

/** Step sizes that send each optimizer off on the spiral fixture (issue 8's list). */
const DIVERGING: [string, string[]][] = [
  ['sgd', ['lr=10']],
  ['momentum', ['lr=10']],
  ['nesterov', ['lr=10']],
  ['sam', ['lr=10']],
  ['pgd', ['lr=10']],
  ['adahessian', ['lr=10']],
  ['adam', ['lr=10', 'beta1=0.9999']],
];

describe('divergence on the spiral fixture', () => {
  it.each(DIVERGING)('%s %s: "diverged at step k", the loss above f0 + 10 (|f0| + 1) from k for the whole window', async (name, sets) => {
    const { code, stdout } = await runCli(['optimize', '--problem', SPIRAL, '--optimizer', name, ...sets.flatMap((s) => ['--set', s]), '--steps', '300', '--backend', 'cpu']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.success).toBe(false);
    const k = Number(/^diverged at step (\d+)$/.exec(out.reason)?.[1]);
    expect(k).toBeGreaterThan(0);
    const losses: number[] = out.records.map((r: { loss: number }) => r.loss);
    expect(Math.abs(losses[0] - F0) / F0).toBeLessThan(1e-4);
    expect(losses.slice(0, k).every((f) => f <= LEVEL)).toBe(true);
    expect(losses.slice(k).every((f) => f > LEVEL)).toBe(true);
    expect(out.nit).toBe(k + DIVERGENCE_WINDOW - 1);
    expect(nullPaths(out)).toEqual([]);
  });

  it('train sgd lr=10 (issue 8) reports the divergence and no nulls', async () => {
    const { code, stdout } = await runCli(['train', '--problem', SPIRAL, '--optimizer', 'sgd', '--set', 'lr=10', '--backend', 'cpu']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.reason).toMatch(/^diverged at step \d+$/);
    expect(out.f).toBeGreaterThan(LEVEL);
    expect(nullPaths(out)).toEqual([]);
  });
});

describe('unbounded and overflowing runs print no nulls', () => {
  it('Newton on the saddle: "unbounded below at iteration k" with its last finite record', async () => {
    const { code, stdout } = await runCli(['optimize', '--problem', 'saddle', '--optimizer', 'newton', '--steps', '1000']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.reason).toBe(`unbounded below at iteration ${out.nit}`);
    // f = x^2 - y^2 at the last record, against the start's f0 = 1 - 1e-16.
    const [x, y] = out.x;
    expect(out.f).toBe(x * x - y * y);
    expect(out.f).toBeLessThan(1 - 1e6 * 2);
    expect(nullPaths(out)).toEqual([]);
  });

  it('spectrum with its density, and the optimizer list, print no nulls', async () => {
    for (const argv of [
      ['spectrum', '--problem', SPIRAL, '--backend', 'cpu', '--k', '1', '--which', 'top', '--tol', '1e-3', '--trace', 'hutchinson', '--probes', '2', '--density', '--density-runs', '1', '--density-probes', '2', '--density-steps', '10'],
      ['optimizers'],
    ]) {
      const { code, stdout } = await runCli(argv);
      expect(code).toBe(0);
      expect(nullPaths(JSON.parse(stdout))).toEqual([]);
    }
  });

  it('a surface over the widest span allowed prints numbers or named non-finite values, never null', async () => {
    const { code, stdout } = await runCli(['surface', '--problem', SPIRAL, '--backend', 'cpu', '--grid', '5', '--span', '1000']);
    expect(code).toBe(0);
    expect(nullPaths(JSON.parse(stdout))).toEqual([]);
  });
});
