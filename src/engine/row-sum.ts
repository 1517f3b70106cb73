/**
 * Sums over a tensor's last axis as one matrix product, ones[1, m] times the rows transposed. On
 * WebGPU TF.js's Sum runs one workgroup (64+ invocations and their barriers) per output, so summing
 * many short rows is slow where the GPU is emulated: on SwiftShader 38,400 rows of 10 took 7.4 s as
 * a Sum and 0.1 s as this product (e2e harness, load ~24). The product is one kernel on every backend.
 */
import * as tf from '@tensorflow/tfjs';

/** sum(t, -1, keepDims) for a tensor of rank >= 2. */
export function sumLastAxis<T extends tf.Tensor>(t: T, keepDims = false): tf.Tensor {
  const m = t.shape[t.shape.length - 1];
  const lead = t.shape.slice(0, -1);
  const sums = tf.matMul(tf.ones([1, m]), tf.reshape(t, [-1, m]) as tf.Tensor2D, false, true);
  return tf.reshape(sums, keepDims ? [...lead, 1] : lead);
}
