import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelLayout, type LayerSpec } from '../../core/problem/model';
import { setBackend } from '../backend';
import { LAYER_PASSES } from './registry';
import { windowEntry } from './windows';

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

  // [H, W, C, stride, a, b, Ho, Wo]: stride-1 conv taps (one and three channels), 2x2 pooling entries
  // on an image the windows tile and on one with a spare row and column, and a stride-2 tap whose
  // windows run past the image (the strided-slice fallback)
  it.each([
    [10, 10, 1, 1, 2, 1, 8, 8],
    [6, 7, 3, 1, 1, 2, 4, 5],
    [8, 8, 4, 2, 1, 1, 4, 4],
    [5, 7, 2, 2, 1, 0, 2, 3],
    [7, 7, 2, 2, 2, 2, 3, 3],
  ] as const)('window entry of a %ix%ix%i image at stride %i, offset (%i, %i), equals tf.stridedSlice', async (H, W, C, s, a, b, Ho, Wo) => {
    const x = tf.randomNormal([3, H, W, C], 0, 1, 'float32', 5) as tf.Tensor4D;
    const want = tf.stridedSlice(x, [0, a, b, 0], [3, a + (Ho - 1) * s + 1, b + (Wo - 1) * s + 1, C], [1, s, s, 1]);
    const got = windowEntry(x, a, b, Ho, Wo, s);
    expect(got.shape).toEqual([3, Ho, Wo, C]);
    expect(await maxDiff(got, want)).toBe(0);
  });
});
