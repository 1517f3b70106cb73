/**
 * Closed-form passes through a dense network: the forward pass, the reverse pass (gradient) and
 * Pearlmutter's R-operator pass (1994, "Fast exact multiplication by the Hessian") for K
 * directions at once. At these sizes (a few hundred rows, widths of tens) the wasm backend's cost
 * is set by three things, and the passes are laid out for them:
 * - every kernel costs a few microseconds however small, so each step is one kernel where it can be
 *   (biases fused into the matmuls, K directions as one matmul against [V_1 | ... | V_K], the
 *   products R{dL/dW} = Rh^T g + h^T Rg as one matmul over the stacked rows [Rh; h] and [g; Rg]);
 * - the matmul kernel repacks its right operand every call unless that tensor is cached, so the
 *   right operand is the small weight matrix wherever the maths allows;
 * - a transposed matmul and the Tanh kernel are several times slower than a transpose kernel plus a
 *   plain matmul, and than tanh a = 2 sigmoid(2a) - 1 with the sigmoid fused into the matmul;
 *   concatenation is cheap only along the leading axes (the wasm Concat copies row by row).
 */
import * as tf from '@tensorflow/tfjs';
import type { LossHead } from './loss-heads';
import { type Activation, type LayerShape } from '../core/problem/problem';
import { type ActivationOp, activationOp } from './ops';


/** What a network objective keeps between calls: the data and constants built from it. */
export interface NetworkData {
  shapes: LayerShape[];
  activation: Activation;
  head: LossHead;
  X: tf.Tensor2D;
  /** [X^T; 1], the left operand of the first layer's weight and bias products. */
  X1t: tf.Tensor2D;
  /** [1, N] of ones and [1, 2N] of N zeros then N ones: the bias rows under h^T and [Rh; h]^T. */
  ones: tf.Tensor2D;
  zerosOnes: tf.Tensor2D;
  target: tf.Tensor2D;
}

/** Keeps X, the target and the constants built from X; `disposeNetworkData` frees them. */
export function createNetworkData(shapes: LayerShape[], activation: Activation, head: LossHead, X: tf.Tensor2D, target: tf.Tensor2D): NetworkData {
  const n = X.shape[0];
  const ones = tf.keep(tf.ones([1, n]) as tf.Tensor2D);
  const X1t = tf.keep(tf.tidy(() => tf.concat([tf.transpose(X), ones], 0) as tf.Tensor2D));
  const zerosOnes = tf.keep(tf.tidy(() => tf.concat([tf.zeros([1, n]), ones], 1) as tf.Tensor2D));
  return { shapes, activation, head, X: tf.keep(X), X1t, ones, zerosOnes, target: tf.keep(target) };
}

export function disposeNetworkData(d: NetworkData): void {
  tf.dispose([d.X, d.X1t, d.ones, d.zerosOnes, d.target]);
}

export interface Forward {
  /** The activation's form for the backend the pass ran on; the passes after it use the same. */
  act: ActivationOp;
  /** Inputs to each layer: h[0] = X, h[l] = f(a[l-1]). */
  h: tf.Tensor2D[];
  /** Fused-kernel outputs of the hidden layers, from which the derivatives come. */
  u: tf.Tensor2D[];
  z: tf.Tensor2D;
}

/** W ([nIn, nOut]) of the layer at `offset`, times `s`, in float32. */
function weights(w: Float64Array, { nIn, nOut, offset }: LayerShape, s = 1): tf.Tensor2D {
  const W = new Float32Array(nIn * nOut);
  for (let i = 0; i < W.length; i++) W[i] = s * w[offset + i];
  return tf.tensor2d(W, [nIn, nOut]);
}

function bias(w: Float64Array, { nIn, nOut, offset }: LayerShape, s = 1): tf.Tensor1D {
  const b = new Float32Array(nOut);
  for (let j = 0; j < nOut; j++) b[j] = s * w[offset + nIn * nOut + j];
  return tf.tensor1d(b);
}

