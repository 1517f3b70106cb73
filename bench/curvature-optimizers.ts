/**
 * The cost of the curvature matrices and of the optimizers that live on them, per fixture and
 * backend: median ms of one gradient, Hessian product, Gauss-Newton product, empirical-Fisher
 * product and K-FAC factor pass; then 50 steps of each curvature optimizer from the fixture's
 * point with defaults: final loss, ms per step and the products spent. Figures, not tests.
 * Run alone with `npx tsx bench/curvature-optimizers.ts [wasm|cpu ...]`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getOptimizer } from '../src/core/optim/registry';
import { runOptimizer } from '../src/core/optim/run';
import { parseProblemText } from '../src/core/problem/parse';
import { setBackend } from '../src/engine/backend';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { fmt, medianMs, printTable } from './timing';

const FIXTURES = join(resolve(process.env.CURVSCAPE_SHARED ?? '../shared'), 'fixtures');
const OPTIMIZERS = ['adam', 'hessian-free', 'levenberg-marquardt', 'natural-gradient', 'kfac', 'shampoo', 'sophia'];
const STEPS = 50;

export async function benchCurvatureOptimizers(backends: readonly string[] = ['wasm', 'cpu']): Promise<void> {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
  const callRows: string[][] = [];
  const runRows: string[][] = [];
  for (const backend of backends) {
    await setBackend(backend as 'wasm' | 'cpu');
    for (const file of files) {
      const problem = parseProblemText(readFileSync(join(FIXTURES, file), 'utf8'));
      const f = createNetworkObjective(problem);
      const w = problem.params;
      const v = problem.reference?.hvpProbe?.v ?? new Float64Array(f.dim).fill(1);
      const reps = backend === 'cpu' ? 10 : 30;
      const grad = await medianMs(() => f.valueAndGrad(w), reps);
      const hvp = await medianMs(() => f.hvp(w, v), reps);
      const ggnvp = await medianMs(() => f.ggnvp!(w, v), reps);
      const efvp = await medianMs(() => f.empiricalFisherVp!(w, v), reps);
      const kfac = await medianMs(() => f.kfacFactors!(w), reps);
      callRows.push([problem.name, backend, String(f.dim), fmt(grad), fmt(hvp), fmt(ggnvp), fmt(efvp), fmt(kfac)]);
      f.dispose();
      for (const name of OPTIMIZERS) {
        const g = createNetworkObjective(problem);
        const t0 = performance.now();
        const res = await runOptimizer(getOptimizer(name), g, w, { maxIter: STEPS, gtol: 0 });
        const ms = performance.now() - t0;
        const c = g.counts;
        runRows.push([problem.name, backend, name, fmt(res.records[0].loss), fmt(res.f), fmt(ms / Math.max(1, res.nit)), String(c.gradients), String(c.hvps), String(c.ggnvps), String(c.kfacFactors)]);
        g.dispose();
      }
    }
  }
  console.log('\nCurvature products (median ms per call)');
  printTable(['fixture', 'backend', 'P', 'grad', 'hvp', 'ggnvp', 'efvp', 'kfac factors'], callRows);
  console.log(`\n${STEPS} steps with defaults: loss, ms per step, products spent`);
  printTable(['fixture', 'backend', 'optimizer', 'f0', 'f50', 'ms/step', 'grads', 'hvps', 'ggnvps', 'kfac'], runRows);
}

if (process.argv[1]?.endsWith('curvature-optimizers.ts')) {
  const requested = process.argv.slice(2);
  await benchCurvatureOptimizers(requested.length ? requested : ['wasm', 'cpu']);
}
