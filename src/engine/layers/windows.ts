/**
 * Index maps that turn pooling windows that do not tile the image into one gather over each
 * image's flat NHWC row, and for the way back the gather's transpose, which for non-overlapping
 * windows is again a gather (each input entry sits in at most one window); index `idx.length`
 * points at a zero appended to the row (entries no window covers). Also TF's padding rule.
 */
import * as tf from '@tensorflow/tfjs';

/** Window entries of size x size pooling with stride = size: [Ho*Wo*C*size*size], ordered (i, j, c, a, b). */
export function poolIndices(H: number, W: number, C: number, size: number): Int32Array {
  const Ho = Math.floor(H / size);
  const Wo = Math.floor(W / size);
  const idx = new Int32Array(Ho * Wo * C * size * size);
  let k = 0;
  for (let i = 0; i < Ho; i++)
    for (let j = 0; j < Wo; j++)
      for (let c = 0; c < C; c++)
        for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) idx[k++] = ((i * size + a) * W + (j * size + b)) * C + c;
  return idx;
}

/** For each of `inputSize` entries, where it sits in the gathered row, or `idx.length` (the zero slot) if nowhere. */
export function inverseIndices(idx: Int32Array, inputSize: number): Int32Array {
  const inv = new Int32Array(inputSize).fill(idx.length);
  idx.forEach((src, k) => {
    inv[src] = k;
  });
  return inv;
}

/** TF's 'same' rule: total padding max((out-1) s + k - n, 0), the odd pixel at the bottom/right. */
export function padBefore(n: number, kernel: number, stride: number, padding: 'same' | 'valid'): { out: number; before: number } {
  if (padding === 'valid') return { out: Math.floor((n - kernel) / stride) + 1, before: 0 };
  const out = Math.ceil(n / stride);
  return { out, before: Math.floor(Math.max((out - 1) * stride + kernel - n, 0) / 2) };
}

/** x [N, L] gathered along its rows by `idx` (int32, entries <= L, L being a zero): [N, idx.length]. */
export function gatherWithZero(x: tf.Tensor2D, idx: tf.Tensor1D): tf.Tensor2D {
  return tf.gather(tf.pad(x, [[0, 0], [0, 1]]), idx, 1) as tf.Tensor2D;
}