/** W^T ([nOut, nIn]) of the layer at `offset`. */
function transposedWeights(w: Float64Array, { nIn, nOut, offset }: LayerShape): tf.Tensor2D {
  const Wt = new Float32Array(nOut * nIn);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) Wt[j * nIn + i] = w[offset + i * nOut + j];
  return tf.tensor2d(Wt, [nOut, nIn]);
}

/** The forward pass: per layer one fused matmul (bias and activation inside) and the activation's few elementwise ops. */
export function forward(d: NetworkData, w: Float64Array): Forward {
  const { shapes } = d;
  const act = activationOp(d.activation, tf.getBackend());
  const fw: Forward = { act, h: [d.X], u: [], z: d.X };
  shapes.forEach((shape, l) => {
    const hidden = l < shapes.length - 1;
    const s = hidden ? act.scale : 1;
    const out = tf.fused.matMul({ a: fw.h[l], b: weights(w, shape, s), bias: bias(w, shape, s), activation: hidden ? act.fused : 'linear' });
    if (hidden) {
      fw.u.push(out as tf.Tensor2D);
      fw.h.push(act.fromFused(out) as tf.Tensor2D);
    } else fw.z = out as tf.Tensor2D;
  });
  return fw;
}

/** Each tensor flattened past its leading `lead` axes and all joined, for one readback. */
function joined(parts: tf.Tensor[], lead: number[]): tf.Tensor {
  return tf.concat(
    parts.map((t) => tf.reshape(t, [...lead, -1])),
    lead.length,
  );
}

/** The head's factor on everything the passes read back. */
export function outputScale(d: NetworkData): number {
  return d.head.scale([d.X.shape[0], d.shapes[d.shapes.length - 1].nOut]);
}

/**
 * Loss and the weight products of the reverse pass, joined as [loss, [h_0^T; 1] g_0, [h_1^T; 1] g_1, ...]:
 * exactly dL/dw (before the head's scale) in the parameter layout, after the loss.
 */
export function gradientPass(d: NetworkData, w: Float64Array, fw: Forward): tf.Tensor1D {
  const { shapes, head } = d;
  const act = fw.act;
  const L = shapes.length;
  const products: tf.Tensor[] = [];
  let g = head.derivatives(fw.z, d.target).grad;
  for (let l = L - 1; l > 0; l--) {
    // [h^T; 1] g: the W rows and the bias row in one product.
    products[l] = tf.matMul(tf.concat([tf.transpose(fw.h[l]), d.ones], 0), g);
    g = tf.mul(tf.matMul(g, transposedWeights(w, shapes[l])), act.d1(fw.u[l - 1], fw.h[l])) as tf.Tensor2D;
  }
  products[0] = tf.matMul(d.X1t, g);
  return joined([head.value(fw.z, d.target), ...products], []) as tf.Tensor1D;
}

