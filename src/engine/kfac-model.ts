/**
 * K-FAC's Kronecker factors for layer-list models, one block per parametrised layer in parameter
 * order (Martens & Grosse 2015, "Optimizing Neural Networks with Kronecker-factored Approximate
 * Curvature"; Grosse & Martens 2016, "A Kronecker-factored approximate Fisher matrix for convolution
 * layers"). The expectation over the model's predictive distribution is taken exactly through the
 * loss head's output Hessian Lambda (Botev, Ritter & Barber 2017), as for the dense MLPs
 * (ggn-pass.ts): for each output c the cotangents e_c and Lambda e_c are back-propagated, and
 * sum_c D_c^T M_c over a layer's output cotangents is sum_i B_i^T Lambda_i B_i.
 * - dense: A = E[[x, 1][x, 1]^T], S = sum_i B_i^T Lambda_i B_i (times the head's scale).
 * - conv2d (KFC): A = E[sum_t [p_t, 1][p_t, 1]^T] over the im2col patches p_t of the T output
 *   positions, the bias as a homogeneous coordinate in every patch; S = (1/T) sum_i sum_t
 *   B_it^T Lambda_i B_it. Their product is the paper's approximation under spatial homogeneity and
 *   spatially uncorrelated derivatives; with one position it is the dense layer's factorisation.
 * - layernorm: its gain and its bias are each a block with no input factor (A = [1], nIn = 0) and S
 *   the exact Gauss-Newton block of that tensor, from the per-example gradients sum over positions
 *   of g * xhat and of g: K-FAC's factorisation does not fit an elementwise gain, and a C x C block
 *   is small enough to keep whole.
 * A new parametrised layer type fails here by name until it has its factors.
 */
import * as tf from '@tensorflow/tfjs';
import type { KfacLayerFactors } from '../core/objective';
import type { Conv2dSpec, LayerNode, LayerNormSpec, ModelLayout } from '../core/problem/model';
import { convPatches } from './layers/conv-patches';
import { LAYER_PASSES } from './layers/registry';
import { sequencePass } from './layers/sequence';
import type { LayerContext, LayerFactory, LayerPass, ParamSource } from './layers/types';
import type { LossHead } from './loss-heads';

/** A leaf layer with its passes, or a residual block with its body's steps. */
type Step = { node: LayerNode; pass: LayerPass; body?: undefined } | { node: LayerNode; body: Step[]; pass?: undefined };

/** What the forward pass kept for the way back: each step's input and state. */
interface Trace {
  x: tf.Tensor2D;
  state?: unknown;
  body?: Trace[];
}

/** How one parametrised layer turns into factor blocks. */
interface BlockRule {
  /** The unscaled input factors (one per block) from the layer's input x [N, in]. */
  inputs(x: tf.Tensor2D): tf.Tensor2D[];
  /** The unscaled output-side sums (one per block) from a cotangent pair at the layer's output. */
  outputs(x: tf.Tensor2D, d: tf.Tensor2D, m: tf.Tensor2D): tf.Tensor2D[];
  /** Each block's shape, the offset of its first parameter, and the factor on its S beyond the head's scale. */
  blocks: { nIn: number; nOut: number; offset: number; sScale: number }[];
}

/** [x, 1]^T [x, 1] for rows x. */
function augmentedGram(x: tf.Tensor2D): tf.Tensor2D {
  const xa = tf.concat([x, tf.ones([x.shape[0], 1])], 1);
  return tf.matMul(xa, xa, true, false);
}

