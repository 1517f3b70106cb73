import { beforeAll, describe, expect, test } from 'vitest';
import { getModelPreset } from '../core/problem/model-presets';
import type { Problem } from '../core/problem/problem';
import { readDigits } from '../data/digits/read-node';
import { setBackend } from '../engine/backend';
import { createModelObjective } from '../engine/model-objective';
import { denseModel } from '../core/problem/model';
import { defaultDatasetSpec, defaultModelSpec } from '../state/problem-spec';
import { Generations } from './generations';
import { loadModelProblem } from './model-problem';
import { loadNetworkProblem } from './network-problem';
import { createNetworkApi } from './network-analysis';
import { RunStore } from './run-store';

/** Share of rows whose largest logit is their label, counted here from the network's outputs. */
async function countRight(problem: Problem, w: Float64Array): Promise<number> {
  const f = createModelObjective(problem);
  const z = await f.outputs(w);
  f.dispose();
  const labels = problem.y as number[];
  let right = 0;
  labels.forEach((label, i) => {
    const row = Array.from(z.subarray(i * 10, i * 10 + 10));
    if (row.indexOf(Math.max(...row)) === label) right++;
  });
  return right / labels.length;
}

describe('a training run on a digits model reports accuracy beside its curvature', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  test('train and test accuracy at the last step are the argmax counts of the trained network on 60 training and the 451 test rows', async () => {
    const spec = { ...defaultModelSpec(), inputShape: [64], examples: 60, model: getModelPreset('mlp').layers };
    const loaded = await loadModelProblem(spec, undefined, async () => readDigits());
    const runs = new RunStore();
    const api = createNetworkApi({ loaded: () => loaded, runs, generations: new Generations() });
    const summary = await api.trainCurvature({ id: 't', generation: 1, optimizer: 'sgd', hyperParams: { lr: 0.5 }, steps: 6, every: 6, traceProbes: 2, lanczosTol: 1e-4, seed: 0 }, () => undefined);
    const iterates = runs.training('t', loaded)!;
    const last = iterates[iterates.length - 1];
    expect(summary.testRows).toBe(451);
    expect(summary.trainAccuracy).toBe(await countRight(loaded.network!.problem, last));
    expect(summary.testAccuracy).toBe(await countRight(loaded.network!.test!, last));
    // six steps of gradient descent lower the training loss, and the held-out loss is a positive cross-entropy
    expect(summary.losses[6]).toBeLessThan(summary.losses[0]);
    expect(summary.testLoss).toBeGreaterThan(0);
  }, 120_000);
});

describe('a training run on a built-in 2-D dataset reports held-out loss and accuracy too', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  test('xor: the held-out draw has as many new points; test accuracy is the count of logits on the right side of 0', async () => {
    const spec = defaultDatasetSpec('xor');
    const loaded = await loadNetworkProblem(spec);
    const { problem, test: held } = loaded.network!;
    expect(held!.X.length).toBe(spec.n);
    expect(held!.X.some((x, i) => x[0] !== problem.X[i][0] || x[1] !== problem.X[i][1])).toBe(true);
    const runs = new RunStore();
    const api = createNetworkApi({ loaded: () => loaded, runs, generations: new Generations() });
    const summary = await api.trainCurvature({ id: 'x', generation: 1, optimizer: 'adam', hyperParams: { lr: 0.05 }, steps: 40, every: 40, traceProbes: 2, lanczosTol: 1e-4, seed: 0 }, () => undefined);
    const iterates = runs.training('x', loaded)!;
    const last = iterates[iterates.length - 1];
    const f = createModelObjective({ ...held!, inputShape: [2], model: denseModel(held!.layers, held!.activation) });
    const z = await f.outputs(last);
    f.dispose();
    const labels = held!.y as number[];
    const right = labels.filter((label, i) => (z[i] > 0 ? 1 : 0) === label).length;
    expect(summary.testRows).toBe(spec.n);
    expect(summary.testAccuracy).toBe(right / labels.length);
    // binary cross-entropy of the held-out rows, from the logits: mean of softplus(z) - y z
    const bce = labels.reduce((s, y, i) => s + Math.max(z[i], 0) + Math.log1p(Math.exp(-Math.abs(z[i]))) - y * z[i], 0) / labels.length;
    expect(Math.abs(summary.testLoss! - bce)).toBeLessThan(1e-5 * Math.max(1, bce));
  }, 120_000);
});
