/**
 * Closed-form passes for the curvature matrices beside the Hessian, through the same dense network
 * and loss heads as mlp-passes.ts (no tf.grad, so no double-backprop route):
 * - the generalised Gauss-Newton product G v = J^T (d2L/dz2) J v: the R-operator's forward half
 *   (J v), the head's exact output Hessian, then a plain reverse pass (Schraudolph 2002, "Fast
 *   Curvature Matrix-Vector Products for Second-Order Gradient Descent");
 * - the empirical Fisher product (1/N) sum_i g_i g_i^T v from the per-example back-propagated
 *   gradients, without forming any g_i: s_i = g_i^T v per row, then one weighted reverse product;
 * - K-FAC's Kronecker factors A = E[a a^T] and S = E[B^T Lambda B] per layer (Martens & Grosse 2015,
 *   "Optimizing Neural Networks with Kronecker-factored Approximate Curvature"), with the
 *   expectation over the model's predictive distribution taken exactly through the output Hessian
 *   Lambda instead of by sampling targets (Botev, Ritter & Barber 2017, "Practical Gauss-Newton
 *   Optimisation for Deep Learning"), so the factors are deterministic.
 * Every pass returns one tensor to read back; the CPU applies the head's scale.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerShape } from '../core/problem/problem';
import type { Forward, NetworkData } from './mlp-passes';

/** W ([nIn, nOut]) and b of the layer at `shape.offset` in a flat vector, in float32. */
function layerTensors(x: Float64Array, { nIn, nOut, offset }: LayerShape): { W: tf.Tensor2D; b: tf.Tensor1D } {
  return {
    W: tf.tensor2d(Float32Array.from(x.subarray(offset, offset + nIn * nOut)), [nIn, nOut]),
    b: tf.tensor1d(Float32Array.from(x.subarray(offset + nIn * nOut, offset + nIn * nOut + nOut))),
  };
}

/** f'(a_l) of every hidden layer, from the forward pass's kept tensors. */
function derivatives(fw: Forward): tf.Tensor2D[] {
  return fw.u.map((u, l) => fw.act.d1(u, fw.h[l + 1]) as tf.Tensor2D);
}

/** [h_l^T; 1] of every layer: the left operand that turns a pre-activation gradient into W and b rows. */
function augmentedInputsT(d: NetworkData, fw: Forward): tf.Tensor2D[] {
  return d.shapes.map((_, l) => (l === 0 ? d.X1t : (tf.concat([tf.transpose(fw.h[l]), d.ones], 0) as tf.Tensor2D)));
}

/**
 * Back-propagates `top` ([N, out], a cotangent at the outputs) to every layer's pre-activations:
 * out[l] is [N, nOut_l] with out[L-1] = top.
 */
function backToPreActivations(d: NetworkData, w: Float64Array, d1: tf.Tensor2D[], top: tf.Tensor2D): tf.Tensor2D[] {
  const L = d.shapes.length;
  const out: tf.Tensor2D[] = new Array<tf.Tensor2D>(L);
  out[L - 1] = top;
  for (let l = L - 1; l > 0; l--) {
    const { W } = layerTensors(w, d.shapes[l]);
    out[l - 1] = tf.mul(tf.matMul(out[l], W, false, true), d1[l - 1]) as tf.Tensor2D;
  }
  return out;
}

