/**
 * Loss heads over the network's output z: the value (twice-differentiable, for tf.grad), and the
 * closed-form gradient dL/dz and Hessian-vector product (d^2L/dz^2) r that the closed-form passes
 * need. Those two come unscaled: every pass is linear in them, so the CPU applies `scale` once to
 * what it reads back instead of a division per tensor per call.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../core/problem/problem';
import { maxMask, meanSquaredError, sigmoidCrossEntropy, softmaxCrossEntropy } from './ops';
import { sumLastAxis } from './row-sum';

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

/**
 * Mean over rows of softmax cross-entropy; target is one-hot. Hessian per row: diag(p) - p p^T.
 * p comes from the logits shifted by their row's largest, e = exp(z - z_a), p = e / (1 + rest) with
 * rest the sum of e off the largest entry a, so every small probability keeps its relative accuracy;
 * where p_a ~ 1 the quantities that cancel (p_a - 1 in the gradient, r_a - p . r in the HVP) are
 * written in terms of rest and of r - r_a instead.
 */
const softmaxCE: LossHead = {
  value: (z, t) => softmaxCrossEntropy(z, t),
  scale: perRow,
  derivatives: (z, t) => {
    const mask = maxMask(z);
    const offMax = tf.sub(1, mask);
    const e = tf.exp(tf.sub(z, tf.sum(tf.mul(z, mask), -1, true)));
    const others = tf.mul(e, offMax);
    const rest = tf.sum(others, -1, true);
    const total = tf.add(1, rest);
    const p = tf.div(e, total);
    // p_j - t_j off the largest entry; at it, p_a - t_a = ((1 - t_a) - t_a rest) / (1 + rest).
    const atMax = tf.div(tf.sub(tf.sub(1, t), tf.mul(t, rest)), total);
    const grad = tf.add(tf.sub(tf.div(others, total), tf.mul(t, offMax)), tf.mul(mask, atMax)) as tf.Tensor2D;
    return {
      grad,
      // (H r)_j = p_j (r_j - p . r) = p_j (d_j - p . d) with d = r - r_a, whose entry at a is exactly 0.
      hvp: (r) => {
        const d = tf.sub(r, sumLastAxis(tf.mul(r, mask), true));
        return tf.mul(p, tf.sub(d, sumLastAxis(tf.mul(p, d), true)));
      },
    };
  },
};

/**
 * Mean binary cross-entropy of one logit per row; target holds 0/1. Gradient p - y written as
 * (1 - y) sigmoid(z) - y sigmoid(-z) and Hessian p (1 - p) as sigmoid(z) sigmoid(-z): neither
 * subtracts from 1, so a confident logit keeps its ~exp(-|z|) in float32.
 */
const binaryCE: LossHead = {
  value: (z, t) => sigmoidCrossEntropy(z, t),
  scale: perRow,
  derivatives: (z, t) => {
    const p = tf.sigmoid(z);
    const q = tf.sigmoid(tf.neg(z));
    const curvature = tf.mul(p, q);
    return { grad: tf.sub(tf.mul(tf.sub(1, t), p), tf.mul(t, q)) as tf.Tensor2D, hvp: (r) => tf.mul(curvature, r) };
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
