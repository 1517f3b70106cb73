import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIMIZERS } from '../src/core/optim/registry';
import { runOptimizer } from '../src/core/optim/run';
import { resolveHyperParams } from '../src/core/optim/registry';
import { parseProblemText } from '../src/core/problem/parse';
import { createNetworkObjective } from '../src/engine/mlp-objective';
import { setBackend } from '../src/engine/backend';
import { FIXTURES_DIR } from './helpers';

const FIXTURES = FIXTURES_DIR;
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();

describe('every optimizer on every network fixture (issue 3: lowers the loss in 50 steps with defaults)', () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });

  for (const file of files) {
    const problem = parseProblemText(readFileSync(join(FIXTURES, file), 'utf8'));
    for (const opt of OPTIMIZERS) {
      it(`${opt.name} on ${problem.name}`, async () => {
        const objective = createNetworkObjective(problem);
        try {
          const result = await runOptimizer(opt, objective, problem.params, {
            maxIter: 50,
            gtol: 1e-10,
            hp: resolveHyperParams(opt, {}),
            project: () => [],
          });
          const initial = result.records[0].loss;
          expect(initial).toBeCloseTo(problem.reference!.loss!, 4);
          expect(Number.isFinite(result.f)).toBe(true);
          expect(result.f).toBeLessThan(initial);
          expect(result.records.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.gradNorm))).toBe(true);
        } finally {
          objective.dispose();
        }
      });
    }
  }
});