/** dL/dw (before weight decay) from the readback of `gradientPass`, past its leading loss. */
export function gradientFromProducts(d: NetworkData, read: Float32Array): Float64Array {
  const scale = outputScale(d);
  const out = new Float64Array(read.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = scale * read[i + 1];
  return out;
}

/**
 * Per-direction tensors are [N, width] for one direction and [N, K, width] for K: the directions as a
 * middle axis, so the matmul against [V_1 | ... | V_K] yields them by a free reshape, products with
 * weights the directions share are 2-D matmuls over [N K, width], products with shared activations
 * are 2-D matmuls over [N, K width], and shared tensors broadcast as [N, 1, width]. The [K, N, width]
 * layout this replaced needed batched matmuls and transposes of whole activations, which made a pass
 * of K directions cost more per direction than K single passes on wasm.
 */
type PerDirection = tf.Tensor2D | tf.Tensor3D;

/** [N, K * cols] with direction k in columns k*cols.. as [N, K, cols]. */
function directionsAsAxis(t: tf.Tensor2D, k: number): PerDirection {
  if (k === 1) return t;
  const [n, kc] = t.shape;
  return tf.reshape(t, [n, k, kc / k]) as tf.Tensor3D;
}

/**
 * A tensor shared by the K directions, against [N, K, width]: broadcast as [N, 1, width] where the
 * backend's elementwise kernels broadcast fast (wasm), repeated K times where they do not (the cpu
 * backend's broadcasting multiply measured ten times slower than on equal shapes).
 */
function shared(t: tf.Tensor, k: number): tf.Tensor {
  if (k === 1) return t;
  const column = tf.expandDims(t, 1);
  return tf.getBackend() === 'cpu' ? tf.concat(new Array<tf.Tensor>(k).fill(column), 1) : column;
}

/** [V_1 | ... | V_K] ([nIn, K nOut]) and [vb_1 | ... | vb_K] of the layer, from K directions. */
function directionWeights(dirs: Float32Array, k: number, dim: number, { nIn, nOut, offset }: LayerShape): [tf.Tensor2D, tf.Tensor1D] {
  const V = new Float32Array(nIn * k * nOut);
  const vb = new Float32Array(k * nOut);
  for (let c = 0; c < k; c++) {
    const at = c * dim + offset;
    for (let i = 0; i < nIn; i++) V.set(dirs.subarray(at + i * nOut, at + (i + 1) * nOut), (i * k + c) * nOut);
    vb.set(dirs.subarray(at + nIn * nOut, at + nIn * nOut + nOut), c * nOut);
  }
  return [tf.tensor2d(V, [nIn, k * nOut]), tf.tensor1d(vb)];
}

/** [V_1^T | ... | V_K^T] ([nOut, K nIn]) of the layer, from K directions. */
function transposedDirectionWeights(dirs: Float32Array, k: number, dim: number, { nIn, nOut, offset }: LayerShape): tf.Tensor2D {
  const Vt = new Float32Array(nOut * k * nIn);
  for (let c = 0; c < k; c++) {
    const at = c * dim + offset;
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) Vt[(j * k + c) * nIn + i] = dirs[at + i * nOut + j];
  }
  return tf.tensor2d(Vt, [nOut, k * nIn]);
}

/** x (per direction) times a [c, m] matrix, as one 2-D matmul over all rows. */
function rowsTimes(x: PerDirection, m: tf.Tensor2D): PerDirection {
  if (x.rank === 2) return tf.matMul(x as tf.Tensor2D, m);
  const [n, k, c] = (x as tf.Tensor3D).shape;
  return tf.reshape(tf.matMul(tf.reshape(x, [n * k, c]), m), [n, k, m.shape[1]]) as tf.Tensor3D;
}

/** A [rows, N] matrix times x (per direction, N rows), as [K, rows, cols] (2-D for K = 1): one 2-D matmul. */
function leftTimes(m: tf.Tensor2D, x: PerDirection): tf.Tensor {
  if (x.rank === 2) return tf.matMul(m, x as tf.Tensor2D);
  const [n, k, c] = (x as tf.Tensor3D).shape;
  return tf.transpose(tf.reshape(tf.matMul(m, tf.reshape(x, [n, k * c])), [m.shape[0], k, c]), [1, 0, 2]);
}

/** The loss head's HVP, which takes its K directions leading ([K, N, out]). */
function headHvp(hvp: (r: tf.Tensor3D) => tf.Tensor3D, rz: PerDirection): PerDirection {
  if (rz.rank === 2) return (hvp as unknown as (r: tf.Tensor2D) => tf.Tensor2D)(rz as tf.Tensor2D);
  return tf.transpose(hvp(tf.transpose(rz, [1, 0, 2]) as tf.Tensor3D), [1, 0, 2]) as tf.Tensor3D;
}

/**
 * [Rh^T g + h^T Rg; 1^T Rg] per direction ([K, nIn + 1, nOut], or 2-D for K = 1): for one direction
 * as one matmul over the stacked rows [Rh; h] and [g; Rg]; for K, h^T Rg (and the bias row) and
 * g^T Rh as 2-D matmuls against the directions side by side.
 */
