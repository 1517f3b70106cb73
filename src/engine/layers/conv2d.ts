/**
 * 2-D convolution, NHWC input, HWIO kernel [k, k, C, F] then bias [F]; stride and TF's 'same' /
 * 'valid' padding. Forward and R-forward use tf.conv2d (K directions' kernels side by side as
 * K F output channels); dL/dx is the convolution's transpose (tf.conv2dTranspose, the
 * Conv2DBackpropInput kernel every backend has); dL/dkernel is the patches' transpose times the
 * output gradient (im2col: the wasm backend has no Conv2DBackpropFilter kernel).
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2dSpec, LayerNode } from '../../core/problem/model';
import type { LayerPass, RTensor } from './types';
import { gatherWithZero, patchIndices } from './windows';

interface ConvState {
  x: tf.Tensor2D;
  /** im2col patches of x, [N*Ho*Wo, k*k*C]. */
  patches: tf.Tensor2D;
}

export function conv2dPass(node: LayerNode): LayerPass<ConvState> {
  const { kernel, stride, padding, filters } = node.spec as Conv2dSpec;
  const [H, W, C] = node.inShape;
  const [Ho, Wo] = node.outShape;
  const outSize = Ho * Wo * filters;
  const patchSize = kernel * kernel * C;
  const [K, b] = node.tensors;
  const idx = tf.tensor1d(patchIndices(H, W, C, kernel, stride, padding), 'int32');
  const image = (x: tf.Tensor): tf.Tensor4D => tf.reshape(x, [-1, H, W, C]);
  const conv = (x: tf.Tensor, k: tf.Tensor, bias?: tf.Tensor): tf.Tensor4D =>
    tf.fused.conv2d({ x: image(x), filter: k as tf.Tensor4D, strides: stride, pad: padding, bias });
  const patches = (x: tf.Tensor): tf.Tensor2D => tf.reshape(gatherWithZero(tf.reshape(x, [-1, H * W * C]), idx), [-1, patchSize]);
  const inputGrad = (g: tf.Tensor, k: tf.Tensor, channels: number): tf.Tensor4D => {
    const g4 = tf.reshape(g, [-1, Ho, Wo, filters]) as tf.Tensor4D;
    return tf.conv2dTranspose(g4, k as tf.Tensor4D, [g4.shape[0], H, W, channels], stride, padding);
  };
  /** [N, A, K*c] with direction-major channel blocks -> [K, N, A*c]. */
  const directionsFirst = (t: tf.Tensor, k: number, n: number, c: number): RTensor =>
    tf.reshape(tf.transpose(tf.reshape(t, [n, -1, k, c]), [2, 0, 1, 3]), [k, n, -1]);
  return {
    forward(x, w) {
      return { y: tf.reshape(conv(x, w.get(K), w.get(b)), [-1, outSize]), state: { x, patches: patches(x) } };
    },
    jvp({ x }, rx, w, v) {
      const V = v.get(K);
      const k = V.shape[0];
      const n = x.shape[0];
      // x conv [V_1 | ... | V_K] + vb_k: every direction's kernel as F more output channels.
      const side = tf.reshape(tf.transpose(V, [1, 2, 3, 0, 4]), [kernel, kernel, C, k * filters]);
      const fromParams = tf.add(tf.reshape(tf.transpose(tf.reshape(conv(x, side), [n, Ho * Wo, k, filters]), [2, 0, 1, 3]), [k, n, Ho * Wo, filters]), tf.reshape(v.get(b), [k, 1, 1, filters]));
      const flat = tf.reshape(fromParams, [k, n, outSize]) as RTensor;
      return rx ? tf.add(flat, tf.reshape(conv(rx, w.get(K)), [k, n, outSize])) : flat;
    },
    vjp({ patches: P }, gy, w, needInput, needParams = true) {
      const g = tf.reshape(gy, [-1, filters]);
      return {
        gx: needInput ? tf.reshape(inputGrad(gy, w.get(K), C), [-1, H * W * C]) : null,
        gp: needParams ? [tf.reshape(tf.matMul(P, g, true, false), K.shape), tf.sum(g, 0)] : [],
      };
    },
    rvjp({ patches: P }, gy, rgy, rx, w, v, needInput) {
      const [k, n] = rgy.shape;
      const g = tf.expandDims(tf.reshape(gy, [-1, filters]), 0) as tf.Tensor3D;
      const rg = tf.reshape(rgy, [k, -1, filters]) as tf.Tensor3D;
      // R{dL/dK} = P^T Rg + R{P}^T g per direction.
      const pTrg = tf.matMul(tf.expandDims(P, 0) as tf.Tensor3D, rg, true, false);
      const rK = rx ? tf.add(pTrg, tf.matMul(tf.reshape(patches(rx), [k, -1, patchSize]) as tf.Tensor3D, g, true, false)) : pTrg;
      let gx: RTensor | null = null;
      if (needInput) {
        // R{g} through K, then g through each V_k as K C input channels of one transposed convolution.
        const V = v.get(K);
        const stacked = tf.reshape(tf.transpose(V, [1, 2, 0, 3, 4]), [kernel, kernel, k * C, filters]);
        const fromV = directionsFirst(inputGrad(gy, stacked, k * C), k, n, C);
        gx = tf.add(tf.reshape(inputGrad(rgy, w.get(K), C), [k, n, H * W * C]), fromV);
      }
      return { gx, gp: [tf.reshape(rK, [k, ...K.shape]), tf.sum(rg, 1)] };
    },
    dispose: () => idx.dispose(),
  };
}
