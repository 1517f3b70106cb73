/**
 * The im2col patches of a conv2d layer's input: for every example and output position the k x k x C
 * input pixels its kernel meets (zeros where TF's 'same' rule pads), as one row. Column
 * (a k + b) C + c holds tap (a, b), channel c: the row-major order of the HWIO kernel's leading
 * axes, so a patch row times the kernel viewed as [k k C, F] is the convolution's output there.
 * K-FAC for convolutions builds its input factor from these rows (Grosse & Martens 2016, "A
 * Kronecker-factored approximate Fisher matrix for convolution layers", Sec. 3.1, the expansion
 * operator [[A]]).
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2dSpec, LayerNode } from '../../core/problem/model';
import { padBefore, windowEntry } from './windows';

/** x [N, H*W*C] (NHWC row-major) as patch rows [N*Ho*Wo, k*k*C], output positions row-major within each example. */
export function convPatches(node: LayerNode, x: tf.Tensor2D): tf.Tensor2D {
  const { kernel, stride, padding } = node.spec as Conv2dSpec;
  const [H, W, C] = node.inShape;
  const [Ho, Wo] = node.outShape;
  const rowPad = padBefore(H, kernel, stride, padding).before;
  const colPad = padBefore(W, kernel, stride, padding).before;
  const rowTotal = padding === 'same' ? Math.max((Ho - 1) * stride + kernel - H, 0) : 0;
  const colTotal = padding === 'same' ? Math.max((Wo - 1) * stride + kernel - W, 0) : 0;
  const image = tf.reshape(x, [-1, H, W, C]) as tf.Tensor4D;
  const padded = rowTotal + colTotal === 0 ? image : tf.pad(image, [[0, 0], [rowPad, rowTotal - rowPad], [colPad, colTotal - colPad], [0, 0]]);
  const taps: tf.Tensor2D[] = [];
  for (let a = 0; a < kernel; a++) {
    for (let b = 0; b < kernel; b++) {
      taps.push(tf.reshape(windowEntry(padded, a, b, Ho, Wo, stride), [-1, C]));
    }
  }
  return tf.concat(taps, 1);
}
