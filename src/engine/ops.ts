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

/**
 * log(1 + x) accurate for small x on every backend (the wasm Log1p kernel computes log(1 + x), which
 * returns 0 below 6e-8): log(u) x / (u - 1) with u = 1 + x rounded, exact to a few ulps (Goldberg 1991,
 * "What every computer scientist should know about floating-point arithmetic", Theorem 4).
 */
export const log1p: Unary = twiceDifferentiable(
  (x) => {
    const u = tf.add(1, x);
    return tf.where(tf.equal(u, 1), x, tf.div(tf.mul(tf.log(u), x), tf.sub(u, 1)));
  },
  (x) => tf.div(1, tf.add(1, x)),
);

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

/**
 * The largest logit of each row as a one-hot mask over the last axis (a constant for tf.grad: argMax
 * and oneHot have zero gradients), so the stable forms below can pick it out or leave it out.
 */
export function maxMask(z: tf.Tensor): tf.Tensor {
  return tf.oneHot(tf.argMax(z, -1), z.shape[z.shape.length - 1]).toFloat();
}

/**
 * Per row -log softmax(z)[label] as (z_a - z_y) + log1p(sum_{j != a} exp(z_j - z_a)), a the largest
 * logit: for a confident row the log1p keeps the ~exp(-30) remainder that z_a + log(1 + rest) - z_y
 * rounds away in float32. z_a - z_y is written (mask - oneHot) . z so that its gradient is exactly zero
 * on a correctly classified row and tf.grad adds nothing large to the small remainder's gradient.
 */
function softmaxCrossEntropyRows(logits: tf.Tensor, oneHot: tf.Tensor): tf.Tensor {
  const mask = maxMask(logits);
  const m = tf.sum(tf.mul(logits, mask), -1);
  const rest = tf.sum(tf.mul(exp(tf.sub(logits, tf.expandDims(m, -1))), tf.sub(1, mask)), -1);
  return tf.add(tf.sum(tf.mul(tf.sub(mask, oneHot), logits), -1), log1p(rest));
}

/** Mean over rows of -log softmax(z)[label]; `oneHot` is [N, C] with the labels' ones. */
export function softmaxCrossEntropy(logits: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  return tf.mean(softmaxCrossEntropyRows(logits, oneHot));
}

/**
 * Mean binary cross-entropy of logits z against targets y in [0, 1] as
 * (1 - y) max(z, 0) + y max(-z, 0) + log1p(exp(-|z|)), which is softplus(z) - y z: that form cancels
 * to zero in float32 for a confident z (softplus(26) rounds to 26), and this one's first two terms
 * have gradient exactly zero on a correct confident logit, so tf.grad keeps the small remainder.
 */
export function sigmoidCrossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  const margin = tf.add(tf.mul(tf.sub(1, targets), relu(logits)), tf.mul(targets, relu(tf.neg(logits))));
  return tf.mean(tf.add(margin, log1p(exp(tf.neg(tf.abs(logits))))));
}

/** Mean over all elements of the squared error. */
export function meanSquaredError(pred: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(pred, targets)));
}

/** The activations tf.fused.matMul can apply inside the matmul kernel. */
export type FusedKernel = 'linear' | 'relu' | 'sigmoid';

/**
 * A hidden-layer activation as the closed-form passes use it: the forward kernel is
 * tf.fused.matMul with `fused` applied to `scale` times the pre-activation a (the CPU pre-scales the
 * weights), and its output u gives f(a) and the derivatives in a few elementwise ops.
 */
export interface ActivationOp {
  /** Twice-differentiable value, for tf.grad of tf.grad. */
  f: Unary;
  fused: FusedKernel;
  scale: number;
  /** f(a) from u. */
  fromFused(u: tf.Tensor): tf.Tensor;
  /** f'(a) from u and h = f(a). */
  d1(u: tf.Tensor, h: tf.Tensor): tf.Tensor;
  /** f''(a) * r, given u, h, d1 = f'(a) and d1r = d1 * r (which some activations reuse); null where f'' = 0 a.e. */
  d2Times: ((u: tf.Tensor, h: tf.Tensor, d1: tf.Tensor, r: tf.Tensor, d1r: tf.Tensor) => tf.Tensor) | null;
}

