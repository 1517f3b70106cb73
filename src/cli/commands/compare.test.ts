import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, runCli as run } from '../../../test/helpers';

const SPIRAL = fixturePath('spiral-tanh-ce.json');

/** Hessian-free on the Hessian and on the Gauss-Newton matrix in one comparison (Martens 2010, "Deep learning via Hessian-free optimization"). */
describe('curvscape compare', () => {
  it('runs the same optimizer twice with different curvature on a network fixture, each with its own counts', async () => {
    const { code, stdout, stderr } = await run(['compare', '--problem', SPIRAL, '--entry', 'hessian-free:curvature=hessian', '--entry', 'hessian-free:curvature=gauss-newton', '--steps', '3', '--backend', 'cpu', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { runs: { entry: string; label: string; optimizer: string; hyper_params: Record<string, unknown>; nhvp: number; nggnvp: number; nit: number; f: number; records: { loss: number }[] }[] };
    expect(out.runs.map((r) => [r.entry, r.label])).toEqual([
      ['hessian-free', 'Hessian-free (Hessian)'],
      ['hessian-free~2', 'Hessian-free (GGN)'],
    ]);
    const [h, g] = out.runs;
    expect([h.hyper_params.curvature, g.hyper_params.curvature]).toEqual(['hessian', 'gauss-newton']);
    // each run counts only its own products: H spends Hessian-vector products, G Gauss-Newton products
    expect(h.nhvp).toBeGreaterThan(0);
    expect(h.nggnvp).toBe(0);
    expect(g.nggnvp).toBeGreaterThan(0);
    expect(g.nhvp).toBe(0);
    // the same start: the fixture's parameters, where its reference loss was computed (float32 passes: 4 digits)
    const reference = (JSON.parse(readFileSync(SPIRAL, 'utf8')) as { reference: { loss: number } }).reference.loss;
    expect(h.records[0].loss).toBe(g.records[0].loss);
    expect(h.records[0].loss).toBeCloseTo(reference, 4);
    for (const r of out.runs) expect(r.f).toBeLessThan(r.records[0].loss);
  }, 120_000);

  it('on a 2-D function keeps a lone entry\'s plain label and reports a bad entry setting as usage, naming the entry', async () => {
    const ok = JSON.parse((await run(['compare', '--problem', 'rosenbrock', '--entry', 'newton', '--entry', 'sgd:lr=0.001', '--steps', '5', '--json'])).stdout) as { runs: { label: string; x: number[] }[] };
    expect(ok.runs.map((r) => r.label)).toEqual(['Newton (damped)', 'Gradient descent']);
    const bad = await run(['compare', '--problem', 'rosenbrock', '--entry', 'hessian-free:curvature=fisher', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^curvscape: --entry "hessian-free:curvature=fisher": .*"curvature" must be one of gauss-newton, hessian/);
    const unknown = await run(['compare', '--problem', 'rosenbrock', '--entry', 'rmsprop', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown optimizer "rmsprop"/);
  });
});
