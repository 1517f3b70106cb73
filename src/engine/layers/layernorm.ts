/**
 * Layer normalisation over the last axis (Ba, Kiros & Hinton 2016, "Layer Normalization"), biased
 * variance: y = g * xhat + b, xhat = (x - mean) s, s = 1 / sqrt(var + eps). With P(u) = u - mean(u)
 * - xhat mean(xhat u), the forward R-operator is R{xhat} = s P(R{x}) and the reverse pass is
 * dL/dx = s P(g * dL/dy); the reverse pass's R-operator differentiates that product by hand.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode, LayerNormSpec } from '../../core/problem/model';
import type { LayerPass, ParamSource, RTensor } from './types';

interface LayerNormState {
  xhat: tf.Tensor2D;
  /** 1 / sqrt(var + eps) per row, [M, 1]. */
  s: tf.Tensor2D;
}

const rowMean = (t: tf.Tensor): tf.Tensor2D => tf.mean(t, -1, true) as tf.Tensor2D;

export function layernormPass(node: LayerNode): LayerPass<LayerNormState> {
  const { eps } = node.spec as LayerNormSpec;
  const size = node.inShape.reduce((a, b) => a * b, 1);
  const C = node.inShape[node.inShape.length - 1];
  const [G, B] = node.tensors;
  const rowsOf = (t: tf.Tensor2D): tf.Tensor2D => tf.reshape(t, [-1, C]);
  const back = (t: tf.Tensor): tf.Tensor2D => tf.reshape(t, [-1, size]);
  /** [K, N, size] as [K, M, C] (M rows of C) and back. */
  const kRows = (t: RTensor): tf.Tensor3D => tf.reshape(t, [t.shape[0], -1, C]);
  const kBack = (t: tf.Tensor, k: number, n: number): RTensor => tf.reshape(t, [k, n, size]);
  /** u - mean(u) - xhat mean(xhat u), row by row (u may carry a leading direction axis). */
  const project = <T extends tf.Tensor>(xhat: tf.Tensor2D, u: T): T =>
    tf.sub(tf.sub(u, rowMean(u)), tf.mul(xhat, rowMean(tf.mul(xhat, u)))) as T;
  const rXhat = ({ xhat, s }: LayerNormState, rx: RTensor): tf.Tensor3D => tf.mul(s, project(xhat, kRows(rx)));
  const sumRows = (t: tf.Tensor): tf.Tensor => tf.sum(t, 0);
  /** A direction's [K, C] gain or bias, broadcast over rows. */
  const perDir = (t: tf.Tensor): tf.Tensor3D => tf.expandDims(t, 1);
  const gain = (w: ParamSource): tf.Tensor => w.get(G);
  return {
    forward(x, w) {
      const r = rowsOf(x);
      const xc = tf.sub(r, rowMean(r));
      const s = tf.rsqrt(tf.add(rowMean(tf.square(xc)), eps)) as tf.Tensor2D;
      const xhat = tf.mul(xc, s) as tf.Tensor2D;
      return { y: back(tf.add(tf.mul(xhat, gain(w)), w.get(B))), state: { xhat, s } };
    },
    jvp(state, rx, w, v) {
      const vG = v.get(G);
      const k = vG.shape[0];
      const n = state.xhat.shape[0] / (size / C);
      const fromParams = tf.add(tf.mul(state.xhat, perDir(vG)), perDir(v.get(B)));
      return kBack(rx ? tf.add(fromParams, tf.mul(rXhat(state, rx), gain(w))) : fromParams, k, n);
    },
    vjp({ xhat, s }, gy, w, needInput, needParams = true) {
      const g = rowsOf(gy);
      return {
        gx: needInput ? back(tf.mul(s, project(xhat, tf.mul(g, gain(w)) as tf.Tensor2D))) : null,
        gp: needParams ? [sumRows(tf.mul(g, xhat)), sumRows(g)] : [],
      };
    },
    rvjp(state, gy, rgy, rx, w, v, needInput) {
      const { xhat, s } = state;
      const [k, n] = rgy.shape;
      const g = rowsOf(gy);
      const rg = kRows(rgy);
      const rx2 = rx ? rXhat(state, rx) : null;
      const sumM = (t: tf.Tensor): tf.Tensor => tf.sum(t, 1);
      const rGain = rx2 ? sumM(tf.add(tf.mul(rg, xhat), tf.mul(g, rx2))) : sumM(tf.mul(rg, xhat));
      if (!needInput) return { gx: null, gp: [rGain, sumM(rg)] };
      const gh = tf.mul(g, gain(w)) as tf.Tensor2D;
      const rgh = tf.add(tf.mul(rg, gain(w)), tf.mul(g, perDir(v.get(G)))) as tf.Tensor3D;
      // R{s P(gh)} = R{s} P(gh) + s (P(R{gh}) - R{xhat} mean(xhat gh) - xhat mean(R{xhat} gh)), R{s} = -s^2 mean(xhat R{x}).
      let rgx: tf.Tensor = tf.mul(s, project(xhat, rgh));
      if (rx2 && rx) {
        const rs = tf.mul(tf.neg(tf.square(s)), rowMean(tf.mul(xhat, kRows(rx))));
        const fromXhat = tf.add(tf.mul(rx2, rowMean(tf.mul(xhat, gh))), tf.mul(xhat, rowMean(tf.mul(rx2, gh))));
        rgx = tf.add(tf.mul(rs, project(xhat, gh)), tf.sub(rgx, tf.mul(s, fromXhat)));
      }
      return { gx: kBack(rgx, k, n), gp: [rGain, sumM(rg)] };
    },
    dispose() {},
  };
}
