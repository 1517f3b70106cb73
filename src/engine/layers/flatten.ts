/** Flatten: activations are already kept flat in NHWC row-major order, so every pass is the identity. */
import type * as tf from '@tensorflow/tfjs';
import type { LayerPass } from './types';

export function flattenPass(): LayerPass<null> {
  return {
    forward: (x: tf.Tensor2D) => ({ y: x, state: null }),
    jvp: (_s, rx) => rx,
    vjp: (_s, gy, _w, needInput) => ({ gx: needInput ? gy : null, gp: [] }),
    rvjp: (_s, _gy, rgy, _rx, _w, _v, needInput) => ({ gx: needInput ? rgy : null, gp: [] }),
    dispose() {},
  };
}
