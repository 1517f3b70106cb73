/**
 * 2-D convolution, NHWC input, HWIO kernel [k, k, C, F] then bias [F]; stride and TF's 'same' /
 * 'valid' padding. Forward and R-forward use tf.conv2d (K directions' kernels side by side as
 * K F output channels); dL/dx is the convolution's transpose (tf.conv2dTranspose, the
 * Conv2DBackpropInput kernel every backend has); dL/dkernel tap by tap, the input pixels each
 * kernel tap meets (a strided slice of the padded input) transposed times the output gradient: the
 * wasm backend has no Conv2DBackpropFilter kernel, and its GatherV2 made im2col patches slow.
 * Many directions at once (K F at least the patch width k k C + 1) take the parameter terms as
 * matrix products with the im2col patches (conv-patches.ts, strided slices) and a column of ones
 * for the bias: R{y} from [patches | 1] [V; vb] and R{dL/dK}, R{dL/db} from [patches | 1]^T R{g},
 * each one product for all K directions. A convolution with K F output channels took 50 s of a
 * 46 s batched digits-CNN product on SwiftShader's WebGPU and the product 0.8 s; the patches are no
 * larger than the R-output itself then.
 */
import * as tf from '@tensorflow/tfjs';
import type { Conv2dSpec, LayerNode } from '../../core/problem/model';
import type { LayerPass, RTensor } from './types';
import { convPatches } from './conv-patches';
import { padBefore, windowEntry } from './windows';

interface ConvState {
  x: tf.Tensor2D;
  /** x padded by TF's rule, [N, Hp, Wp, C]. */
  padded: tf.Tensor4D;
}

