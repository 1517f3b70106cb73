import { describe, expect, it } from 'vitest';
import { functionObjective } from '../functions/objective';
import { TEST_FUNCTIONS } from '../functions/registry';
import { hasCapability } from './capabilities';
import { OPTIMIZERS, resolveHyperParams } from './registry';
import { runOptimizer } from './run';

/**
 * Every optimizer's default hyper-parameters on every 2-D test function, from the function's
 * default start, as a newcomer meets them (issue 9). Criterion for a function with a minimum:
 * the run closes at least 10% of the gap between the start's value and the lowest listed minimum
 * (a local minimum counts: Rastrigin and the six-hump camel have many). x^2 - y^2 and the monkey
 * saddle are unbounded below: there the run must lower the loss and end honestly, stopping before
 * its loss overflows and naming an unbounded descent as such.
 */
const STEPS = 200;
const UNBOUNDED = new Set(['saddle', 'monkey-saddle']);

describe('default hyper-parameters lower the loss on every 2-D function', () => {
  for (const fn of TEST_FUNCTIONS) {
    const start = Float64Array.from(fn.defaultStart);
    const f0 = fn.f(start[0], start[1]);
    const best = Math.min(...(fn.minima ?? []).map(([x, y]) => fn.f(x, y)));
    // K-FAC, Gauss-Newton and natural gradient need a network's outputs; they do not apply here
    for (const opt of OPTIMIZERS.filter((o) => (o.needs ?? []).every((c) => hasCapability(functionObjective(fn), c)))) {
      it(`${opt.name} on ${fn.name}`, async () => {
        const r = await runOptimizer(opt, functionObjective(fn), start, { maxIter: STEPS, gtol: 1e-10 });
        expect(r.records[0].loss).toBe(f0);
        // a run on a 2-D function takes the functions' defaults, not the networks' (ParamSpec.networkDefault)
        expect(r.hyperParams).toEqual(resolveHyperParams(opt, {}, 'function'));
        if (UNBOUNDED.has(fn.name)) {
          expect(r.f).toBeLessThan(f0);
          expect(r.records.every((rec) => rec.loss > -1e300)).toBe(true);
          if (r.f < f0 - 1e3 * (Math.abs(f0) + 1)) expect(r.reason).toMatch(/^(unbounded below at iteration \d+|max iterations)$/);
          return;
        }
        expect(Number.isFinite(best)).toBe(true);
        expect(r.f).toBeLessThanOrEqual(f0 - 0.1 * (f0 - best));
      });
    }
  }
});
