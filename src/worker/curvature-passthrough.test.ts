import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { getOptimizer, resolveHyperParams } from '../core/optim/registry';
import { runOptimizer } from '../core/optim/run';
import { setBackend } from '../engine/backend';
import { loadProblem, type LoadedProblem } from './problem-objective';
import { gatedObjective, TurnScheduler } from './scheduler';
import { Slicer, slicedObjective } from './work-slices';

const FIXTURES = process.env.CURVSCAPE_FIXTURES ?? '/work/shared/fixtures';
const NAME = 'spiral-tanh-ce.json';
const text = readFileSync(`${FIXTURES}/${NAME}`, 'utf8');
const probe = JSON.parse(text).reference.ggn.probe as { v: number[]; Gv: number[] };

/**
 * The worker's wrappers (the explorer's turn-taking, the Network mode's slices) keep the objective's
 * curvature products, so the optimizers that need them (K-FAC: Martens & Grosse 2015) run in the app
 * and their products are counted on the records.
 */
describe("the worker's objective wrappers pass the Gauss-Newton product and K-FAC factors through (spiral, cpu)", () => {
  let loaded: LoadedProblem;
  beforeAll(async () => {
    await setBackend('cpu');
    loaded = await loadProblem({ kind: 'custom', name: NAME, source: 'problem-file' }, { source: 'problem-file', name: NAME, text });
  });

  test("G v through either wrapper is the fixture's probe", async () => {
    const w = Float64Array.from(loaded.network!.problem.params);
    const v = Float64Array.from(probe.v);
    const scale = Math.max(...probe.Gv.map(Math.abs));
    const inner = loaded.objective();
    const scheduler = new TurnScheduler(1, false);
    for (const wrapped of [gatedObjective(inner, scheduler, 0), slicedObjective(inner, new Slicer(() => false))]) {
      const gv = await wrapped.ggnvp!(w, v);
      gv.forEach((x, i) => expect(Math.abs(x - probe.Gv[i])).toBeLessThanOrEqual(1e-4 * scale));
      expect(wrapped.kfacFactors).toBeDefined();
      expect(wrapped.paramMatrices).toBe(inner.paramMatrices);
    }
  });

  test('K-FAC runs through the turn-taking wrapper: 4 steps at interval 2 spend 2 factor passes and 4 GGN products', async () => {
    const kfac = getOptimizer('kfac');
    const inner = loaded.objective();
    const scheduler = new TurnScheduler(1, false);
    const res = await runOptimizer(kfac, gatedObjective(inner, scheduler, 0), Float64Array.from(loaded.network!.problem.params), {
      maxIter: 4,
      gtol: 0,
      hp: { ...resolveHyperParams(kfac, { updateInterval: 2 }) },
      onRecord: () => scheduler.endTurn(0),
    });
    expect(res.nit).toBe(4);
    expect(res.records.at(-1)).toMatchObject({ nkfac: 2, nggnvp: 4 });
    expect(res.f).toBeLessThan(res.records[0].loss);
  });
});