export function conv2dPass(node: LayerNode): LayerPass<ConvState> {
  const { kernel, stride, padding, filters } = node.spec as Conv2dSpec;
  const [H, W, C] = node.inShape;
  const [Ho, Wo] = node.outShape;
  const outSize = Ho * Wo * filters;
  const [K, b] = node.tensors;
  const image = (x: tf.Tensor): tf.Tensor4D => tf.reshape(x, [-1, H, W, C]);
  const rowPad = padBefore(H, kernel, stride, padding);
  const colPad = padBefore(W, kernel, stride, padding);
  const rowTotal = padding === 'same' ? Math.max((Ho - 1) * stride + kernel - H, 0) : 0;
  const colTotal = padding === 'same' ? Math.max((Wo - 1) * stride + kernel - W, 0) : 0;
  const pad = (x: tf.Tensor): tf.Tensor4D =>
    rowTotal + colTotal === 0 ? image(x) : tf.pad(image(x), [[0, 0], [rowPad.before, rowTotal - rowPad.before], [colPad.before, colTotal - colPad.before], [0, 0]]);
  /** The input pixels kernel tap (a, b) meets at every output position, [R*Ho*Wo, C]. */
  const tap = (xp: tf.Tensor4D, a: number, b: number): tf.Tensor2D =>
    tf.reshape(windowEntry(xp, a, b, Ho, Wo, stride), [-1, C]);
  /** Stacks one [.., C, F] block per tap into the HWIO kernel's layout (after any leading axes). */
  const perTap = (block: (a: number, b: number) => tf.Tensor, lead: number[]): tf.Tensor => {
    const blocks: tf.Tensor[] = [];
    for (let a = 0; a < kernel; a++) for (let b = 0; b < kernel; b++) blocks.push(block(a, b));
    return tf.reshape(tf.stack(blocks, lead.length), [...lead, kernel, kernel, C, filters]);
  };
  const conv = (x: tf.Tensor, k: tf.Tensor, bias?: tf.Tensor): tf.Tensor4D =>
    tf.fused.conv2d({ x: image(x), filter: k as tf.Tensor4D, strides: stride, pad: padding, bias });
  const inputGrad = (g: tf.Tensor, k: tf.Tensor, channels: number): tf.Tensor4D => {
    const g4 = tf.reshape(g, [-1, Ho, Wo, filters]) as tf.Tensor4D;
    return tf.conv2dTranspose(g4, k as tf.Tensor4D, [g4.shape[0], H, W, channels], stride, padding);
  };
  /** [N, A, K*c] with direction-major channel blocks -> [K, N, A*c]. */
  const directionsFirst = (t: tf.Tensor, k: number, n: number, c: number): RTensor =>
    tf.reshape(tf.transpose(tf.reshape(t, [n, -1, k, c]), [2, 0, 1, 3]), [k, n, -1]);
  const patchWidth = kernel * kernel * C;
  /** Whether K directions take the patches route: the patches (+ ones) no wider than the K F output columns. */
  const byPatches = (k: number): boolean => patchWidth + 1 <= k * filters;
  /** Zero columns after the ones: WebGPU's matmul takes its vec4 kernel only for widths that are multiples of 4. */
  const zeroPad = (4 - ((patchWidth + 1) % 4)) % 4;
  /** [patches | 1 | 0], [N*Ho*Wo, k k C + 1 + zeroPad]. */
  const patchesWithOne = (x: tf.Tensor2D): tf.Tensor2D => {
    const p = convPatches(node, x);
    return tf.concat([p, tf.ones([p.shape[0], 1]), tf.zeros([p.shape[0], zeroPad])], 1);
  };
  return {
    forward(x, w) {
      return { y: tf.reshape(conv(x, w.get(K), w.get(b)), [-1, outSize]), state: { x, padded: pad(x) } };
    },
    jvp({ x }, rx, w, v) {
      const V = v.get(K);
      const k = V.shape[0];
      const n = x.shape[0];
      // x conv [V_1 | ... | V_K] + vb_k: every direction's kernel as F more output channels.
      const side = tf.reshape(tf.transpose(V, [1, 2, 3, 0, 4]), [kernel, kernel, C, k * filters]);
      const perDirection = (t: tf.Tensor): tf.Tensor => tf.transpose(tf.reshape(t, [n, Ho * Wo, k, filters]), [2, 0, 1, 3]);
      const fromParams = byPatches(k)
        ? perDirection(tf.matMul(patchesWithOne(x), tf.concat([tf.reshape(side, [patchWidth, k * filters]), tf.reshape(v.get(b), [1, k * filters]), tf.zeros([zeroPad, k * filters])], 0)))
        : tf.add(perDirection(conv(x, side)), tf.reshape(v.get(b), [k, 1, 1, filters]));
      const flat = tf.reshape(fromParams, [k, n, outSize]) as RTensor;
      return rx ? tf.add(flat, tf.reshape(conv(rx, w.get(K)), [k, n, outSize])) : flat;
    },
    vjp({ padded }, gy, w, needInput, needParams = true) {
      const g = tf.reshape(gy, [-1, filters]) as tf.Tensor2D;
      return {
        gx: needInput ? tf.reshape(inputGrad(gy, w.get(K), C), [-1, H * W * C]) : null,
        gp: needParams ? [perTap((a, b) => tf.matMul(tap(padded, a, b), g, true, false), []), tf.sum(g, 0)] : [],
      };
    },
    rvjp({ x, padded }, gy, rgy, rx, w, v, needInput) {
      const [k, n] = rgy.shape;
      const g = tf.expandDims(tf.reshape(gy, [-1, filters]), 0) as tf.Tensor3D;
      const rg = tf.reshape(rgy, [k, -1, filters]) as tf.Tensor3D;
      const rPadded = rx ? pad(rx) : null;
      // R{dL/dK} tap by tap: x_tap^T Rg + R{x}_tap^T g per direction.
      const fromRx = (a: number, b: number): tf.Tensor => tf.matMul(tf.reshape(tap(rPadded!, a, b), [k, -1, C]) as tf.Tensor3D, g, true, false);
      let rK: tf.Tensor;
      let rb: tf.Tensor;
      if (byPatches(k)) {
        // [patches | 1]^T [Rg_1 | ... | Rg_K]: the kernel rows (taps, channels) then the bias row, per direction.
        const both = tf.matMul(patchesWithOne(x), tf.reshape(tf.transpose(rg, [1, 0, 2]), [-1, k * filters]), true, false);
        const fromRg = tf.reshape(tf.transpose(tf.reshape(tf.slice(both, [0, 0], [patchWidth, -1]), [patchWidth, k, filters]), [1, 0, 2]), [k, kernel, kernel, C, filters]);
        rK = rPadded ? tf.add(fromRg, perTap(fromRx, [k])) : fromRg;
        rb = tf.reshape(tf.slice(both, [patchWidth, 0], [1, -1]), [k, filters]);
      } else {
        rK = perTap((a, b) => {
          const fromRg = tf.matMul(tf.expandDims(tap(padded, a, b), 0) as tf.Tensor3D, rg, true, false);
          return rPadded ? tf.add(fromRg, fromRx(a, b)) : fromRg;
        }, [k]);
        rb = tf.sum(rg, 1);
      }
      let gx: RTensor | null = null;
      if (needInput) {
        // R{g} through K, then g through each V_k as K C input channels of one transposed convolution.
        const V = v.get(K);
        const stacked = tf.reshape(tf.transpose(V, [1, 2, 0, 3, 4]), [kernel, kernel, k * C, filters]);
        const fromV = directionsFirst(inputGrad(gy, stacked, k * C), k, n, C);
        gx = tf.add(tf.reshape(inputGrad(rgy, w.get(K), C), [k, n, H * W * C]), fromV);
      }
      return { gx, gp: [rK, rb] };
    },
    dispose() {},
  };
}
