/** Global average pooling: the mean over H and W of each channel, [.., H*W*C] -> [.., C]; linear. */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import type { LayerPass, RTensor } from './types';

export function globalAvgpoolPass(node: LayerNode): LayerPass<null> {
  const [H, W, C] = node.inShape;
  const lead = (t: tf.Tensor): number[] => t.shape.slice(0, -1);
  const pool = <T extends tf.Tensor>(x: T): T => tf.mean(tf.reshape(x, [...lead(x), H * W, C]), -2) as T;
  const back = <T extends tf.Tensor>(g: T): T =>
    tf.reshape(tf.mul(tf.reshape(g, [...lead(g), 1, C]), tf.fill([H * W, 1], 1 / (H * W))), [...lead(g), H * W * C]) as T;
  return {
    forward: (x) => ({ y: pool(x), state: null }),
    jvp: (_s, rx) => (rx ? pool<RTensor>(rx) : null),
    vjp: (_s, gy, _w, needInput) => ({ gx: needInput ? back(gy) : null, gp: [] }),
    rvjp: (_s, _gy, rgy, _rx, _w, _v, needInput) => ({ gx: needInput ? back<RTensor>(rgy) : null, gp: [] }),
    dispose() {},
  };
}
