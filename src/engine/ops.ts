/**
 * The twice-differentiable op set. TF.js 4.22 gets `tf.grad` of `tf.grad` silently wrong for ops
 * whose gradient reuses their output (tanh, sigmoid, exp, softmax, logSumExp, ...), so each such op
 * is a tf.customGrad that saves its *input* and recomputes its derivative from it with ops of this
 * set, which keeps the gradient itself differentiable.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../core/problem/problem';

type Unary = (x: tf.Tensor) => tf.Tensor;
type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** Wraps `value` so that d/dx = `derivative(x)`, itself built from differentiable ops of x. */
function twiceDifferentiable(value: Unary, derivative: Unary): Unary {
  const op = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: value(x),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, derivative(saved[0])),
    };
  }) as unknown as CustomGradientFunc);
  return (x) => op(x);
}

export const tanh: Unary = twiceDifferentiable(tf.tanh, (x) => tf.sub(1, tf.square(tanh(x))));

export const sigmoid: Unary = twiceDifferentiable(tf.sigmoid, (x) => {
  const s = sigmoid(x);
  return tf.mul(s, tf.sub(1, s));
});

export const exp: Unary = twiceDifferentiable(tf.exp, (x) => exp(x));

/** relu'(0) = 0, as in PyTorch; relu'' = 0 almost everywhere. */
export const relu: Unary = twiceDifferentiable(tf.relu, (x) => tf.step(x));

export const softplus: Unary = twiceDifferentiable(tf.softplus, (x) => sigmoid(x));

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

/** Hendrycks & Gimpel 2016, tanh approximation: 0.5 x (1 + tanh(c (x + k x^3))). */
export const gelu: Unary = twiceDifferentiable(
  (x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(geluInner(x)))),
  (x) => {
    const t = tanh(geluInner(x));
    const du = tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_K, tf.square(x))));
    return tf.add(tf.mul(0.5, tf.add(1, t)), tf.mul(tf.mul(0.5, x), tf.mul(tf.sub(1, tf.square(t)), du)));
  },
);

function geluInner(x: tf.Tensor): tf.Tensor {
  return tf.mul(GELU_C, tf.add(x, tf.mul(GELU_K, tf.pow(x, 3))));
}

/** log sum exp over the last axis (the axis is dropped); its gradient is softmax, built from exp and itself. */
export const logSumExp: Unary = (() => {
  const op = tf.customGrad(((z: tf.Tensor, save: tf.GradSaveFunc) => {
    save([z]);
    return {
      value: tf.logSumExp(z, -1),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.expandDims(dy, -1), softmax(saved[0])),
    };
  }) as unknown as CustomGradientFunc);
  return (z: tf.Tensor) => op(z);
})();

export function logSoftmax(z: tf.Tensor): tf.Tensor {
  return tf.sub(z, tf.expandDims(logSumExp(z), -1));
}

export function softmax(z: tf.Tensor): tf.Tensor {
  return exp(logSoftmax(z));
}

/** Mean over rows of -log softmax(z)[label]; `oneHot` is [N, C] with the labels' ones. */
export function softmaxCrossEntropy(logits: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  return tf.mean(tf.sub(logSumExp(logits), tf.sum(tf.mul(oneHot, logits), -1)));
}

/** Mean binary cross-entropy of logits z against 0/1 targets: softplus(z) - y z, stable for any z. */
export function sigmoidCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.mean(tf.sub(softplus(logits), tf.mul(targets, logits)));
}

/** Mean over all elements of the squared error. */
export function meanSquaredError(pred: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(pred, targets)));
}

/** A hidden-layer activation with closed-form first and second derivatives. */
export interface ActivationOp {
  /** Twice-differentiable value. */
  f: Unary;
  /** f'(x), given y = f(x) so ops that can reuse their output do. */
  d1(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /** f''(x), or null where it is zero almost everywhere (relu). */
  d2(x: tf.Tensor, y: tf.Tensor): tf.Tensor | null;
}

export const ACTIVATION_OPS: Record<Activation, ActivationOp> = {
  tanh: {
    f: tanh,
    d1: (_x, y) => tf.sub(1, tf.square(y)),
    d2: (_x, y) => tf.mul(tf.mul(-2, y), tf.sub(1, tf.square(y))),
  },
  sigmoid: {
    f: sigmoid,
    d1: (_x, y) => tf.mul(y, tf.sub(1, y)),
    d2: (_x, y) => tf.mul(tf.mul(y, tf.sub(1, y)), tf.sub(1, tf.mul(2, y))),
  },
  relu: {
    f: relu,
    d1: (x) => tf.step(x),
    d2: () => null,
  },
  softplus: {
    f: softplus,
    d1: (x) => tf.sigmoid(x),
    d2: (x) => {
      const s = tf.sigmoid(x);
      return tf.mul(s, tf.sub(1, s));
    },
  },
  gelu: {
    f: gelu,
    d1: (x) => {
      const t = tf.tanh(geluInner(x));
      const du = tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_K, tf.square(x))));
      return tf.add(tf.mul(0.5, tf.add(1, t)), tf.mul(tf.mul(0.5, x), tf.mul(tf.sub(1, tf.square(t)), du)));
    },
    // g'' = sech^2(u) (u' - x tanh(u) u'^2 + x u''/2), u = c (x + k x^3).
    d2: (x) => {
      const t = tf.tanh(geluInner(x));
      const sech2 = tf.sub(1, tf.square(t));
      const du = tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_K, tf.square(x))));
      const d2u = tf.mul(6 * GELU_C * GELU_K, x);
      const inner = tf.add(tf.sub(du, tf.mul(tf.mul(x, t), tf.square(du))), tf.mul(tf.mul(0.5, x), d2u));
      return tf.mul(sech2, inner);
    },
  },
};
