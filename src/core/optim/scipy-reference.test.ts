import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { getTestFunction } from '../functions/registry';
import { getOptimizer } from './registry';
import { runOptimizer } from './run';

interface ScipyRun {
  function: string;
  start: [number, number];
  method: string;
  nit: number;
  x: [number, number];
}

const runs: ScipyRun[] = JSON.parse(readFileSync('/work/shared/reference/scipy-2d.json', 'utf8')).runs;

/** Ours against the scipy method it is measured by: no more than 10% more iterations. */
const PAIRS: [ours: string, scipy: string][] = [
  ['bfgs', 'BFGS'],
  ['lbfgs', 'L-BFGS-B'],
  ['newton', 'trust-exact'],
];

describe.each(PAIRS)('%s against scipy %s', (ours, method) => {
  const cases = runs.filter((r) => r.method === method);
  it('has reference runs', () => expect(cases.length).toBeGreaterThanOrEqual(8));

  it.each(cases.map((r) => [r.function, r.start.join(', '), r] as const))('%s from (%s)', async (_f, _s, ref) => {
    const res = await runOptimizer(getOptimizer(ours), functionObjective(getTestFunction(ref.function)), Float64Array.from(ref.start), {
      maxIter: 1000,
      gtol: 1e-6,
    });
    expect(res.reason).toBe('gtol met');
    expect(res.gradNorm).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(res.x[0] - ref.x[0])).toBeLessThan(1e-4);
    expect(Math.abs(res.x[1] - ref.x[1])).toBeLessThan(1e-4);
    expect(res.nit).toBeLessThanOrEqual(1.1 * ref.nit);
  });
});

it('the Rosenbrock (-1.2, 1) budgets are the ones the issue quotes', () => {
  const nit = (m: string): number | undefined => runs.find((r) => r.function === 'rosenbrock' && r.start[0] === -1.2 && r.method === m)?.nit;
  expect([nit('BFGS'), nit('L-BFGS-B'), nit('trust-exact')]).toEqual([33, 37, 25]);
});
