/**
 * The objective of a dense network problem: loss, gradient, Hessian-vector products and the dense
 * Hessian, in float32 tensors with one readback per call. Two HVP routes: an explicit R-operator
 * pass (Pearlmutter 1994, "Fast exact multiplication by the Hessian"; the default, faster) and
 * tf.grad of tf.grad through the twice-differentiable op set.
 */
import * as tf from '@tensorflow/tfjs';
import { countedObjective, type Objective, type ValueAndGrad } from '../core/objective';
import { numParams, type Problem } from '../core/problem/problem';
import { LOSS_HEADS, type LossHead } from './loss-heads';
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

interface LayerShape {
  nIn: number;
  nOut: number;
  offset: number;
}

function layerShapes(layers: readonly number[]): LayerShape[] {
  const shapes: LayerShape[] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    shapes.push({ nIn: layers[l - 1], nOut: layers[l], offset });
    offset += layers[l - 1] * layers[l] + layers[l];
  }
  return shapes;
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

interface Forward {
  /** Inputs to each layer: h[0] = X, h[l] = act(a[l-1]). */
  h: tf.Tensor2D[];
  /** Pre-activations of the hidden layers. */
  a: tf.Tensor2D[];
  z: tf.Tensor2D;
}

function forward(X: tf.Tensor2D, layers: readonly Layer[], act: (x: tf.Tensor) => tf.Tensor): Forward {
  const h: tf.Tensor2D[] = [X];
  const a: tf.Tensor2D[] = [];
  let z = X;
  layers.forEach(({ W, b }, l) => {
    z = tf.add(tf.matMul(h[l], W), b);
    if (l < layers.length - 1) {
      a.push(z);
      h.push(act(z) as tf.Tensor2D);
    }
  });
  return { h, a, z };
}

/** Reverse pass in closed form: dL/dW_l = h_{l-1}^T g_l, dL/db_l = sum g_l, g_{l-1} = act'(a) (g_l W_l^T). */
function backward(fw: Forward, layers: readonly Layer[], act: ActivationOp, gz: tf.Tensor2D): tf.Tensor[] {
  const grads: tf.Tensor[] = [];
  let g = gz;
  for (let l = layers.length - 1; l >= 0; l--) {
    grads[2 * l] = tf.matMul(fw.h[l], g, true, false);
    grads[2 * l + 1] = tf.sum(g, 0);
    if (l > 0) g = tf.mul(act.d1(fw.a[l - 1], fw.h[l]), tf.matMul(g, layers[l].W, false, true));
  }
  return grads;
}

/** K directions at once: W [K, in, out] and b [K, 1, out]. */
interface Directions {
  W: tf.Tensor3D;
  b: tf.Tensor3D;
}

/** Per-layer direction tensors for the rows of `flat` ([K, P] row-major), in float32. */
function toDirections(flat: Float32Array, k: number, shapes: readonly LayerShape[]): Directions[] {
  const P = flat.length / k;
  return tf.tidy(() => {
    const all = tf.tensor2d(flat, [k, P]);
    return shapes.map(({ nIn, nOut, offset }) => ({
      W: tf.reshape(tf.slice(all, [0, offset], [k, nIn * nOut]), [k, nIn, nOut]) as tf.Tensor3D,
      b: tf.reshape(tf.slice(all, [0, offset + nIn * nOut], [k, nOut]), [k, 1, nOut]) as tf.Tensor3D,
    }));
  });
}

/**
 * Pearlmutter's R-operator: R{.} = d/dr (.)(w + r v) at r = 0, pushed forward through the network
 * and then back through the reverse pass; R{dL/dw} = H v. Runs K directions as a batch and
 * returns [K, P] in the parameter layout.
 */
function rOpHvp(
  fw: Forward,
  layers: readonly Layer[],
  dirs: readonly Directions[],
  act: ActivationOp,
  head: LossHead,
  target: tf.Tensor2D,
): tf.Tensor2D {
  const L = layers.length;
  const K = dirs[0].W.shape[0];
  const h3 = fw.h.map((h) => tf.expandDims(h, 0) as tf.Tensor3D);
  const d1 = fw.a.map((a, l) => act.d1(a, fw.h[l + 1]));
  const d2 = fw.a.map((a, l) => act.d2(a, fw.h[l + 1]));
  // Forward R pass, [K, N, width]; rh[0] = R{X} = 0 is left out (null).
  const ra: tf.Tensor3D[] = [];
  const rh: (tf.Tensor3D | null)[] = [null];
  for (let l = 0; l < L; l++) {
    let r = tf.add(tf.matMul(h3[l], dirs[l].W), dirs[l].b) as tf.Tensor3D;
    const rhl = rh[l];
    if (rhl) r = tf.add(r, tf.matMul(rhl, tf.expandDims(layers[l].W, 0) as tf.Tensor3D));
    ra.push(r);
    if (l < L - 1) rh.push(tf.mul(d1[l], r));
  }
  // Reverse pass of the gradient (shared by all directions) together with its R-derivative.
  let g = head.grad(fw.z, target);
  let rg = head.hvp(fw.z, target, ra[L - 1]) as tf.Tensor3D;
  const out: tf.Tensor[] = [];
  for (let l = L - 1; l >= 0; l--) {
    const g3 = tf.expandDims(g, 0) as tf.Tensor3D;
    let rgW = tf.matMul(h3[l], rg, true, false);
    const rhl = rh[l];
    if (rhl) rgW = tf.add(rgW, tf.matMul(rhl, g3, true, false));
    out[2 * l] = tf.reshape(rgW, [K, -1]);
    out[2 * l + 1] = tf.sum(rg, 1);
    if (l > 0) {
      const Wt = tf.expandDims(layers[l].W, 0) as tf.Tensor3D;
      const gh = tf.matMul(g, layers[l].W, false, true);
      const rgh = tf.add(tf.matMul(rg, Wt, false, true), tf.matMul(g3, dirs[l].W, false, true));
      let next = tf.mul(d1[l - 1], rgh);
      const curv = d2[l - 1];
      if (curv) next = tf.add(next, tf.mul(tf.mul(curv, ra[l - 1]), gh));
      rg = next as tf.Tensor3D;
      g = tf.mul(d1[l - 1], gh) as tf.Tensor2D;
    }
  }
  return tf.concat(out, 1) as tf.Tensor2D;
}

