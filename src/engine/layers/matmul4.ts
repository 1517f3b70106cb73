/**
 * 2-D products shaped for TF.js's WebGPU matmul, which takes its vec4 kernel only when the
 * contracted width (for a^T b: the output's rows) and the output's columns are multiples of 4 and
 * the right operand is not transposed. On SwiftShader's WebGPU a 10-column R-product of 38,400 rows
 * (a 10-class head, 128 directions) took about twice the time of a 24-column one. There the operands
 * are padded with zero rows and columns, which add exact zeros, and the product sliced back; on the
 * other backends these are plain products.
 */
import * as tf from '@tensorflow/tfjs';

const padTo4 = (n: number): number => (4 - (n % 4)) % 4;
const onWebgpu = (): boolean => tf.getBackend() === 'webgpu';

/** a b, or a^T b with `transposeA`. */
export function matMul4(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false): tf.Tensor2D {
  const aPad = padTo4(a.shape[1]);
  const bPad = padTo4(b.shape[1]);
  if (!onWebgpu() || aPad + bPad === 0) return tf.matMul(a, b, transposeA, false);
  const bRows = transposeA ? 0 : aPad;
  const out = tf.matMul(aPad ? tf.pad(a, [[0, 0], [0, aPad]]) : a, bRows + bPad ? tf.pad(b, [[0, bRows], [0, bPad]]) : b, transposeA, false);
  return tf.slice(out, [0, 0], [transposeA ? a.shape[1] : a.shape[0], b.shape[1]]) as tf.Tensor2D;
}

/**
 * x^T g and the column sums 1^T g (a dense layer's weight and bias gradients from dL/dy rows g):
 * on WebGPU one product [x | 1]^T g, where TF.js's Sum runs one workgroup per output and a
 * ones-row product a narrow, long kernel (SwiftShader: ~0.6 s for 128 directions of 24 units).
 */
export function weightAndBiasGrads(x: tf.Tensor2D, g: tf.Tensor2D): { gW: tf.Tensor2D; gb: tf.Tensor1D } {
  if (!onWebgpu()) return { gW: tf.matMul(x, g, true, false), gb: tf.sum(g, 0) };
  const inputs = x.shape[1];
  const both = matMul4(tf.concat([x, tf.ones([x.shape[0], 1])], 1), g, true);
  return { gW: tf.slice(both, [0, 0], [inputs, -1]), gb: tf.reshape(tf.slice(both, [inputs, 0], [1, -1]), [-1]) };
}