/** Per-layer [nIn + 1, nOut] products flattened and joined: a vector in the parameter layout. */
function joinLayers(parts: tf.Tensor2D[]): tf.Tensor1D {
  return tf.concat(parts.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
}

/** J v: the network's output change along v, [N, out] (the R-operator's forward half). */
function jacobianTimes(d: NetworkData, w: Float64Array, v: Float64Array, fw: Forward, d1: tf.Tensor2D[]): tf.Tensor2D {
  let rh: tf.Tensor2D | null = null;
  let ra: tf.Tensor2D = fw.z;
  d.shapes.forEach((shape, l) => {
    const dir = layerTensors(v, shape);
    ra = tf.add(tf.matMul(fw.h[l], dir.W), dir.b) as tf.Tensor2D;
    if (rh) ra = tf.add(ra, tf.matMul(rh, layerTensors(w, shape).W)) as tf.Tensor2D;
    if (l < d.shapes.length - 1) rh = tf.mul(d1[l], ra) as tf.Tensor2D;
  });
  return ra;
}

/** G v before the head's scale (`outputScale`), in the parameter layout. */
export function ggnPass(d: NetworkData, w: Float64Array, v: Float64Array, fw: Forward): tf.Tensor1D {
  const d1 = derivatives(fw);
  const jv = jacobianTimes(d, w, v, fw, d1);
  const top = d.head.derivatives(fw.z, d.target).hvp(jv);
  const deltas = backToPreActivations(d, w, d1, top);
  const inputsT = augmentedInputsT(d, fw);
  return joinLayers(deltas.map((g, l) => tf.matMul(inputsT[l], g)));
}

/**
 * sum_i g'_i (g'_i^T v) with g'_i the unscaled per-example gradients (row i of the head's gradient,
 * back-propagated). The per-example loss is N * scale times the unscaled one, so the empirical
 * Fisher (1/N) sum_i g_i g_i^T v is N * scale^2 times this.
 */
export function empiricalFisherPass(d: NetworkData, w: Float64Array, v: Float64Array, fw: Forward): tf.Tensor1D {
  const d1 = derivatives(fw);
  const deltas = backToPreActivations(d, w, d1, d.head.derivatives(fw.z, d.target).grad);
  // s_i = g'_i^T v = sum_l sum_j ([h_l, 1] V_l)_ij (delta_l)_ij: one [N, 1] column.
  const s = tf.addN(
    d.shapes.map((shape, l) => {
      const dir = layerTensors(v, shape);
      return tf.sum(tf.mul(tf.add(tf.matMul(fw.h[l], dir.W), dir.b), deltas[l]), 1, true);
    }),
  ) as tf.Tensor2D;
  const inputsT = augmentedInputsT(d, fw);
  return joinLayers(deltas.map((g, l) => tf.matMul(inputsT[l], tf.mul(s, g) as tf.Tensor2D)));
}

/**
 * K-FAC's factors before scaling, joined as [A'_0, S'_0, A'_1, S'_1, ...] flattened: A'_l =
 * [h_l, 1]^T [h_l, 1] (A_l = A'_l / N) and S'_l = sum_c D_c^T M_c with D_c the pre-activation
 * Jacobian rows for output c and M_c those of Lambda' e_c (S_l = scale * S'_l; Lambda' the head's
 * unscaled output Hessian, so sum_c D_c^T M_c = sum_i B_i^T Lambda'_i B_i).
 */
export function kfacFactorPass(d: NetworkData, w: Float64Array, fw: Forward): tf.Tensor1D {
  const d1 = derivatives(fw);
  const [n, nOut] = fw.z.shape;
  const head = d.head.derivatives(fw.z, d.target);
  const inputsT = augmentedInputsT(d, fw);
  const L = d.shapes.length;
  const S: tf.Tensor2D[] = new Array<tf.Tensor2D>(L);
  for (let c = 0; c < nOut; c++) {
    const unit = new Float32Array(nOut);
    unit[c] = 1;
    const e = tf.add(tf.zeros([n, nOut]), tf.tensor2d(unit, [1, nOut])) as tf.Tensor2D;
    const D = backToPreActivations(d, w, d1, e);
    const M = backToPreActivations(d, w, d1, head.hvp(e));
    for (let l = 0; l < L; l++) {
      const term = tf.matMul(D[l], M[l], true, false) as tf.Tensor2D;
      S[l] = c === 0 ? term : (tf.add(S[l], term) as tf.Tensor2D);
    }
  }
  const parts: tf.Tensor[] = [];
  for (let l = 0; l < L; l++) {
    parts.push(tf.reshape(tf.matMul(inputsT[l], inputsT[l], false, true), [-1]), tf.reshape(S[l], [-1]));
  }
  return tf.concat(parts) as tf.Tensor1D;
}
