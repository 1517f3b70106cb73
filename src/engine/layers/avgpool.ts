/** Average pooling, window = stride = size, no padding: linear, so its R-operator passes are its own passes. */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import { poolMaps } from './pool-common';
import type { LayerPass, RTensor } from './types';

export function avgpoolPass(node: LayerNode): LayerPass<null> {
  const maps = poolMaps(node);
  /** Window means of x [.., inputs] as [.., outputs] (any leading axes). */
  const pool = <T extends tf.Tensor>(x: T): T => tf.reshape(tf.mean(maps.windows(x), 1), [...x.shape.slice(0, -1), maps.outputs]) as T;
  const back = <T extends tf.Tensor>(g: T): T =>
    tf.reshape(maps.scatter(tf.mul(tf.reshape(g, [-1, 1]), tf.fill([1, maps.area], 1 / maps.area))), [...g.shape.slice(0, -1), maps.inputs]) as T;
  return {
    forward: (x) => ({ y: pool(x), state: null }),
    jvp: (_s, rx) => (rx ? pool<RTensor>(rx) : null),
    vjp: (_s, gy, _w, needInput) => ({ gx: needInput ? back(gy) : null, gp: [] }),
    rvjp: (_s, _gy, rgy, _rx, _w, _v, needInput) => ({ gx: needInput ? back<RTensor>(rgy) : null, gp: [] }),
    dispose: () => maps.dispose(),
  };
}
