/**
 * Loss heads over the network's output z: the value (twice-differentiable, for tf.grad), and the
 * closed-form gradient dL/dz and Hessian-vector product (d^2L/dz^2) r that the R-operator pass needs.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../core/problem/problem';
import { meanSquaredError, sigmoidCrossEntropy, softmaxCrossEntropy } from './ops';

export interface LossHead {
  value(z: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar;
  grad(z: tf.Tensor2D, target: tf.Tensor2D): tf.Tensor2D;
  /** (d^2 L / dz^2) applied to r, row by row; r may carry a leading batch of directions, [K, N, out]. */
  hvp(z: tf.Tensor2D, target: tf.Tensor2D, r: tf.Tensor): tf.Tensor;
}

/** Mean over rows of softmax cross-entropy; target is one-hot. Hessian per row: diag(p) - p p^T. */
const softmaxCE: LossHead = {
  value: (z, t) => softmaxCrossEntropy(z, t),
  grad: (z, t) => tf.div(tf.sub(tf.softmax(z), t), z.shape[0]) as tf.Tensor2D,
  hvp: (z, _t, r) => {
    const p = tf.softmax(z);
    const pr = tf.mul(p, r);
    return tf.div(tf.sub(pr, tf.mul(p, tf.sum(pr, -1, true))), z.shape[0]);
  },
};

/** Mean binary cross-entropy of one logit per row; target holds 0/1. Hessian per row: p (1 - p). */
const binaryCE: LossHead = {
  value: (z, t) => sigmoidCrossEntropy(z, t),
  grad: (z, t) => tf.div(tf.sub(tf.sigmoid(z), t), z.shape[0]) as tf.Tensor2D,
  hvp: (z, _t, r) => {
    const p = tf.sigmoid(z);
    return tf.div(tf.mul(tf.mul(p, tf.sub(1, p)), r), z.shape[0]);
  },
};

/** Mean over all N x out elements of the squared error. */
const mse: LossHead = {
  value: (z, t) => meanSquaredError(z, t),
  grad: (z, t) => tf.mul(tf.sub(z, t), 2 / z.size) as tf.Tensor2D,
  hvp: (z, _t, r) => tf.mul(r, 2 / z.size),
};

export const LOSS_HEADS: Record<LossName, LossHead> = {
  softmax_cross_entropy: softmaxCE,
  binary_cross_entropy: binaryCE,
  mse,
};