const identity = (u: tf.Tensor): tf.Tensor => u;

function geluD1(x: tf.Tensor): tf.Tensor {
  const t = tf.tanh(geluInner(x));
  const du = tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_K, tf.square(x))));
  return tf.add(tf.mul(0.5, tf.add(1, t)), tf.mul(tf.mul(0.5, x), tf.mul(tf.sub(1, tf.square(t)), du)));
}

/** g'' = sech^2(u) (u' - x tanh(u) u'^2 + x u''/2), u = c (x + k x^3). */
function geluD2(x: tf.Tensor): tf.Tensor {
  const t = tf.tanh(geluInner(x));
  const sech2 = tf.sub(1, tf.square(t));
  const du = tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_K, tf.square(x))));
  const d2u = tf.mul(6 * GELU_C * GELU_K, x);
  const inner = tf.add(tf.sub(du, tf.mul(tf.mul(x, t), tf.square(du))), tf.mul(tf.mul(0.5, x), d2u));
  return tf.mul(sech2, inner);
}

const d1Tanh = (_u: tf.Tensor, h: tf.Tensor): tf.Tensor => tf.sub(1, tf.square(h));
// tanh'' = -2 tanh tanh'
const d2TimesTanh = (_u: tf.Tensor, h: tf.Tensor, _d1: tf.Tensor, _r: tf.Tensor, d1r: tf.Tensor): tf.Tensor => tf.mul(tf.mul(h, d1r), -2);

/** tanh a = 2 sigmoid(2a) - 1, the sigmoid fused into the matmul. */
const TANH_VIA_SIGMOID: ActivationOp = {
  f: tanh,
  fused: 'sigmoid',
  scale: 2,
  fromFused: (u) => tf.sub(tf.mul(u, 2), 1),
  d1: d1Tanh,
  d2Times: d2TimesTanh,
};

export const ACTIVATION_OPS: Record<Activation, ActivationOp> = {
  tanh: {
    f: tanh,
    fused: 'linear',
    scale: 1,
    fromFused: (u) => tf.tanh(u),
    d1: d1Tanh,
    d2Times: d2TimesTanh,
  },
  sigmoid: {
    f: sigmoid,
    fused: 'sigmoid',
    scale: 1,
    fromFused: identity,
    d1: (_u, h) => tf.mul(h, tf.sub(1, h)),
    // sigmoid'' = (1 - 2 s) sigmoid'
    d2Times: (_u, h, _d1, _r, d1r) => tf.mul(tf.sub(1, tf.mul(h, 2)), d1r),
  },
  relu: {
    f: relu,
    fused: 'relu',
    scale: 1,
    fromFused: identity,
    // relu'(0) = 0 as in PyTorch: h = 0 exactly where a <= 0.
    d1: (_u, h) => tf.step(h),
    d2Times: null,
  },
  softplus: {
    f: softplus,
    fused: 'linear',
    scale: 1,
    fromFused: (u) => tf.softplus(u),
    d1: (u) => tf.sigmoid(u),
    d2Times: (_u, _h, d1, r) => tf.mul(tf.mul(d1, tf.sub(1, d1)), r),
  },
  gelu: {
    f: gelu,
    fused: 'linear',
    scale: 1,
    fromFused: (u) => tf.mul(tf.mul(0.5, u), tf.add(1, tf.tanh(geluInner(u)))),
    d1: (u) => geluD1(u),
    d2Times: (u, _h, _d1, r) => tf.mul(geluD2(u), r),
  },
};

/**
 * The activation's form for a backend: on wasm the Tanh kernel costs ten times a sigmoid fused
 * into the matmul, so tanh runs as 2 sigmoid(2a) - 1 there; elsewhere the plain kernel is cheaper.
 */
export function activationOp(name: Activation, backend: string): ActivationOp {
  return name === 'tanh' && backend === 'wasm' ? TANH_VIA_SIGMOID : ACTIVATION_OPS[name];
}