function weightProducts(d: NetworkData, h: tf.Tensor2D, rh: PerDirection, g: tf.Tensor2D, rg: PerDirection): tf.Tensor {
  if (rh.rank === 2) {
    // [Rh; h]^T [g; Rg] with the bias row [0, 1] [g; Rg] = 1^T Rg under it.
    const left = tf.concat([tf.transpose(tf.concat([rh, h], 0)), d.zerosOnes], 0);
    return tf.matMul(left, tf.concat([g, rg], 0));
  }
  const [, k, nIn] = (rh as tf.Tensor3D).shape;
  const hRg = leftTimes(tf.concat([tf.transpose(h), d.ones], 0) as tf.Tensor2D, rg);
  const gRh = tf.transpose(tf.reshape(tf.matMul(tf.transpose(g), tf.reshape(rh, [-1, k * nIn])), [g.shape[1], k, nIn]), [1, 2, 0]);
  return tf.add(hRg, tf.pad(gRh, [[0, 0], [0, 1], [0, 0]]));
}

/**
 * H v for the K rows of `dirs` ([K, dim] row-major), before the head's scale, as [K, dim] ([dim] for K = 1) in the
 * parameter layout: per layer [R{dL/dW}; R{dL/db}] = [Rh^T g + h^T Rg; 1^T Rg].
 */
export function rOpPass(d: NetworkData, w: Float64Array, dirs: Float32Array, k: number, fw: Forward): tf.Tensor {
  const { shapes, head } = d;
  const act = fw.act;
  const L = shapes.length;
  const dim = w.length;
  // Forward R pass: R{a_l} = h_l V + Rh_l W + vb, Rh_{l+1} = f' R{a_l}; c_l = f'' R{a_l} for the way back.
  const rh: (PerDirection | null)[] = [null];
  const d1: tf.Tensor2D[] = [];
  const curv: (PerDirection | null)[] = [];
  let rz: PerDirection | null = null;
  for (let l = 0; l < L; l++) {
    const [V, vb] = directionWeights(dirs, k, dim, shapes[l]);
    let ra = directionsAsAxis(tf.fused.matMul({ a: fw.h[l], b: V, bias: vb }) as tf.Tensor2D, k);
    const rhl = rh[l];
    if (rhl) ra = tf.add(ra, rowsTimes(rhl, weights(w, shapes[l])));
    if (l === L - 1) {
      rz = ra;
      break;
    }
    const u = shared(fw.u[l], k);
    const h = shared(fw.h[l + 1], k);
    const d1l = act.d1(fw.u[l], fw.h[l + 1]) as tf.Tensor2D;
    const rhNext = tf.mul(shared(d1l, k), ra) as PerDirection;
    d1.push(d1l);
    rh.push(rhNext);
    curv.push(act.d2Times ? (act.d2Times(u, h, shared(d1l, k), ra, rhNext) as PerDirection) : null);
  }
  // Reverse pass with its R-derivative; g is shared by the K directions, Rg is per direction.
  const top = head.derivatives(fw.z, d.target);
  let g = top.grad;
  let rg = headHvp(top.hvp, rz!);
  const products: tf.Tensor[] = [];
  for (let l = L - 1; l > 0; l--) {
    products[l] = weightProducts(d, fw.h[l], rh[l]!, g, rg);
    const Wt = transposedWeights(w, shapes[l]);
    const gh = tf.matMul(g, Wt);
    const rgh = tf.add(rowsTimes(rg, Wt), directionsAsAxis(tf.matMul(g, transposedDirectionWeights(dirs, k, dim, shapes[l])), k));
    const d1l = d1[l - 1];
    const c = curv[l - 1];
    rg = (c ? tf.add(tf.mul(shared(d1l, k), rgh), tf.mul(c, shared(gh, k))) : tf.mul(shared(d1l, k), rgh)) as PerDirection;
    // The first layer has no Rh, so its products need Rg alone.
    if (l > 1) g = tf.mul(d1l, gh) as tf.Tensor2D;
  }
  products[0] = leftTimes(d.X1t, rg);
  return joined(products, k === 1 ? [] : [k]);
}
