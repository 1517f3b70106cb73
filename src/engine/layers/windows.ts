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

/**
 * Entry (a, b) of every stride-`s` window of x [N, H, W, C]: x[:, a + i s, b + j s, :] for i < Ho,
 * j < Wo, as [N, Ho, Wo, C]. Built from plain slices and reshapes where the windows' rows and
 * columns fit the image: TF.js's wasm StridedSlice (and its Slice on a 4-D tensor with one
 * channel) copies one innermost run of C values at a time, 2.4 ms for one tap of the digits CNN's
 * 300 one-channel images, 40% of its gradient. Here the crop [q s, (q + Ho) s) x [p s, (p + Wo) s)
 * (a = q s + a', b = p s + b') is a 3-D slice of rows of Wo s C values, and viewed as
 * [N Ho, s, Wo, s C] its entry (a', b') is a 4-D slice of runs of C.
 */
export function windowEntry(x: tf.Tensor4D, a: number, b: number, Ho: number, Wo: number, s: number): tf.Tensor4D {
  const [N, H, W, C] = x.shape;
  const q = Math.floor(a / s);
  const p = Math.floor(b / s);
  if ((q + Ho) * s > H || (p + Wo) * s > W)
    return tf.stridedSlice(x, [0, a, b, 0], [N, a + (Ho - 1) * s + 1, b + (Wo - 1) * s + 1, C], [1, s, s, 1]) as tf.Tensor4D;
  const crop = tf.slice(tf.reshape(x, [N, H, W * C]), [0, q * s, p * s * C], [N, Ho * s, Wo * s * C]);
  if (s === 1) return tf.reshape(crop, [N, Ho, Wo, C]);
  const entry = tf.slice(tf.reshape(crop, [N * Ho, s, Wo, s * C]), [0, a - q * s, 0, (b - p * s) * C], [N * Ho, 1, Wo, C]);
  return tf.reshape(entry, [N, Ho, Wo, C]);
}
