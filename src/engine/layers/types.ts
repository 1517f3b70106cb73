/**
 * What one layer type's module provides to the model objective: its forward pass and the three
 * linearisations the curvature products are built from, all on activations kept as 2-D
 * [N, prod(shape)] tensors in NHWC row-major order (so flatten moves no data):
 * - jvp: the forward R-operator R{y} from R{x} and the direction's parameters (Pearlmutter 1994,
 *   "Fast exact multiplication by the Hessian");
 * - vjp: the reverse pass, dL/dx and dL/dparams from dL/dy;
 * - rvjp: the R-operator of the reverse pass, R{dL/dx} and R{dL/dparams}.
 * The R-passes run K directions at once: R-tensors are [K, N, F] (direction-major) and a direction's
 * parameter tensors [K, ...shape], so one set of kernels serves K Hessian-vector products. A null
 * R-tensor stands for zero (the data does not depend on the parameters).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerNode, ParamTensor } from '../../core/problem/model';

/** The float32 tensor of one parameter tensor: its shape for a point, [K, ...shape] for K directions. */
export interface ParamSource {
  get(t: ParamTensor): tf.Tensor;
}

/** A per-direction tensor: [K, N, F]. */
export type RTensor = tf.Tensor3D;

export interface Backward {
  gx: tf.Tensor2D | null;
  /** One gradient per parameter tensor of the layer, in layout order (a residual's: its body's). */
  gp: tf.Tensor[];
}

/** The R-operator of the reverse pass for K directions: R{dL/dx} [K, N, F] and R{dL/dparams}, each [K, ...shape]. */
export interface RBackward {
  gx: RTensor | null;
  gp: tf.Tensor[];
}

export interface LayerPass<S = unknown> {
  forward(x: tf.Tensor2D, w: ParamSource): { y: tf.Tensor2D; state: S };
  jvp(state: S, rx: RTensor | null, w: ParamSource, v: ParamSource): RTensor | null;
  /** `needInput`: whether dL/dx is wanted (not for the first layer); `needParams` false leaves `gp` empty. */
  vjp(state: S, gy: tf.Tensor2D, w: ParamSource, needInput: boolean, needParams?: boolean): Backward;
  /** R{dL/dx} and R{dL/dparams} from dL/dy, R{dL/dy} and R{x}. */
  rvjp(state: S, gy: tf.Tensor2D, rgy: RTensor, rx: RTensor | null, w: ParamSource, v: ParamSource, needInput: boolean): RBackward;
  /** Frees the constants the pass keeps (index tensors). */
  dispose(): void;
}

/** Builds a layer list's passes (the residual layer builds its body with it). */
export type BuildSequence = (nodes: readonly LayerNode[]) => LayerPass;

export interface LayerContext {
  /** Rows of data the pass runs on. */
  n: number;
  build: BuildSequence;
}

export type LayerFactory = (node: LayerNode, ctx: LayerContext) => LayerPass;

/** Adds two R-tensors where null is zero. */
export function addOrNull(a: RTensor | null, b: RTensor | null): RTensor | null {
  if (a === null) return b;
  if (b === null) return a;
  return tf.add(a, b);
}

/** [K, N, F] as [K*N, F], for kernels that see rows only. */
export function rows(r: RTensor): tf.Tensor2D {
  return tf.reshape(r, [-1, r.shape[2]]);
}

/** [K*N, ...] back to [K, N, F]. */
export function perDirection(t: tf.Tensor, k: number, n: number): RTensor {
  return tf.reshape(t, [k, n, -1]);
}

/** [a, b, c] as [b, a, c]: a reshape where a leading axis is 1, else a transpose. */
export function swapLeading(t: tf.Tensor, a: number, b: number, c: number): tf.Tensor3D {
  const t3 = tf.reshape(t, [a, b, c]) as tf.Tensor3D;
  return a === 1 || b === 1 ? tf.reshape(t3, [b, a, c]) : tf.transpose(t3, [1, 0, 2]);
}

/**
 * K directions as blocks side by side, [N, K*F], from [K, N, F]: the operand of one 2-D product
 * for all K directions. On WebGPU a product broadcast over K (a batched 3-D matmul) costs more than
 * the same product as one 2-D matmul and a transpose (SwiftShader, CPU time).
 */
export function columns(r: RTensor): tf.Tensor2D {
  const [k, n, f] = r.shape;
  return tf.reshape(swapLeading(r, k, n, f), [n, k * f]);
}

/** The inverse of `columns`: [N, K*F] back to [K, N, F]. */
export function fromColumns(t: tf.Tensor, k: number, n: number): RTensor {
  return swapLeading(t, n, k, t.size / (n * k));
}
