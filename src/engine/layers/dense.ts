/**
 * Dense layer y = x W + b: W [in, units], then b [units]. The R-passes for K directions are 2-D
 * products, the directions' blocks side by side (types.ts `columns`): on SwiftShader's WebGPU a
 * product broadcast over K ran slower than one 2-D product and a transpose, and a transposed right
 * operand keeps TF.js's WebGPU matmul off its vec4 kernel, so W^T and the V_k^T come transposed
 * first and widths are padded to multiples of 4 there (matmul4.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import { matMul4, weightAndBiasGrads } from './matmul4';
import { type LayerPass, type RTensor, addOrNull, columns, fromColumns, perDirection, rows, swapLeading } from './types';

interface DenseState {
  x: tf.Tensor2D;
}

export function densePass(node: LayerNode): LayerPass<DenseState> {
  const [W, b] = node.tensors;
  const [inputs, units] = W.shape;
  const mat = (t: tf.Tensor): tf.Tensor2D => t as tf.Tensor2D;
  return {
    forward(x, w) {
      return { y: tf.fused.matMul({ a: x, b: mat(w.get(W)), bias: w.get(b) }) as tf.Tensor2D, state: { x } };
    },
    jvp({ x }, rx, w, v) {
      // x [V_1 | ... | V_K] + [vb_1 | ... | vb_K] in one product, then R{x} W for all K N rows in another.
      const vW = v.get(W);
      const k = vW.shape[0];
      const n = x.shape[0];
      const side = tf.reshape(swapLeading(vW, k, inputs, units), [inputs, k * units]);
      // The biases are added, not fused: wasm's fused matmul takes only a bias created rank-1, and vb is [K, units].
      const fromParams = fromColumns(tf.add(matMul4(x, mat(side)), tf.reshape(v.get(b), [k * units])), k, n);
      return addOrNull(fromParams, rx ? perDirection(matMul4(rows(rx), mat(w.get(W))), k, n) : null);
    },
    vjp({ x }, gy, w, needInput, needParams = true) {
      return {
        gx: needInput ? tf.matMul(gy, mat(w.get(W)), false, true) : null,
        gp: needParams ? [tf.matMul(x, gy, true, false), tf.sum(gy, 0)] : [],
      };
    },
    rvjp({ x }, gy, rgy, rx, w, v, needInput) {
      // R{gx} = Rg W^T + g V^T; R{gW} = x^T Rg + Rx^T g; R{gb} = 1^T Rg, per direction.
      const [k, n] = rgy.shape;
      const vW = v.get(W);
      let rgx: RTensor | null = null;
      if (needInput) {
        const stacked = tf.reshape(tf.transpose(vW, [2, 0, 1]), [units, k * inputs]);
        rgx = tf.add<tf.Tensor3D>(perDirection(matMul4(rows(rgy), tf.transpose(mat(w.get(W)))), k, n), fromColumns(matMul4(gy, mat(stacked)), k, n));
      }
      const fromRg = weightAndBiasGrads(x, columns(rgy));
      const xTrg = swapLeading(fromRg.gW, inputs, k, units);
      const gW = rx ? tf.add(xTrg, tf.reshape(matMul4(columns(rx), gy, true), [k, inputs, units])) : xTrg;
      return { gx: rgx, gp: [gW, tf.reshape(fromRg.gb, [k, units])] };
    },
    dispose() {},
  };
}