function ruleFor(node: LayerNode): BlockRule {
  const spec = node.spec;
  if (spec.type === 'dense') {
    const [W] = node.tensors;
    return {
      inputs: (x) => [augmentedGram(x)],
      outputs: (_x, d, m) => [tf.matMul(d, m, true, false)],
      blocks: [{ nIn: W.shape[0], nOut: W.shape[1], offset: W.offset, sScale: 1 }],
    };
  }
  if (spec.type === 'conv2d') {
    const { kernel, filters } = spec as Conv2dSpec;
    const C = node.inShape[2];
    const T = node.outShape[0] * node.outShape[1];
    const perPosition = (t: tf.Tensor2D): tf.Tensor2D => tf.reshape(t, [-1, filters]);
    return {
      inputs: (x) => [augmentedGram(convPatches(node, x))],
      outputs: (_x, d, m) => [tf.matMul(perPosition(d), perPosition(m), true, false)],
      blocks: [{ nIn: kernel * kernel * C, nOut: filters, offset: node.tensors[0].offset, sScale: 1 / T }],
    };
  }
  if (spec.type === 'layernorm') {
    const { eps } = spec as LayerNormSpec;
    const C = node.inShape[node.inShape.length - 1];
    const [G, B] = node.tensors;
    /** [N, positions, C] views of a [N, size] tensor. */
    const grid = (t: tf.Tensor2D): tf.Tensor3D => tf.reshape(t, [t.shape[0], -1, C]);
    const normalised = (x: tf.Tensor2D): tf.Tensor3D => {
      const xc = tf.sub(grid(x), tf.mean(grid(x), -1, true));
      return tf.mul(xc, tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), eps))) as tf.Tensor3D;
    };
    return {
      inputs: () => [tf.ones([1, 1]), tf.ones([1, 1])],
      outputs: (x, d, m) => {
        const xhat = normalised(x);
        const gain = (g: tf.Tensor2D): tf.Tensor2D => tf.sum(tf.mul(grid(g), xhat), 1);
        const bias = (g: tf.Tensor2D): tf.Tensor2D => tf.sum(grid(g), 1);
        return [tf.matMul(gain(d), gain(m), true, false), tf.matMul(bias(d), bias(m), true, false)];
      },
      blocks: [
        { nIn: 0, nOut: C, offset: G.offset, sScale: 1 },
        { nIn: 0, nOut: C, offset: B.offset, sScale: 1 },
      ],
    };
  }
  throw new Error(`K-FAC has no Kronecker factors for ${node.path} (${spec.type}); only dense, conv2d and layernorm layers carry parameters it can factor`);
}

export interface KfacModelPass {
  /** The unscaled factors joined as [A'_0, S'_0, A'_1, S'_1, ...] flattened, in parameter order. */
  factorTensor(X: tf.Tensor2D, target: tf.Tensor2D, head: LossHead, w: ParamSource): tf.Tensor1D;
  /** The factors from `factorTensor`'s readback: A = A' / N, S = scale * sScale * S', S symmetrised. */
  unpack(read: Float32Array, n: number, scale: number): KfacLayerFactors[];
  dispose(): void;
}

