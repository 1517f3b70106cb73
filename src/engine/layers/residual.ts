/** Residual block y = x + body(x) (He et al. 2016, "Deep Residual Learning"); its parameters are its body's. */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import { type LayerContext, type LayerPass, addOrNull } from './types';

export function residualPass(node: LayerNode, ctx: LayerContext): LayerPass {
  const body = ctx.build(node.body ?? []);
  return {
    forward(x, w) {
      const { y, state } = body.forward(x, w);
      return { y: tf.add(x, y), state };
    },
    jvp: (state, rx, w, v) => addOrNull(rx, body.jvp(state, rx, w, v)),
    vjp(state, gy, w, _needInput, needParams = true) {
      const inner = body.vjp(state, gy, w, true, needParams);
      return { gx: tf.add(gy, inner.gx!), gp: inner.gp };
    },
    rvjp(state, gy, rgy, rx, w, v) {
      const inner = body.rvjp(state, gy, rgy, rx, w, v, true);
      return { gx: tf.add(rgy, inner.gx!), gp: inner.gp };
    },
    dispose: () => body.dispose(),
  };
}
