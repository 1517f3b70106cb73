import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from '../core/linalg/symmetric-eigen';
import { matVec } from '../core/linalg/vector';
import { parseProblem } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { setBackend } from './backend';
import { createNetworkObjective, probeGradient } from './mlp-objective';
import { FIXTURES_DIR, relErr } from '../../test/fixtures';

const FIXTURES = FIXTURES_DIR;
const problems: Problem[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => parseProblem(JSON.parse(readFileSync(`${FIXTURES}/${f}`, 'utf8'))));


const TOL = 1e-4;

describe.each(['cpu', 'wasm'] as const)('network objective on %s against the float64 fixtures', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  describe.each(problems.map((p) => [p.name, p] as const))('%s', (_, p) => {
    const ref = p.reference!;

    it.each(['rop', 'double-backprop'] as const)('loss, gradient and the HVP probe (%s)', async (hvpMode) => {
      const f = createNetworkObjective(p, { hvpMode });
      const { value, grad } = await f.valueAndGrad(p.params);
      expect(Math.abs(value - ref.loss!) / Math.abs(ref.loss!)).toBeLessThan(TOL);
      expect(Math.abs((await f.value(p.params)) - ref.loss!) / Math.abs(ref.loss!)).toBeLessThan(TOL);
      expect(relErr(grad, ref.grad!)).toBeLessThan(TOL);
      const hv = await f.hvp(p.params, ref.hvpProbe!.v);
      expect(relErr(hv, ref.hvpProbe!.Hv)).toBeLessThan(TOL);
      expect(f.counts).toEqual({ values: 2, gradients: 1, hvps: 1, ggnvps: 0, efvps: 0, kfacFactors: 0 });
      f.dispose();
    });

    it('dense Hessian: whole spectrum and trace', async () => {
      const f = createNetworkObjective(p);
      const H = await f.hessian!(p.params);
      expect(f.counts.hvps).toBe(f.dim);
      const { values } = symmetricEigen(H, f.dim);
      const expected = ref.eigenvaluesAscending!;
      const lambdaMax = Math.abs(expected[expected.length - 1]);
      let worst = 0;
      for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i] - expected[i]));
      expect(worst / lambdaMax).toBeLessThan(TOL);
      let trace = 0;
      for (let i = 0; i < f.dim; i++) trace += H[i * f.dim + i];
      expect(Math.abs(trace - ref.trace!) / Math.abs(ref.trace!)).toBeLessThan(TOL);
      // The dense matrix and the HVP route are the same operator.
      expect(relErr(matVec(H, f.dim, ref.hvpProbe!.v), ref.hvpProbe!.Hv)).toBeLessThan(TOL);
      f.dispose();
    });
  });

  it('does not leak tensors across calls', async () => {
    const p = problems.find((q) => q.name === 'spiral-tanh-ce')!;
    for (const hvpMode of ['rop', 'double-backprop'] as const) {
      const atStart = tf.memory().numTensors;
      const f = createNetworkObjective(p, { hvpMode, hessianChunk: 50 });
      await f.valueAndGrad(p.params);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        await f.value(p.params);
        await f.valueAndGrad(p.params);
        await f.hvp(p.params, ref(p).hvpProbe!.v);
      }
      expect(tf.memory().numTensors).toBe(before);
      // Chunks of 50 leave a remainder chunk of 21: both batch sizes run.
      if (hvpMode === 'rop') await f.hessian!(p.params);
      expect(tf.memory().numTensors).toBe(before);
      f.dispose();
      expect(tf.memory().numTensors).toBe(atStart);
    }
  });

  it('a mini-batch is the objective of the problem restricted to those rows', async () => {
    const p = problems.find((q) => q.name === 'xor-sigmoid-ce-wd')!;
    const rows = [5, 17, 3, 120, 64, 9, 150];
    const sub: Problem = { ...p, X: rows.map((i) => p.X[i]), y: rows.map((i) => (p.y as number[])[i]) };
    const batched = createNetworkObjective(p, { batch: rows });
    const whole = createNetworkObjective(sub);
    const a = await batched.valueAndGrad(p.params);
    const b = await whole.valueAndGrad(p.params);
    expect(Math.abs(a.value - b.value)).toBeLessThan(1e-6);
    expect(relErr(a.grad, b.grad)).toBeLessThan(1e-6);
    // and differs from the full-data objective
    expect(Math.abs(a.value - p.reference!.loss!)).toBeGreaterThan(1e-3);
    expect(relErr(await batched.hvp(p.params, ref(p).hvpProbe!.v), await whole.hvp(p.params, ref(p).hvpProbe!.v))).toBeLessThan(
      1e-6,
    );
    batched.dispose();
    whole.dispose();
  });

  // The fixtures cover tanh, relu and sigmoid; the other activations take the closed-form passes'
  // unfused path (softplus, gelu) and are checked against the independent tf.grad-of-tf.grad route.
  it.each(['softplus', 'gelu', 'relu', 'sigmoid'] as const)('%s network: closed-form passes agree with double backprop', async (activation) => {
    const base = problems.find((q) => q.name === 'spiral-tanh-ce')!;
    const p: Problem = { ...base, activation, weightDecay: 1e-3 };
    const rop = createNetworkObjective(p, { hessianChunk: 7 });
    const ad = createNetworkObjective(p, { hvpMode: 'double-backprop' });
    const a = await rop.valueAndGrad(p.params);
    const b = await ad.valueAndGrad(p.params);
    expect(Math.abs(a.value - b.value) / Math.abs(b.value)).toBeLessThan(1e-5);
    expect(relErr(a.grad, b.grad)).toBeLessThan(1e-4);
    const v = ref(base).hvpProbe!.v;
    const hv = await ad.hvp(p.params, v);
    expect(relErr(await rop.hvp(p.params, v), hv)).toBeLessThan(1e-4);
    // Chunks of 7 directions (K > 1, with a remainder chunk) give the same operator.
    const H = await rop.hessian!(p.params);
    expect(relErr(matVec(H, rop.dim, v), hv)).toBeLessThan(1e-4);
    rop.dispose();
    ad.dispose();
  });

  it('probeGradient runs one gradient and frees what it made', async () => {
    const before = tf.memory().numTensors;
    await probeGradient(problems[0])();
    expect(tf.memory().numTensors).toBe(before);
  });
});

function ref(p: Problem): NonNullable<Problem['reference']> {
  return p.reference!;
}
