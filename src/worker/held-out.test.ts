import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from '../engine/backend';
import type { Problem } from '../core/problem/problem';
import { heldOutMetrics } from './held-out';

/** Softmax cross-entropy of one row of logits against its label, in float64: log sum exp(z) - z_y. */
const ce = (z: number[], y: number): number => Math.log(z.reduce((s, v) => s + Math.exp(v), 0)) - z[y];

describe('accuracy beside training', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  // One dense layer with W = I and b = 0: the logits are the inputs, so the predicted class of a row is its larger entry.
  const base: Problem = {
    name: 'identity',
    layers: [2, 2],
    activation: 'relu',
    loss: 'softmax_cross_entropy',
    weightDecay: 0.5,
    X: [[3, 0], [0, 2]],
    y: [0, 0],
    params: Float64Array.of(1, 0, 0, 1, 0, 0),
    inputShape: [2],
    model: [{ type: 'dense', units: 2 }],
  };
  const testX = [[1, 0], [0, 1], [2, 1], [0, 3]];
  const testY = [0, 1, 1, 1];

  it('counts argmax against the labels: train 1 of 2, test 3 of 4 (row [2, 1] labelled 1 is wrong), and the test loss is the mean cross-entropy without decay', async () => {
    const m = await heldOutMetrics(base, { ...base, X: testX, y: testY }, base.params);
    expect(m.trainAccuracy).toBe(1 / 2);
    expect(m.testAccuracy).toBe(3 / 4);
    expect(m.testRows).toBe(4);
    const expected = testX.reduce((s, z, i) => s + ce(z, testY[i]), 0) / testX.length;
    expect(m.testLoss).toBeCloseTo(expected, 6);
  }, 60_000);

  it('reads a layers + activation network as its dense layer list: the same identity weights give the same train accuracy, and no test fields without held-out rows', async () => {
    const { inputShape: _s, model: _m, ...dense } = base;
    const m = await heldOutMetrics(dense, undefined, base.params);
    expect(m).toEqual({ trainAccuracy: 1 / 2 });
  }, 60_000);
});
