import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOptimizer } from '../src/core/optim/registry';
import { runOptimizer } from '../src/core/optim/run';
import type { RunResult } from '../src/core/optim/types';
import { parseProblemText } from '../src/core/problem/parse';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { setBackend } from '../src/engine/backend';
import { FIXTURES_DIR } from './fixtures';

const FIXTURES = FIXTURES_DIR;
const GTOL = 1e-5;
const MAX_STEPS = 300;

async function run(file: string, optimizer: string, maxIter: number, hp: Record<string, number | string> = {}): Promise<{ initial: number; result: RunResult }> {
  const problem = parseProblemText(readFileSync(join(FIXTURES, file), 'utf8'));
  const objective = createNetworkObjective(problem);
  try {
    const result = await runOptimizer(getOptimizer(optimizer), objective, problem.params, { maxIter, gtol: GTOL, project: () => [], hp });
    return { initial: result.records[0].loss, result };
  } finally {
    objective.dispose();
  }
}

// Measured on wasm (steps / HVPs / final f): circles 92 / 1556 / 3.5e-6, sine 250 / 7990 / 8.46e-3,
// spiral 28 / 377 / 8.4e-6, xor 46 / 1011 / 0.2301. Sine creeps down a flat, slightly indefinite
// valley until ||g|| dips under 1e-5; float32 rounding changes moved that between 212 and 268. L-BFGS in as many steps: circles and spiral
// meet gtol (f 6.3e-7, 8.5e-7), sine and xor do not (f 8.96e-3, 0.279).
// These figures are for Hessian curvature (issue 3's Hessian-free); Gauss-Newton, now the default,
// is held to lowering every fixture's loss in test/curvature-optimizers tests.
describe('Hessian-free on the Hessian converges on every network fixture (issue 3)', () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });

  it.each(['circles-relu-bce', 'sine-tanh-mse', 'spiral-tanh-ce', 'xor-sigmoid-ce-wd'])('%s: ||g|| <= 1e-5, loss no worse than L-BFGS', async (name) => {
    const hf = await run(`${name}.json`, 'hessian-free', MAX_STEPS, { curvature: 'hessian' });
    expect(hf.result.reason).toBe('gtol met');
    expect(hf.result.gradNorm).toBeLessThanOrEqual(GTOL);
    // The relative-progress rule ends CG far below Martens' cap of 250 products per step.
    expect(hf.result.nhvp).toBeLessThan(40 * hf.result.nit);
    const lbfgs = await run(`${name}.json`, 'lbfgs', hf.result.nit);
    // Slack of 1e-4 of the starting loss: where both reach gtol on a loss heading to 0, what is
    // left (HF 3.5e-6 and 8.4e-6 against L-BFGS's 6e-7 and 9e-7) is of the order of ||g||.
    expect(hf.result.f).toBeLessThanOrEqual(lbfgs.result.f + 1e-4 * hf.initial);
  });
});
