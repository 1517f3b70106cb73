/**
 * Elementwise activation h = f(a), with f' and f'' in closed form from src/engine/ops.ts's
 * ActivationOp (the same derivatives the dense-MLP passes use).
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationSpec, LayerNode } from '../../core/problem/model';
import { ACTIVATION_OPS, type ActivationOp } from '../ops';
import type { LayerPass, RTensor } from './types';

interface ActivationState {
  /** The fused-kernel output the derivatives are written in terms of. */
  u: tf.Tensor2D;
  h: tf.Tensor2D;
  d1: tf.Tensor2D;
  /** The last jvp's R{x} and f'(a) R{x}: rvjp's curvature term needs the same product for the same R{x}. */
  lastJvp?: { rx: RTensor; ry: RTensor };
}

/** The op's fused kernel applied to the pre-activation (every ACTIVATION_OPS entry has scale 1). */
function fusedOutput(op: ActivationOp, a: tf.Tensor2D): tf.Tensor2D {
  if (op.fused === 'relu') return tf.relu(a);
  if (op.fused === 'sigmoid') return tf.sigmoid(a);
  return a;
}

export function activationPass(node: LayerNode): LayerPass<ActivationState> {
  const op = ACTIVATION_OPS[(node.spec as ActivationSpec).fn];
  return {
    forward(x) {
      const u = fusedOutput(op, x);
      const h = op.fromFused(u) as tf.Tensor2D;
      return { y: h, state: { u, h, d1: op.d1(u, h) as tf.Tensor2D } };
    },
    jvp(state, rx) {
      if (!rx) return null;
      const ry = tf.mul(state.d1, rx) as RTensor;
      state.lastJvp = { rx, ry };
      return ry;
    },
    vjp: ({ d1 }, gy, _w, needInput) => ({ gx: needInput ? tf.mul(gy, d1) : null, gp: [] }),
    rvjp({ u, h, d1, lastJvp }, gy, rgy, rx, _w, _v, needInput) {
      if (!needInput) return { gx: null, gp: [] };
      // R{g f'(a)} = Rg f'(a) + g f''(a) Ra.
      const first = tf.mul(rgy, d1) as RTensor;
      if (!rx || !op.d2Times) return { gx: first, gp: [] };
      const curv = op.d2Times(u, h, d1, rx, lastJvp?.rx === rx ? lastJvp.ry : tf.mul(d1, rx));
      return { gx: tf.add(first, tf.mul(gy, curv)) as RTensor, gp: [] };
    },
    dispose() {},
  };
}
