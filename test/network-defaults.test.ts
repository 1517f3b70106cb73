import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from '../src/core/linalg/symmetric-eigen';
import { OPTIMIZERS, resolveHyperParams } from '../src/core/optim/registry';
import { runOptimizer } from '../src/core/optim/run';
import type { Problem } from '../src/core/problem/problem';
import { setBackend } from '../src/engine/backend';
import { buildProblem } from '../src/engine/datasets';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { DEFAULT_NETWORK_SETTINGS } from '../src/state/network-slice';
import { DATASETS, defaultDatasetSpec, type DatasetName } from '../src/state/problem-spec';

/**
 * A newcomer's defaults on the built-in datasets (issue 9): the network each dataset opens with,
 * every optimizer at its default hyper-parameters, on wasm in float32.
 *
 * Criterion: the loss after STEPS = 50 steps is at most 0.95 of the initial loss (a run of 50
 * steps keeps the suite within the two cores it has; in 100 steps BFGS on the spiral reaches
 * 0.85 and Newton 0.64 of the initial loss, measured). The fixed-step
 * first-order methods share one learning-rate default with the 2-D functions, where Rosenbrock's
 * Hessian at the start has lambda_max ~ 1506 and so needs lr < 2/1506 = 1.3e-3; the networks'
 * lambda_max at init is ~1 (below), so lr = 1e-3 barely moves them. Those pairs (measured in
 * 100 steps: gradient descent on the spiral 0.999 of its initial loss, on circles 1.000) are
 * held only to lowering the loss at all, until the registry carries a per-problem default.
 */
const STEPS = 50;
const DROP = 0.95;
const FIXED_STEP = new Set(['sgd', 'momentum', 'nesterov', 'sam', 'pgd']);
/** Adaptive methods whose default step moves the spiral too slowly for DROP in STEPS steps (Adam: 0.95 of the initial loss in 100, measured). */
const SLOW_ON_SPIRAL = new Set(['adam', 'adahessian', 'shampoo', 'sophia']);

function defaultProblem(dataset: DatasetName): Problem {
  const spec = defaultDatasetSpec(dataset);
  // output width as the app builds it (worker/problem-objective.ts)
  const out = spec.loss !== 'softmax_cross_entropy' ? 1 : dataset === 'spiral' || dataset === 'gaussians' ? 3 : 2;
  return buildProblem({
    dataset,
    n: spec.n,
    noise: spec.noise,
    seed: spec.seed,
    layers: [dataset === 'sine' ? 1 : 2, ...spec.hidden, out],
    activation: spec.activation,
    loss: spec.loss,
    weightDecay: spec.weightDecay,
    initSeed: spec.initSeed,
  });
}

beforeAll(async () => {
  await setBackend('wasm');
});

describe('Network mode: the default step size is stable at the start', () => {
  // gradient descent on a quadratic is stable iff lr < 2 / lambda_max (Cohen et al. 2021)
  it.each(['spiral', 'circles', 'xor', 'gaussians'] as const)('%s: lr below 2 / lambda_max of the dense Hessian at init', async (dataset) => {
    const problem = defaultProblem(dataset);
    const objective = createNetworkObjective(problem);
    try {
      const h = await objective.hessian!(problem.params);
      const { values } = symmetricEigen(h, problem.params.length);
      const lambdaMax = values[values.length - 1];
      expect(lambdaMax).toBeGreaterThan(0);
      expect(DEFAULT_NETWORK_SETTINGS.lr).toBeLessThan(2 / lambdaMax);
    } finally {
      objective.dispose();
    }
  });
});

describe('every optimizer at its defaults lowers the loss on every built-in dataset', () => {
  for (const dataset of DATASETS) {
    const problem = defaultProblem(dataset);
    for (const opt of OPTIMIZERS) {
      it(`${opt.name} on ${dataset}`, { timeout: 120_000 }, async () => {
        const objective = createNetworkObjective(problem);
        try {
          const r = await runOptimizer(opt, objective, problem.params, { maxIter: STEPS, gtol: 1e-10, hp: resolveHyperParams(opt, {}), project: () => [] });
          const f0 = r.records[0].loss;
          expect(Number.isFinite(r.f)).toBe(true);
          if (FIXED_STEP.has(opt.name) || (dataset === 'spiral' && SLOW_ON_SPIRAL.has(opt.name))) expect(r.f).toBeLessThan(f0);
          else expect(r.f).toBeLessThanOrEqual(DROP * f0);
        } finally {
          objective.dispose();
        }
      });
    }
  }
});
