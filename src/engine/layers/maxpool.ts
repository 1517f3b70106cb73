/**
 * Max pooling, window = stride = size, no padding. Piecewise linear: y = S x with S selecting each
 * window's maximum (the first one on ties, as PyTorch), so R{y} = S R{x}, dL/dx = S^T g and the
 * reverse pass's R-operator is S^T R{g}.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import { poolMaps } from './pool-common';
import type { LayerPass, RTensor } from './types';

interface MaxPoolState {
  /** One-hot of each window's argmax, [N*outputs, area]. */
  mask: tf.Tensor2D;
}

export function maxpoolPass(node: LayerNode): LayerPass<MaxPoolState> {
  const maps = poolMaps(node);
  /** S r for r [K, N, inputs] (the mask broadcast over the K directions). */
  const select = (mask: tf.Tensor2D, r: RTensor): RTensor => {
    const [k, n] = r.shape;
    return tf.reshape(tf.sum(tf.mul(tf.reshape(maps.windows(r), [k, -1, maps.area]), mask), 2), [k, n, maps.outputs]);
  };
  /** S^T g for g [N, outputs] or [K, N, outputs]. */
  const spread = (mask: tf.Tensor2D, g: tf.Tensor): tf.Tensor => {
    const lead = g.rank === 3 ? [g.shape[0]] : [];
    const perWindow = tf.mul(tf.reshape(g, [...lead, -1, 1]), mask);
    return tf.reshape(maps.scatter(perWindow), [...lead, ...g.shape.slice(lead.length, -1), maps.inputs]);
  };
  return {
    forward(x) {
      const win = maps.windows(x);
      const top = tf.max(win, 1, true);
      // The first entry equal to the window's maximum: where the running count of maxima first reaches 1.
      // step(top - x) is 0 exactly at the maxima (the wasm Equal kernel is slow when it broadcasts).
      const isMax = tf.sub(1, tf.step(tf.sub(top, win)));
      const mask = tf.mul(isMax, tf.sub(1, tf.step(tf.sub(tf.cumsum(isMax, 1), 1)))) as tf.Tensor2D;
      return { y: tf.reshape(top, [-1, maps.outputs]) as tf.Tensor2D, state: { mask } };
    },
    jvp: ({ mask }, rx) => (rx ? select(mask, rx) : null),
    vjp: ({ mask }, gy, _w, needInput) => ({ gx: needInput ? (spread(mask, gy) as tf.Tensor2D) : null, gp: [] }),
    rvjp: ({ mask }, _gy, rgy, _rx, _w, _v, needInput) => ({ gx: needInput ? (spread(mask, rgy) as RTensor) : null, gp: [] }),
    dispose: () => maps.dispose(),
  };
}