/** K-FAC's factor pass for `layout` on `n` rows of data. */
export function createKfacModelPass(layout: ModelLayout, n: number): KfacModelPass {
  const factoryOf = (node: LayerNode): LayerFactory => LAYER_PASSES[node.spec.type];
  const ctx: LayerContext = { n, build: (inner) => sequencePass(inner, ctx, factoryOf) };
  const build = (nodes: readonly LayerNode[]): Step[] =>
    nodes.map((node) => (node.spec.type === 'residual' ? { node, body: build(node.body ?? []) } : { node, pass: factoryOf(node)(node, ctx) }));
  const steps = build(layout.nodes);
  const parametrised: LayerNode[] = [];
  const collect = (s: readonly Step[]): void => {
    for (const step of s) {
      if (step.body) collect(step.body);
      else if (step.node.size > 0) parametrised.push(step.node);
    }
  };
  collect(steps);
  const rules = new Map(parametrised.map((node) => [node, ruleFor(node)]));

  const forward = (s: readonly Step[], x: tf.Tensor2D, w: ParamSource): { y: tf.Tensor2D; traces: Trace[] } => {
    const traces: Trace[] = [];
    let h = x;
    for (const step of s) {
      if (step.body) {
        const inner = forward(step.body, h, w);
        traces.push({ x: h, body: inner.traces });
        h = tf.add(h, inner.y);
      } else {
        const { y, state } = step.pass.forward(h, w);
        traces.push({ x: h, state });
        h = y;
      }
    }
    return { y: h, traces };
  };

  /** Back-propagates g from the output of `s`, handing every parametrised layer its input and output cotangent. */
  const backward = (s: readonly Step[], traces: readonly Trace[], g: tf.Tensor2D, w: ParamSource, needInput: boolean, visit: (node: LayerNode, x: tf.Tensor2D, g: tf.Tensor2D) => void): tf.Tensor2D | null => {
    let cur: tf.Tensor2D | null = g;
    for (let l = s.length - 1; l >= 0; l--) {
      const step = s[l];
      const trace = traces[l];
      const need = l > 0 || needInput;
      if (step.body) {
        cur = tf.add(cur!, backward(step.body, trace.body!, cur!, w, true, visit)!);
        continue;
      }
      if (step.node.size > 0) visit(step.node, trace.x, cur!);
      cur = need ? step.pass.vjp(trace.state, cur!, w, true, false).gx : null;
    }
    return cur;
  };

  return {
    factorTensor(X, target, head, w) {
      const { y: z, traces } = forward(steps, X, w);
      const inputs = new Map<LayerNode, tf.Tensor2D>();
      const [rowsN, nOut] = z.shape;
      const top = head.derivatives(z, target);
      const sums = new Map<LayerNode, tf.Tensor2D[]>();
      for (let c = 0; c < nOut; c++) {
        const unit = new Float32Array(nOut);
        unit[c] = 1;
        const e = tf.add(tf.zeros([rowsN, nOut]), tf.tensor2d(unit, [1, nOut])) as tf.Tensor2D;
        const atOutput = new Map<LayerNode, tf.Tensor2D>();
        backward(steps, traces, e, w, false, (node, x, g) => {
          atOutput.set(node, g);
          if (!inputs.has(node)) inputs.set(node, x);
        });
        backward(steps, traces, top.hvp(e), w, false, (node, x, m) => {
          const terms = rules.get(node)!.outputs(x, atOutput.get(node)!, m);
          const prev = sums.get(node);
          sums.set(node, prev ? prev.map((p, i) => tf.add(p, terms[i]) as tf.Tensor2D) : terms);
        });
      }
      const parts: tf.Tensor[] = [];
      for (const node of parametrised) {
        const rule = rules.get(node)!;
        const A = rule.inputs(inputs.get(node)!);
        const S = sums.get(node)!;
        rule.blocks.forEach((_, i) => parts.push(tf.reshape(A[i], [-1]), tf.reshape(S[i], [-1])));
      }
      return tf.concat(parts) as tf.Tensor1D;
    },
    unpack(read, rowsN, scale) {
      let at = 0;
      return parametrised.flatMap((node) =>
        rules.get(node)!.blocks.map(({ nIn, nOut, offset, sScale }) => {
          const a = (nIn + 1) * (nIn + 1);
          // A bias-only block's input factor is the homogeneous coordinate alone, E[1 * 1] = 1.
          const A = nIn === 0 ? Float64Array.of(1) : Float64Array.from(read.subarray(at, at + a), (v) => v / rowsN);
          at += a;
          const S = new Float64Array(nOut * nOut);
          for (let i = 0; i < nOut; i++)
            for (let j = 0; j < nOut; j++) S[i * nOut + j] = 0.5 * scale * sScale * (read[at + i * nOut + j] + read[at + j * nOut + i]);
          at += nOut * nOut;
          return { nIn, nOut, offset, A, S };
        }),
      );
    },
    dispose() {
      const free = (s: readonly Step[]): void => s.forEach((step) => (step.body ? free(step.body) : step.pass.dispose()));
      free(steps);
    },
  };
}
