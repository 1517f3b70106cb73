/**
 * Loss heads over the network's output z: the value (twice-differentiable, for tf.grad), and the
 * closed-form gradient dL/dz and Hessian-vector product (d^2L/dz^2) r that the closed-form passes
 * need. Those two come unscaled: every pass is linear in them, so the CPU applies `scale` once to
 * what it reads back instead of a division per tensor per call.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../core/problem/problem';
import { meanSquaredError, sigmoidCrossEntropy, softmaxCrossEntropy } from './ops';

export interface HeadDerivatives {
  /** dL/dz / scale, [N, out]. */
  grad: tf.Tensor2D;
  /** r -> (d^2L/dz^2) r / scale, row by row, for r of shape [N, out] or [K, N, out]. */
  hvp<R extends tf.Tensor2D | tf.Tensor3D>(r: R): R;
}

export interface LossHead {
  value(z: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar;
  /** The factor that turns the unscaled derivatives into those of the loss, for an output of `shape`. */
  scale(shape: readonly number[]): number;
  derivatives(z: tf.Tensor2D, target: tf.Tensor2D): HeadDerivatives;
}

const perRow = (shape: readonly number[]): number => 1 / shape[0];

/** Mean over rows of softmax cross-entropy; target is one-hot. Hessian per row: diag(p) - p p^T. */
const softmaxCE: LossHead = {
  value: (z, t) => softmaxCrossEntropy(z, t),
  scale: perRow,
  derivatives: (z, t) => {
    const p = tf.softmax(z);
    return {
      grad: tf.sub(p, t),
      hvp: (r) => {
        const pr = tf.mul(p, r);
        return tf.sub(pr, tf.mul(p, tf.sum(pr, -1, true)));
      },
    };
  },
};

/** Mean binary cross-entropy of one logit per row; target holds 0/1. Hessian per row: p (1 - p). */
const binaryCE: LossHead = {
  value: (z, t) => sigmoidCrossEntropy(z, t),
  scale: perRow,
  derivatives: (z, t) => {
    const p = tf.sigmoid(z);
    return { grad: tf.sub(p, t), hvp: (r) => tf.mul(tf.mul(p, tf.sub(1, p)), r) };
  },
};

/** Mean over all N x out elements of the squared error: gradient 2 (z - t) / size, Hessian 2 / size. */
const mse: LossHead = {
  value: (z, t) => meanSquaredError(z, t),
  scale: (shape) => 2 / (shape[0] * shape[1]),
  derivatives: (z, t) => ({ grad: tf.sub(z, t), hvp: (r) => r }),
};

export const LOSS_HEADS: Record<LossName, LossHead> = {
  softmax_cross_entropy: softmaxCE,
  binary_cross_entropy: binaryCE,
  mse,
};