function sqNorm(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return s;
}

/** Adds wd * w to a float32 readback, in float64. */
function withDecay(values: Float32Array, wd: number, w: Float64Array): Float64Array {
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
  const X = tf.keep(tf.tensor2d(rows.map((i) => problem.X[i]), [rows.length, problem.layers[0]]));
  const target = tf.keep(targetTensor(problem, rows));
  const act = ACTIVATION_OPS[problem.activation];
  const head = LOSS_HEADS[problem.loss];
  const wd = problem.weightDecay;

  const lossOf = (layers: readonly Layer[]): tf.Scalar => head.value(forward(X, layers, act.f).z, target);
  /** Loss as a function of the layer tensors, in the order W1, b1, W2, b2, ... (for tf.grads). */
  const lossOfFlatList = (...ts: tf.Tensor[]): tf.Scalar =>
    lossOf(shapes.map((_, l) => ({ W: ts[2 * l] as tf.Tensor2D, b: ts[2 * l + 1] as tf.Tensor1D })));
  const listOf = (layers: readonly Layer[]): tf.Tensor[] => layers.flatMap(({ W, b }) => [W, b]);

  /** H v for each row of `dirs` ([K, P] row-major), as a [K, P] tensor, by the chosen route. */
  const hvpRows = (w: Float64Array, dirs: Float32Array, k: number): tf.Tensor2D => {
    const layers = toLayers(w, shapes);
    if (mode === 'rop') return rOpHvp(forward(X, layers, act.f), layers, toDirections(dirs, k, shapes), act, head, target);
    const gradFn = tf.grads(lossOfFlatList);
    const rows: tf.Tensor[] = [];
    for (let i = 0; i < k; i++) {
      const vs = listOf(toLayers(dirs.subarray(i * dim, (i + 1) * dim), shapes));
      const directional = (...ts: tf.Tensor[]): tf.Scalar =>
        tf.addN(gradFn(ts).map((g, j) => tf.sum(tf.mul(g, vs[j])))) as tf.Scalar;
      rows.push(flatten(tf.grads(directional)(listOf(layers))));
    }
    return tf.stack(rows) as tf.Tensor2D;
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
      const t = tf.tidy(() => lossOf(toLayers(w, shapes)));
      const [loss] = await readOnce(t);
      return loss + 0.5 * wd * sqNorm(w);
    },
    async valueAndGrad(w: Float64Array): Promise<ValueAndGrad> {
      const t = tf.tidy(() => {
        const layers = toLayers(w, shapes);
        if (mode === 'rop') {
          const fw = forward(X, layers, act.f);
          const loss = head.value(fw.z, target);
          return tf.concat([tf.reshape(loss, [1]), flatten(backward(fw, layers, act, head.grad(fw.z, target)))]);
        }
        const { value, grads } = tf.valueAndGrads(lossOfFlatList)(listOf(layers));
        return tf.concat([tf.reshape(value, [1]), flatten(grads)]);
      });
      const out = await readOnce(t);
      return { value: out[0] + 0.5 * wd * sqNorm(w), grad: withDecay(out.subarray(1), wd, w) };
    },
    async hvp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      const t = tf.tidy(() => hvpRows(w, Float32Array.from(v), 1));
      return withDecay(await readOnce(t), wd, v);
    },
    /** H e_i for every basis vector, `chunk` products batched per readback. */
    async hessian(w: Float64Array): Promise<Float64Array> {
      const H = new Float64Array(dim * dim);
      for (let start = 0; start < dim; start += chunk) {
        const k = Math.min(dim, start + chunk) - start;
        const basis = new Float32Array(k * dim);
        for (let i = 0; i < k; i++) basis[i * dim + start + i] = 1;
        const t = tf.tidy(() => hvpRows(w, basis, k));
        H.set(await readOnce(t), start * dim);
      }
      for (let i = 0; i < dim; i++) H[i * dim + i] += wd;
      // Float32 products are symmetric only to rounding; symmetrise so eigen-solvers see a symmetric matrix.
      for (let i = 0; i < dim; i++) {
        for (let j = i + 1; j < dim; j++) {
          const s = 0.5 * (H[i * dim + j] + H[j * dim + i]);
          H[i * dim + j] = s;
          H[j * dim + i] = s;
        }
      }
      return H;
    },
  };
  const counted = countedObjective(raw);
  return Object.assign(counted, {
    hvpMode: mode,
    dispose(): void {
      X.dispose();
      target.dispose();
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
