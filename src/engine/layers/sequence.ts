/** A layer list as one pass: each pass chained through the list, the reverse passes back through it. */
import type * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../../core/problem/model';
import type { LayerContext, LayerFactory, LayerPass, RTensor } from './types';

interface SequenceState {
  states: unknown[];
  /**
   * Each layer's R{x} from the last jvp, which rvjp reuses: within one Hessian-vector product the
   * forward R pass runs first (the loss head needs R{z}) and the reverse one with the same direction.
   */
  rIn: (RTensor | null)[] | null;
  /**
   * dL/dx from the last rvjp that wanted it, with the dL/dy it came from: rvjp walks the plain
   * reverse pass too, so a residual block's vjp for the same dL/dy (its caller's next step) reuses it
   * instead of running its body backwards a second time.
   */
  gIn: { gy: tf.Tensor2D; gx: tf.Tensor2D } | null;
}

export function sequencePass(nodes: readonly LayerNode[], ctx: LayerContext, factoryOf: (node: LayerNode) => LayerFactory): LayerPass<SequenceState> {
  const passes = nodes.map((node) => factoryOf(node)(node, ctx));
  const last = passes.length - 1;
  const rInputs = (state: SequenceState, rx: RTensor | null, w: Parameters<LayerPass['jvp']>[2], v: Parameters<LayerPass['jvp']>[3]): (RTensor | null)[] => {
    const rIn: (RTensor | null)[] = [rx];
    passes.forEach((pass, l) => rIn.push(pass.jvp(state.states[l], rIn[l], w, v)));
    return rIn;
  };
  return {
    forward(x, w) {
      const states: unknown[] = [];
      let h = x;
      for (const pass of passes) {
        const { y, state } = pass.forward(h, w);
        states.push(state);
        h = y;
      }
      return { y: h, state: { states, rIn: null, gIn: null } };
    },
    jvp(state, rx, w, v) {
      state.rIn = rInputs(state, rx, w, v);
      return state.rIn[passes.length];
    },
    vjp(state, gy, w, needInput, needParams = true) {
      if (!needParams && needInput && state.gIn?.gy === gy) return { gx: state.gIn.gx, gp: [] };
      const gp: tf.Tensor[][] = [];
      let g: tf.Tensor2D | null = gy;
      for (let l = last; l >= 0; l--) {
        const out = passes[l].vjp(state.states[l], g!, w, l > 0 || needInput, needParams);
        gp[l] = out.gp;
        g = out.gx;
      }
      return { gx: g, gp: gp.flat() };
    },
    rvjp(state, gy, rgy, rx, w, v, needInput) {
      const rIn = state.rIn ?? rInputs(state, rx, w, v);
      const rgp: tf.Tensor[][] = [];
      let g = gy;
      let rg = rgy;
      for (let l = last; l >= 0; l--) {
        const need = l > 0 || needInput;
        const r = passes[l].rvjp(state.states[l], g, rg, rIn[l], w, v, need);
        rgp[l] = r.gp;
        if (need) {
          g = passes[l].vjp(state.states[l], g, w, true, false).gx!;
          rg = r.gx!;
        }
      }
      if (needInput) state.gIn = { gy, gx: g };
      return { gx: needInput ? rg : null, gp: rgp.flat() };
    },
    dispose: () => passes.forEach((p) => p.dispose()),
  };
}
