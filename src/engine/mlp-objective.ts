/**
 * The objective of a dense network problem: loss, gradient, Hessian-vector products and the dense
 * Hessian, in float32 tensors with one readback per call. Two routes: closed-form passes with an
 * explicit R-operator pass (Pearlmutter 1994, "Fast exact multiplication by the Hessian"; the
 * default, faster; see mlp-passes.ts) and tf.grad (of tf.grad) through the twice-differentiable op set.
 */
import * as tf from '@tensorflow/tfjs';
import { symmetrise } from '../core/linalg/symmetrise';
import { countedObjective, type KfacLayerFactors, type Objective, type ValueAndGrad } from '../core/objective';
import { empiricalFisherPass, ggnPass, kfacFactorPass } from './ggn-pass';
import { sampleTargets } from '../core/curvature/sample-targets';
import { createRng } from '../core/random';
import { type LayerShape, layerShapes, numParams, type Problem } from '../core/problem/problem';
import { LOSS_HEADS, type LossHead } from './loss-heads';
import { createNetworkData, disposeNetworkData, forward, gradientFromProducts, gradientPass, outputScale, rOpPass } from './mlp-passes';
import { ACTIVATION_OPS, type ActivationOp } from './ops';

export type HvpMode = 'rop' | 'double-backprop';

export interface NetworkObjectiveOptions {
  /** Row indices of a mini-batch; the objective is then the loss over those rows only. */
  batch?: number[];
  hvpMode?: HvpMode;
  /** How many HVPs the dense Hessian runs between readbacks. */
  hessianChunk?: number;
}

export interface NetworkObjective extends Objective {
  readonly hvpMode: HvpMode;
  /** Frees the data tensors; the objective cannot be used afterwards. */
  dispose(): void;
}

interface Layer {
  W: tf.Tensor2D;
  b: tf.Tensor1D;
}

/** Splits a flat vector into per-layer tensors (W [in, out] row-major, then b), in float32. */
function toLayers(flat: Float64Array | Float32Array, shapes: readonly LayerShape[]): Layer[] {
  const f32 = Float32Array.from(flat);
  return shapes.map(({ nIn, nOut, offset }) => ({
    W: tf.tensor2d(f32.subarray(offset, offset + nIn * nOut), [nIn, nOut]),
    b: tf.tensor1d(f32.subarray(offset + nIn * nOut, offset + nIn * nOut + nOut)),
  }));
}

/** Per-layer gradient tensors flattened in the parameter layout. */
function flatten(parts: tf.Tensor[]): tf.Tensor1D {
  return tf.concat(parts.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
}

function targetTensor(problem: Problem, rows: readonly number[]): tf.Tensor2D {
  const nOut = problem.layers[problem.layers.length - 1];
  if (problem.loss === 'mse') {
    const y = problem.y as number[][];
    return tf.tensor2d(rows.map((i) => y[i]), [rows.length, nOut]);
  }
  const labels = problem.y as number[];
  if (problem.loss === 'binary_cross_entropy') return tf.tensor2d(rows.map((i) => [labels[i]]), [rows.length, 1]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(rows.map((i) => labels[i]), 'int32'), nOut).toFloat() as tf.Tensor2D);
}

/** The twice-differentiable forward pass, for tf.grad. */
function differentiableLoss(X: tf.Tensor2D, layers: readonly Layer[], act: ActivationOp, head: LossHead, target: tf.Tensor2D): tf.Scalar {
  let z = X;
  layers.forEach(({ W, b }, l) => {
    z = tf.add(tf.matMul(z, W), b);
    if (l < layers.length - 1) z = act.f(z) as tf.Tensor2D;
  });
  return head.value(z, target);
}

function sqNorm(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return s;
}

/** Adds wd * w to a readback, in float64. */
function withDecay(values: Float32Array | Float64Array, wd: number, w: Float64Array): Float64Array {
  const out = Float64Array.from(values);
  if (wd !== 0) for (let i = 0; i < out.length; i++) out[i] += wd * w[i];
  return out;
}

