/**
 * The window views a pooling layer needs: each output's window entries as a row, and the way back.
 * When the window tiles the image exactly (H and W multiples of the size) the windows are a
 * reshape and a transpose; otherwise a gather (and for the way back the gather's transpose, again
 * a gather since windows do not overlap) over each image's flat NHWC row.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode, PoolSpec } from '../../core/problem/model';
import { gatherWithZero, inverseIndices, poolIndices } from './windows';

export interface PoolMaps {
  /** Entries per window. */
  area: number;
  /** Outputs per image (Ho*Wo*C). */
  outputs: number;
  /** Input entries per image (H*W*C). */
  inputs: number;
  /** x [R, H*W*C] (R rows: N, or K*N) -> windows [R*outputs, area]. */
  windows(x: tf.Tensor): tf.Tensor2D;
  /** Per-window values (R*outputs*area entries) back onto the input, [R, H*W*C] (the windows' transpose). */
  scatter(perWindow: tf.Tensor): tf.Tensor2D;
  dispose(): void;
}

export function poolMaps(node: LayerNode): PoolMaps {
  const [H, W, C] = node.inShape;
  const { size } = node.spec as PoolSpec;
  const area = size * size;
  const Ho = Math.floor(H / size);
  const Wo = Math.floor(W / size);
  const outputs = Ho * Wo * C;
  const inputs = H * W * C;
  if (Ho * size === H && Wo * size === W) {
    // [R Ho, s, Wo, s C] -> [R Ho, Wo, s, s C] = [R Ho Wo, s s, C] -> [R Ho Wo, C, s s]: window entries in
    // (a, b) order, as poolIndices, by a rank-4 and a rank-3 transpose (the wasm Transpose kernel is
    // many times slower past rank 4).
    return {
      area,
      outputs,
      inputs,
      windows: (x) => {
        const rows = tf.transpose(tf.reshape(x, [-1, size, Wo, size * C]), [0, 2, 1, 3]);
        return tf.reshape(tf.transpose(tf.reshape(rows, [-1, area, C]), [0, 2, 1]), [-1, area]);
      },
      scatter: (perWindow) => {
        const rows = tf.reshape(tf.transpose(tf.reshape(perWindow, [-1, C, area]), [0, 2, 1]), [-1, Wo, size, size * C]);
        return tf.reshape(tf.transpose(rows, [0, 2, 1, 3]), [-1, inputs]);
      },
      dispose() {},
    };
  }
  const forward = poolIndices(H, W, C, size);
  const idx = tf.tensor1d(forward, 'int32');
  const inv = tf.tensor1d(inverseIndices(forward, inputs), 'int32');
  return {
    area,
    outputs,
    inputs,
    windows: (x) => tf.reshape(gatherWithZero(tf.reshape(x, [-1, inputs]), idx), [-1, area]),
    scatter: (perWindow) => gatherWithZero(tf.reshape(perWindow, [-1, outputs * area]), inv),
    dispose: () => tf.dispose([idx, inv]),
  };
}
