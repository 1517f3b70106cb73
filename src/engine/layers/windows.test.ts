import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelLayout, type LayerSpec } from '../../core/problem/model';
import { setBackend } from '../backend';
import { LAYER_PASSES } from './registry';

/** Largest |a - b| over two tensors' values. */
async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = [await a.data(), await b.data()];
  return Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i])));
}

describe.each(['cpu', 'wasm'] as const)('pooling windows against TF.js kernels on %s', (backend) => {
  beforeAll(async () => {
    await setBackend(backend);
  });

  it.each([
    ['maxpool', 8, 8],
    ['maxpool', 5, 7],
    ['avgpool', 6, 4],
    ['avgpool', 5, 5],
  ] as const)('%s over %ix%i (tiled by reshape, or gathered when the window does not tile) equals tf.%s', async (type, H, W) => {
    const spec: LayerSpec = { type, size: 2 };
    const node = modelLayout([spec, { type: 'flatten' }], [H, W, 3]).nodes[0];
    const pass = LAYER_PASSES[type](node, { n: 2, build: () => LAYER_PASSES.flatten(node, { n: 2, build: () => { throw new Error('unused'); } }) });
    const x = tf.randomNormal([2, H, W, 3], 0, 1, 'float32', 3);
    const want = type === 'maxpool' ? tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid') : tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid');
    const { y } = pass.forward(tf.reshape(x, [2, -1]), { get: () => { throw new Error('no parameters'); } });
    expect(y.size).toBe(want.size);
    expect(await maxDiff(y, want)).toBeLessThan(1e-6);
    pass.dispose();
  });
});
