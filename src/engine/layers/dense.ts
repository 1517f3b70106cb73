/** Dense layer y = x W + b: W [in, units], then b [units]. */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import { type LayerPass, type RTensor, addOrNull } from './types';

interface DenseState {
  x: tf.Tensor2D;
}

export function densePass(node: LayerNode): LayerPass<DenseState> {
  const [W, b] = node.tensors;
  const units = W.shape[1];
  const mat = (t: tf.Tensor): tf.Tensor2D => t as tf.Tensor2D;
  /** A [N, c] tensor as a batch of one, for matmuls against K per-direction operands. */
  const one = (t: tf.Tensor2D): tf.Tensor3D => tf.expandDims(t, 0);
  return {
    forward(x, w) {
      return { y: tf.fused.matMul({ a: x, b: mat(w.get(W)), bias: w.get(b) }) as tf.Tensor2D, state: { x } };
    },
    jvp({ x }, rx, w, v) {
      // x V_k + vb_k for each direction, then R{x} W for all K N rows in one matmul. One direction's
      // bias is added as [units]: the cpu backend adds a [K, 1, units] one through per-element index
      // arithmetic (slower than the matmul here), a trailing-axis one in a flat loop.
      const vW = v.get(W) as tf.Tensor3D;
      const k = vW.shape[0];
      const vb = k === 1 ? tf.reshape(v.get(b), [units]) : tf.expandDims(v.get(b), 1);
      const fromParams = tf.add(tf.matMul(one(x), vW), vb) as RTensor;
      return addOrNull(fromParams, rx ? (tf.reshape(tf.matMul(tf.reshape(rx, [-1, rx.shape[2]]), mat(w.get(W))), [k, -1, units]) as RTensor) : null);
    },
    vjp({ x }, gy, w, needInput, needParams = true) {
      return {
        gx: needInput ? tf.matMul(gy, mat(w.get(W)), false, true) : null,
        gp: needParams ? [tf.matMul(x, gy, true, false), tf.sum(gy, 0)] : [],
      };
    },
    rvjp({ x }, gy, rgy, rx, w, v, needInput) {
      // R{gx} = Rg W^T + g V^T; R{gW} = x^T Rg + Rx^T g; R{gb} = 1^T Rg, per direction.
      const k = rgy.shape[0];
      const rgx = needInput
        ? (tf.add(
            tf.reshape(tf.matMul(tf.reshape(rgy, [-1, units]), mat(w.get(W)), false, true), [k, rgy.shape[1], -1]),
            tf.matMul(one(gy), v.get(W) as tf.Tensor3D, false, true),
          ) as RTensor)
        : null;
      const xTrg = tf.matMul(one(x), rgy, true, false);
      return { gx: rgx, gp: [rx ? tf.add(xTrg, tf.matMul(rx, one(gy), true, false)) : xTrg, tf.sum(rgy, 1)] };
    },
    dispose() {},
  };
}
