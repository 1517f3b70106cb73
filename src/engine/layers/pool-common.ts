/** The gather maps a pooling layer keeps: window entries of each output, and their inverse for the way back. */
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
  const forward = poolIndices(H, W, C, size);
  const idx = tf.tensor1d(forward, 'int32');
  const inv = tf.tensor1d(inverseIndices(forward, H * W * C), 'int32');
  const area = size * size;
  const outputs = forward.length / area;
  const inputs = H * W * C;
  return {
    area,
    outputs,
    inputs,
    windows: (x) => tf.reshape(gatherWithZero(tf.reshape(x, [-1, inputs]), idx), [-1, area]),
    scatter: (perWindow) => gatherWithZero(tf.reshape(perWindow, [-1, outputs * area]), inv),
    dispose: () => tf.dispose([idx, inv]),
  };
}
