import { beforeAll, describe, expect, it } from 'vitest';
import { confidentLinearProblem } from '../core/reference/confident-problems';
import { linearModelReference } from '../core/reference/linear-model';
import { createRng, randomNormalVector } from '../core/random';
import type { Problem } from '../core/problem/problem';
import { setBackend } from './backend';
import { createNetworkObjective } from './mlp-objective';
import { evaluateSurface } from './surface-grid';
import { relErr } from '../../test/fixtures';

/**
 * Networks linear in their parameters at confident points (margins 12 (4 for the small one) to 30 logits, as in issue 13's
 * binary cross-entropy minimum), against the float64 closed forms of src/core/reference.
 */
const PROBLEMS: Problem[] = [
  confidentLinearProblem({ classes: 1, inputs: 6, rows: 200, minMargin: 12, seed: 11 }),
  confidentLinearProblem({ classes: 10, inputs: 6, rows: 200, minMargin: 12, seed: 12, weightDecay: 1e-12 }),
  { ...confidentLinearProblem({ classes: 4, inputs: 3, rows: 100, minMargin: 4, seed: 13 }), name: 'confident-softmax-4' },
];

const TOL = 1e-4;
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe.each(['cpu', 'wasm'] as const)('loss heads at confident points on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  describe.each(PROBLEMS.map((p) => [p.name, p] as const))('%s', (_, p) => {
    const ref = linearModelReference(p);
    const v = randomNormalVector(p.params.length, createRng(5));

    it.each(['rop', 'double-backprop'] as const)('loss, gradient and Hv within 1e-4 of float64 (%s)', async (hvpMode) => {
      const f = createNetworkObjective(p, { hvpMode });
      try {
        const { value, grad } = await f.valueAndGrad(p.params);
        expect(rel(value, ref.loss)).toBeLessThan(TOL);
        expect(rel(await f.value(p.params), ref.loss)).toBeLessThan(TOL);
        expect(relErr(grad, ref.grad)).toBeLessThan(TOL);
        expect(relErr(await f.hvp(p.params, v), ref.hvp(v))).toBeLessThan(TOL);
      } finally {
        f.dispose();
      }
    });

    it('the batched surface at the plane centre equals the loss', async () => {
      const rng = createRng(9);
      const d1 = randomNormalVector(p.params.length, rng);
      const d2 = randomNormalVector(p.params.length, rng);
      const [[centre]] = await evaluateSurface(p, p.params, d1, d2, [0], [0]);
      expect(rel(centre, ref.loss)).toBeLessThan(TOL);
    });
  });

  it('the surface redoes a batch whose logits overflow the label-shifted form, with the max shift', async () => {
    const p = PROBLEMS[1];
    // Ten rows labelled wrongly: along d1 = params the logits grow five-fold, so wrong ones exceed the label by >88.
    const y = (p.y as number[]).map((label, i) => (i < 10 ? (label + 1) % 10 : label));
    const wrong: Problem = { ...p, y };
    const zero = new Float64Array(p.params.length);
    const [row] = await evaluateSurface(wrong, p.params, p.params, zero, [0, 4], [0]);
    [0, 4].forEach((a, i) => {
      const ref = linearModelReference({ ...wrong, params: p.params.map((w) => (1 + a) * w) }).loss;
      expect(rel(row[i], ref)).toBeLessThan(TOL);
    });
  });
});
