/**
 * The model objective keeps the weights' tensors and the forward pass of its last single HVP's point
 * (model-objective.ts, forwardAt): products at that point must stay the fixture's, a point changed
 * in place must not reuse them, and dispose frees them.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProblemText } from '../core/problem/parse';
import { FIXTURES_DIR, relErr } from '../../test/fixtures';
import { setBackend } from './backend';
import { createModelObjective } from './model-objective';

const problem = parseProblemText(readFileSync(join(FIXTURES_DIR, 'models', 'digits-resmlp-tanh-ce.json'), 'utf8'));
/** The fixtures README's tolerance for a float32 engine. */
const TOL = 1e-4;

describe.each(['cpu', 'wasm'] as const)('model objective HVPs at a kept point on %s', (backend) => {
  it('repeats the fixture HVP, follows a point moved in place, and frees what it kept', async () => {
    expect(await setBackend(backend)).toBe(backend);
    const { v, Hv } = problem.reference!.hvpProbe!;
    const atStart = tf.memory().numTensors;
    const f = createModelObjective(problem);
    const w = Float64Array.from(problem.params);
    const first = await f.hvp(w, v);
    expect(relErr(first, Hv)).toBeLessThan(TOL);
    const kept = tf.memory().numTensors;
    expect(relErr(await f.hvp(w, v), Hv)).toBeLessThan(TOL);
    expect(tf.memory().numTensors).toBe(kept);

    for (let i = 0; i < w.length; i++) w[i] += 0.05 * Math.sin(i);
    const moved = await f.hvp(w, v);
    const fresh = createModelObjective(problem);
    const expected = await fresh.hvp(w, v);
    fresh.dispose();
    expect(moved).toEqual(expected);
    // The move changes the product well beyond the tolerance: a stale forward pass would fail above.
    expect(relErr(first, expected)).toBeGreaterThan(100 * TOL);
    expect(tf.memory().numTensors).toBe(kept);

    expect(relErr(await f.hvp(Float64Array.from(problem.params), v), Hv)).toBeLessThan(TOL);
    f.dispose();
    expect(tf.memory().numTensors).toBe(atStart);
  });
});
