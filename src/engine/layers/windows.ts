/**
 * Index maps that turn pooling windows and convolution patches into one gather over each image's
 * flat NHWC row (im2col): a gather, a reduction or matmul, and for the way back the gather's
 * transpose, which for non-overlapping windows is again a gather (each input entry sits in at most
 * one window). Index `zeroSlot` points at a zero appended to the row (padding, uncovered entries).
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

/** Convolution patches: [Ho*Wo*k*k*C] ordered (i, j, a, b, c), so a patch row matches the HWIO kernel's rows; H*W*C marks padding. */
export function patchIndices(H: number, W: number, C: number, kernel: number, stride: number, padding: 'same' | 'valid'): Int32Array {
  const rows = padBefore(H, kernel, stride, padding);
  const cols = padBefore(W, kernel, stride, padding);
  const zero = H * W * C;
  const idx = new Int32Array(rows.out * cols.out * kernel * kernel * C);
  let k = 0;
  for (let i = 0; i < rows.out; i++)
    for (let j = 0; j < cols.out; j++)
      for (let a = 0; a < kernel; a++)
        for (let b = 0; b < kernel; b++) {
          const r = i * stride + a - rows.before;
          const q = j * stride + b - cols.before;
          const inside = r >= 0 && r < H && q >= 0 && q < W;
          for (let c = 0; c < C; c++) idx[k++] = inside ? (r * W + q) * C + c : zero;
        }
  return idx;
}

/** x [N, L] gathered along its rows by `idx` (int32, entries <= L, L being a zero): [N, idx.length]. */
export function gatherWithZero(x: tf.Tensor2D, idx: tf.Tensor1D): tf.Tensor2D {
  return tf.gather(tf.pad(x, [[0, 0], [0, 1]]), idx, 1) as tf.Tensor2D;
}
