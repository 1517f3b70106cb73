/**
 * Max pooling, window = stride = size, no padding. Piecewise linear: y = S x with S selecting each
 * window's maximum (the first one on ties, as PyTorch), so R{y} = S R{x}, dL/dx = S^T g and the
 * reverse pass's R-operator is S^T R{g}. S is kept as one mask per window entry (a, b): the entry's
 * strided slice of the image is already in the output's layout, so S r is a sum of `area` masked
 * slices and S^T g interleaves `area` masked copies of g, all elementwise. Reductions over the
 * window axis (a Sum or Max per output) ran one WebGPU workgroup per output, 126 s of a 46 s batched
 * product of the digits CNN on SwiftShader before.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode, PoolSpec } from '../../core/problem/model';
import type { LayerPass, RTensor } from './types';
import { windowEntry } from './windows';

interface MaxPoolState {
  /** Per window entry, in (a, b) row-major order: 1 where that entry is its window's first maximum, [N, outputs]. */
  masks: tf.Tensor2D[];
}

export function maxpoolPass(node: LayerNode): LayerPass<MaxPoolState> {
  const [H, W, C] = node.inShape;
  const { size } = node.spec as PoolSpec;
  const Ho = Math.floor(H / size);
  const Wo = Math.floor(W / size);
  const outputs = Ho * Wo * C;
  const inputs = H * W * C;
  const offsets: [number, number][] = [];
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) offsets.push([a, b]);
  /** Window entry (a, b) of every output, [R, outputs] for x [R, inputs]. */
  const entry = (x: tf.Tensor, [a, b]: [number, number]): tf.Tensor2D => {
    const image = tf.reshape(x, [-1, H, W, C]) as tf.Tensor4D;
    return tf.reshape(windowEntry(image, a, b, Ho, Wo, size), [-1, outputs]);
  };
  /** S r for r [K, N, inputs] (the masks broadcast over the K directions). */
  const select = (masks: tf.Tensor2D[], r: RTensor): RTensor => {
    const [k, n] = r.shape;
    const picked = offsets.map((o, i) => tf.mul(tf.reshape(entry(r, o), [k, n, outputs]), masks[i]));
    return picked.reduce((acc, t) => tf.add(acc, t)) as RTensor;
  };
  /** S^T g for g [N, outputs] or [K, N, outputs]: each entry's masked copy of g put back where it came from. */
  const spread = (masks: tf.Tensor2D[], g: tf.Tensor): tf.Tensor => {
    const lead = g.shape.slice(0, -1);
    const copy = (i: number): tf.Tensor => tf.reshape(tf.mul(g, masks[i]), [-1, Ho, Wo, C]);
    // Entries (a, 0..size-1) side by side along a new axis after Wo, then the rows a along one after Ho:
    // [R, Ho, size, Wo, size, C] is the tiled [R, Ho size, Wo size, C] image.
    const rowsOf = (a: number): tf.Tensor => tf.stack(offsets.slice(a * size, (a + 1) * size).map((_, b) => copy(a * size + b)), 3);
    const tiled = tf.reshape(tf.stack(Array.from({ length: size }, (_, a) => rowsOf(a)), 2), [-1, Ho * size, Wo * size, C]);
    const image = Ho * size === H && Wo * size === W ? tiled : tf.pad(tiled, [[0, 0], [0, H - Ho * size], [0, W - Wo * size], [0, 0]]);
    return tf.reshape(image, [...lead, inputs]);
  };
  return {
    forward(x) {
      const top = tf.reshape(tf.maxPool(tf.reshape(x, [-1, H, W, C]) as tf.Tensor4D, size, size, 'valid'), [-1, outputs]) as tf.Tensor2D;
      // The first entry equal to its window's maximum: step(top - e) is 0 exactly at the maxima, and
      // `seen` marks windows whose maximum an earlier entry already took.
      const masks: tf.Tensor2D[] = [];
      let seen: tf.Tensor | null = null;
      for (const o of offsets) {
        const isMax = tf.sub(1, tf.step(tf.sub(top, entry(x, o))));
        const m = (seen ? tf.mul(isMax, tf.sub(1, seen)) : isMax) as tf.Tensor2D;
        masks.push(m);
        seen = seen ? tf.add(seen, m) : m;
      }
      return { y: top, state: { masks } };
    },
    jvp: ({ masks }, rx) => (rx ? select(masks, rx) : null),
    vjp: ({ masks }, gy, _w, needInput) => ({ gx: needInput ? (spread(masks, gy) as tf.Tensor2D) : null, gp: [] }),
    rvjp: ({ masks }, _gy, rgy, _rx, _w, _v, needInput) => ({ gx: needInput ? (spread(masks, rgy) as RTensor) : null, gp: [] }),
    dispose() {},
  };
}