/** The objective of `problem` (optionally restricted to a mini-batch of rows); weight decay added in float64. */
export function createNetworkObjective(problem: Problem, opts: NetworkObjectiveOptions = {}): NetworkObjective {
  const mode: HvpMode = opts.hvpMode ?? 'rop';
  const chunk = opts.hessianChunk ?? 32;
  const dim = numParams(problem.layers);
  const shapes = layerShapes(problem.layers);
  const rows = opts.batch ?? problem.X.map((_, i) => i);
  const act = ACTIVATION_OPS[problem.activation];
  const head = LOSS_HEADS[problem.loss];
  const data = createNetworkData(
    shapes,
    problem.activation,
    head,
    tf.tensor2d(rows.map((i) => problem.X[i]), [rows.length, problem.layers[0]]),
    targetTensor(problem, rows),
  );
  const { X, target } = data;
  const wd = problem.weightDecay;

  /** Loss as a function of the layer tensors, in the order W1, b1, W2, b2, ... (for tf.grads). */
  const lossOfFlatList = (...ts: tf.Tensor[]): tf.Scalar =>
    differentiableLoss(X, shapes.map((_, l) => ({ W: ts[2 * l] as tf.Tensor2D, b: ts[2 * l + 1] as tf.Tensor1D })), act, head, target);
  const listOf = (layers: readonly Layer[]): tf.Tensor[] => layers.flatMap(({ W, b }) => [W, b]);

  /** H v for each row of `dirs` ([K, P] row-major) by tf.grad of tf.grad, as a [K, P] tensor. */
  const doubleBackpropRows = (w: Float64Array, dirs: Float32Array, k: number): tf.Tensor2D => {
    const layers = toLayers(w, shapes);
    const gradFn = tf.grads(lossOfFlatList);
    const out: tf.Tensor[] = [];
    for (let i = 0; i < k; i++) {
      const vs = listOf(toLayers(dirs.subarray(i * dim, (i + 1) * dim), shapes));
      const directional = (...ts: tf.Tensor[]): tf.Scalar =>
        tf.addN(gradFn(ts).map((g, j) => tf.sum(tf.mul(g, vs[j])))) as tf.Scalar;
      out.push(flatten(tf.grads(directional)(listOf(layers))));
    }
    return tf.stack(out) as tf.Tensor2D;
  };

  /** H v for each row of `dirs`, before weight decay, by the chosen route. */
  const hvpRows = async (w: Float64Array, dirs: Float32Array, k: number): Promise<Float64Array> => {
    if (mode === 'double-backprop') return Float64Array.from(await readOnce(tf.tidy(() => doubleBackpropRows(w, dirs, k))));
    const read = await readOnce(tf.tidy(() => rOpPass(data, w, dirs, k, forward(data, w))));
    const scale = outputScale(data);
    return Float64Array.from(read, (x) => scale * x);
  };

  async function readOnce(t: tf.Tensor): Promise<Float32Array> {
    try {
      return (await t.data()) as Float32Array;
    } finally {
      t.dispose();
    }
  }

  const raw = {
    dim,
    async value(w: Float64Array): Promise<number> {
      const t = tf.tidy(() =>
        mode === 'rop' ? head.value(forward(data, w).z, target) : differentiableLoss(X, toLayers(w, shapes), act, head, target),
      );
      const [loss] = await readOnce(t);
      return loss + 0.5 * wd * sqNorm(w);
    },
    async valueAndGrad(w: Float64Array): Promise<ValueAndGrad> {
      if (mode === 'rop') {
        const read = await readOnce(tf.tidy(() => gradientPass(data, w, forward(data, w))));
        return { value: read[0] + 0.5 * wd * sqNorm(w), grad: withDecay(gradientFromProducts(data, read), wd, w) };
      }
      const t = tf.tidy(() => {
        const { value, grads } = tf.valueAndGrads(lossOfFlatList)(listOf(toLayers(w, shapes)));
        return tf.concat([tf.reshape(value, [1]), flatten(grads)]);
      });
      const out = await readOnce(t);
      return { value: out[0] + 0.5 * wd * sqNorm(w), grad: withDecay(out.subarray(1), wd, w) };
    },
    async hvp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      return withDecay(await hvpRows(w, Float32Array.from(v), 1), wd, v);
    },
    /** H v for the k rows of V (k x dim, row-major): one R-operator pass carries all k directions. */
    async hvpBatch(w: Float64Array, V: Float64Array, k: number): Promise<Float64Array> {
      if (V.length !== k * dim) throw new Error(`hvpBatch: V has ${V.length} entries, expected ${k} x ${dim}`);
      return withDecay(await hvpRows(w, Float32Array.from(V), k), wd, V);
    },
    /** H e_i for every basis vector, `chunk` products batched per readback. */
    async hessian(w: Float64Array): Promise<Float64Array> {
      const H = new Float64Array(dim * dim);
      for (let start = 0; start < dim; start += chunk) {
        const k = Math.min(dim, start + chunk) - start;
        const basis = new Float32Array(k * dim);
        for (let i = 0; i < k; i++) basis[i * dim + start + i] = 1;
        H.set(await hvpRows(w, basis, k), start * dim);
      }
      for (let i = 0; i < dim; i++) H[i * dim + i] += wd;
      return symmetrise(H, dim);
    },
    /** G v by the closed-form Gauss-Newton pass on either HVP route (see ggn-pass.ts). */
    async ggnvp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      const read = await readOnce(tf.tidy(() => ggnPass(data, w, v, forward(data, w))));
      const scale = outputScale(data);
      return withDecay(Float64Array.from(read, (x) => scale * x), wd, v);
    },
    async empiricalFisherVp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      const read = await readOnce(tf.tidy(() => empiricalFisherPass(data, w, v, forward(data, w))));
      const factor = rows.length * outputScale(data) ** 2;
      return withDecay(Float64Array.from(read, (x) => factor * x), wd, v);
    },
    async kfacFactors(w: Float64Array): Promise<KfacLayerFactors[]> {
      const read = await readOnce(tf.tidy(() => kfacFactorPass(data, w, forward(data, w))));
      const scale = outputScale(data);
      let at = 0;
      return shapes.map(({ nIn, nOut, offset }) => {
        const a = (nIn + 1) * (nIn + 1);
        const A = Float64Array.from(read.subarray(at, at + a), (x) => x / rows.length);
        const S = Float64Array.from(read.subarray(at + a, at + a + nOut * nOut), (x) => scale * x);
        at += a + nOut * nOut;
        return { nIn, nOut, offset, A, S };
      });
    },
    /** The gradient at targets sampled from the model at w (Sophia's Gauss-Newton-Bartlett estimator), without weight decay. */
    async sampledTargetGradient(w: Float64Array, seed: number): Promise<{ grad: Float64Array; rows: number }> {
      const nOut = shapes[shapes.length - 1].nOut;
      const z = await readOnce(tf.tidy(() => forward(data, w).z));
      const t = sampleTargets(problem.loss, z, rows.length, nOut, createRng(seed));
      const sampled = { ...data, target: tf.tensor2d(Float32Array.from(t), [rows.length, nOut]) };
      try {
        const read = await readOnce(tf.tidy(() => gradientPass(sampled, w, forward(sampled, w))));
        return { grad: gradientFromProducts(sampled, read), rows: rows.length };
      } finally {
        sampled.target.dispose();
      }
    },
    paramMatrices: shapes.flatMap(({ nIn, nOut, offset }) => [
      { offset, rows: nIn, cols: nOut },
      { offset: offset + nIn * nOut, rows: 1, cols: nOut },
    ]),
  };
  const counted = countedObjective(raw);
  return Object.assign(counted, {
    hvpMode: mode,
    dispose(): void {
      disposeNetworkData(data);
    },
  });
}

/** A probe for backend selection: one gradient of `problem`, on whichever backend is active. */
export function probeGradient(problem: Problem): () => Promise<void> {
  return async () => {
    const objective = createNetworkObjective(problem);
    try {
      await objective.valueAndGrad(problem.params);
    } finally {
      objective.dispose();
    }
  };
}
