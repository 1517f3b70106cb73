/**
 * Damped Newton on each built-in dataset's default network, on wasm: its default on networks
 * (truncated CG on Hessian-vector products, ParamSpec.networkDefault) beside the dense-Hessian route
 * it takes on 2-D functions (issue 9: 21 s for the app's 500 steps on the 51-parameter spiral).
 * Loss after the steps as a fraction of the initial loss, wall time and products. Figures, not tests.
 * Run alone with `npx tsx bench/network-defaults.ts`.
 */
import { getOptimizer, resolveHyperParams } from '../src/core/optim/registry';
import { runOptimizer } from '../src/core/optim/run';
import { setBackend } from '../src/engine/backend';
import { buildProblem } from '../src/engine/datasets';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { DATASETS, defaultDatasetSpec } from '../src/state/problem-spec';
import { fmt, printTable } from './timing';

const STEPS = 100;

export async function benchNetworkDefaults(): Promise<void> {
  await setBackend('wasm');
  const newton = getOptimizer('newton');
  const rows: string[][] = [];
  for (const dataset of DATASETS) {
    const spec = defaultDatasetSpec(dataset);
    // output width as the app builds it (worker/network-problem.ts)
    const out = spec.loss !== 'softmax_cross_entropy' ? 1 : dataset === 'spiral' || dataset === 'gaussians' ? 3 : 2;
    const problem = buildProblem({ ...spec, layers: [dataset === 'sine' ? 1 : 2, ...spec.hidden, out] });
    for (const solver of ['cg', 'auto'] as const) {
      const f = createNetworkObjective(problem);
      const t0 = performance.now();
      const r = await runOptimizer(newton, f, problem.params, { maxIter: STEPS, gtol: 1e-10, hp: resolveHyperParams(newton, { solver }, 'network'), project: () => [] });
      const ms = performance.now() - t0;
      rows.push([dataset, String(f.dim), solver === 'cg' ? 'Newton-CG (default)' : 'dense Hessian', String(r.nit), (r.f / r.records[0].loss).toFixed(3), fmt(ms), String(r.nhvp), r.reason]);
      f.dispose();
    }
  }
  console.log(`\nDamped Newton on the default networks, ${STEPS} steps on wasm`);
  printTable(['dataset', 'P', 'route', 'steps', 'loss / initial', 'ms', 'hvps', 'stop'], rows);
}

if (process.argv[1]?.endsWith('network-defaults.ts')) void benchNetworkDefaults();
