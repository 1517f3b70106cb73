/**
 * Closed-form passes through a dense network: the forward pass, the reverse pass (gradient) and
 * Pearlmutter's R-operator pass (1994, "Fast exact multiplication by the Hessian") for K
 * directions at once. At these sizes the cost is the number of kernels issued, so the passes
 * batch work into block matrices that the CPU assembles from w and v, and the CPU also sums the
 * blocks of what comes back:
 * - the R-forward is one matmul per layer, [h, Rh, 1] [V; W; vb] = R{a};
 * - the R-backward is one matmul per layer, [g, Rg_1, ...] B = [g W^T, Rg W^T + g V^T, g W^T],
 *   with Rg = sum_i Rg_i left as separate blocks so no kernel adds them;
 * - each layer's weight products [h, Rh, 1]^T [g, Rg_i ...] hold R{dL/dW} and R{dL/db} as blocks.
 * No matmul is transposed in the kernel (the wasm kernel is several times slower then) and no
 * tanh kernel runs (tanh a = 2 sigmoid(2a) - 1, the sigmoid fused into the matmul).
 */
import * as tf from '@tensorflow/tfjs';
import type { HeadDerivatives, LossHead } from './loss-heads';
import type { ActivationOp } from './ops';

export interface LayerShape {
  nIn: number;
  nOut: number;
  offset: number;
}

export function layerShapes(layers: readonly number[]): LayerShape[] {
  const shapes: LayerShape[] = [];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    shapes.push({ nIn: layers[l - 1], nOut: layers[l], offset });
    offset += layers[l - 1] * layers[l] + layers[l];
  }
  return shapes;
}

/** What a network objective keeps between calls: the data and constants built from it. */
export interface NetworkData {
  shapes: LayerShape[];
  act: ActivationOp;
  head: LossHead;
  X: tf.Tensor2D;
  target: tf.Tensor2D;
  /** [N, 1] of ones, the bias column of the weight products. */
  ones: tf.Tensor2D;
  /** [X, 1] and its transpose, the first layer's input with its bias column. */
  X1: tf.Tensor2D;
  X1t: tf.Tensor2D;
}

export function createNetworkData(shapes: LayerShape[], act: ActivationOp, head: LossHead, X: tf.Tensor2D, target: tf.Tensor2D): NetworkData {
  const ones = tf.keep(tf.ones([X.shape[0], 1]) as tf.Tensor2D);
  const X1 = tf.keep(tf.tidy(() => tf.concat([X, ones], 1) as tf.Tensor2D));
  const X1t = tf.keep(tf.tidy(() => tf.transpose(X1) as tf.Tensor2D));
  return { shapes, act, head, X, target, ones, X1, X1t };
}

export function disposeNetworkData(d: NetworkData): void {
  tf.dispose([d.X, d.target, d.ones, d.X1, d.X1t]);
}

export interface Forward {
  /** Inputs to each layer: h[0] = X, h[l] = f(a[l-1]). */
  h: tf.Tensor2D[];
  /** Fused-kernel outputs of the hidden layers, from which the derivatives come. */
  u: tf.Tensor2D[];
  z: tf.Tensor2D;
}

/** The forward pass, one fused matmul (and the activation's few elementwise ops) per layer. */
export function forward(d: NetworkData, w: Float64Array): Forward {
  const { shapes, act } = d;
  const h: tf.Tensor2D[] = [d.X];
  const u: tf.Tensor2D[] = [];
  let z = d.X;
  shapes.forEach(({ nIn, nOut, offset }, l) => {
    const hidden = l < shapes.length - 1;
    const s = hidden ? act.scale : 1;
    const W = new Float32Array(nIn * nOut);
    const b = new Float32Array(nOut);
    for (let i = 0; i < W.length; i++) W[i] = s * w[offset + i];
    for (let j = 0; j < nOut; j++) b[j] = s * w[offset + nIn * nOut + j];
    const out = tf.fused.matMul({
      a: h[l],
      b: tf.tensor2d(W, [nIn, nOut]),
      bias: tf.tensor1d(b),
      activation: hidden ? act.fused : 'linear',
    });
    if (hidden) {
      u.push(out as tf.Tensor2D);
      h.push(act.fromFused(out) as tf.Tensor2D);
    } else z = out as tf.Tensor2D;
  });
  return { h, u, z };
}

/** A [N, m] tensor repeated K times along a new leading axis. */
function batched(t: tf.Tensor2D, k: number): tf.Tensor3D {
  const t3 = tf.expandDims(t, 0) as tf.Tensor3D;
  return k === 1 ? t3 : tf.tile(t3, [k, 1, 1]);
}

/** Each tensor flattened past its leading `lead` axes and all joined, for one readback. */
function joined(parts: tf.Tensor[], lead: number[]): tf.Tensor {
  return tf.concat(
    parts.map((t) => tf.reshape(t, [...lead, -1])),
    lead.length,
  );
}

/**
 * Loss and the weight products of the reverse pass, joined as [loss, P_0, P_1, ...] with
 * P_l = [h_l, 1]^T g_l ([nIn + 1, nOut]); `gradientFromProducts` reads dL/dw out of it.
 */
export function gradientPass(d: NetworkData, w: Float64Array, fw: Forward): tf.Tensor1D {
  const { shapes, act, head } = d;
  const L = shapes.length;
  const loss = head.value(fw.z, d.target);
  let g = head.derivatives(fw.z, d.target).grad;
  const products: tf.Tensor[] = [];
  for (let l = L - 1; l >= 0; l--) {
    const { nIn, nOut, offset } = shapes[l];
    const inputT = l === 0 ? d.X1t : tf.transpose(tf.concat([fw.h[l], d.ones], 1));
    products[l] = tf.matMul(inputT, g);
    if (l > 0) {
      const Wt = new Float32Array(nOut * nIn);
      for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) Wt[j * nIn + i] = w[offset + i * nOut + j];
      const u = fw.u[l - 1];
      g = tf.mul(tf.matMul(g, tf.tensor2d(Wt, [nOut, nIn])), act.d1(u, fw.h[l])) as tf.Tensor2D;
    }
  }
  return joined([loss, ...products], []) as tf.Tensor1D;
}

/** dL/dw (before weight decay) from the readback of `gradientPass`, past its leading loss. */
export function gradientFromProducts(d: NetworkData, read: Float32Array): Float64Array {
  const scale = d.head.scale([d.X.shape[0], d.shapes[d.shapes.length - 1].nOut]);
  const out = new Float64Array(read.length - 1);
  let at = 1;
  for (const { nIn, nOut, offset } of d.shapes) {
    // P = [W-rows; bias row], row-major in exactly the parameter layout.
    for (let i = 0; i < (nIn + 1) * nOut; i++) out[offset + i] = scale * read[at + i];
    at += (nIn + 1) * nOut;
  }
  return out;
}

/** How many column blocks the output gradient of each layer carries: [g, Rg_1, ...]. */
function gradientBlocks(d: NetworkData, l: number): number {
  if (l === d.shapes.length - 1) return 2;
  return d.act.d2Times ? 3 : 2;
}

/** Rows of the layer's input [h, Rh, 1] (the first layer has no Rh). */
function inputRows(shape: LayerShape, l: number): number {
  return (l === 0 ? 1 : 2) * shape.nIn + 1;
}

/** Per-layer [V; W; vb] for each of K directions, [K, inputRows, nOut]. */
function rForwardMatrix(w: Float64Array, dirs: Float32Array, k: number, dim: number, shape: LayerShape, l: number): tf.Tensor3D {
  const { nIn, nOut, offset } = shape;
  const rows = inputRows(shape, l);
  const M = new Float32Array(k * rows * nOut);
  for (let c = 0; c < k; c++) {
    const base = c * rows * nOut;
    const dir = c * dim + offset;
    M.set(dirs.subarray(dir, dir + nIn * nOut), base);
    if (l > 0) for (let i = 0; i < nIn * nOut; i++) M[base + nIn * nOut + i] = w[offset + i];
    M.set(dirs.subarray(dir + nIn * nOut, dir + nIn * nOut + nOut), base + (rows - 1) * nOut);
  }
  return tf.tensor3d(M, [k, rows, nOut]);
}

/**
 * Per-layer B for each of K directions, [K, gBlocks * nOut, qBlocks * nIn]: its first row block is
 * [W^T, V^T, W^T], every other row block [0, W^T, 0] (the third column block only where f'' != 0).
 */
function rBackwardMatrix(w: Float64Array, dirs: Float32Array, k: number, dim: number, shape: LayerShape, gBlocks: number, qBlocks: number): tf.Tensor3D {
  const { nIn, nOut, offset } = shape;
  const cols = qBlocks * nIn;
  const per = gBlocks * nOut * cols;
  const M = new Float32Array(k * per);
  for (let c = 0; c < k; c++) {
    const base = c * per;
    for (let i = 0; i < nIn; i++) {
      for (let j = 0; j < nOut; j++) {
        const wij = w[offset + i * nOut + j];
        M[base + j * cols + i] = wij;
        M[base + j * cols + nIn + i] = dirs[c * dim + offset + i * nOut + j];
        if (qBlocks === 3) M[base + j * cols + 2 * nIn + i] = wij;
        for (let blk = 1; blk < gBlocks; blk++) M[base + (blk * nOut + j) * cols + nIn + i] = wij;
      }
    }
  }
  return tf.tensor3d(M, [k, gBlocks * nOut, cols]);
}

/**
 * H v for the K rows of `dirs` ([K, dim] row-major) as the weight products of the R-backward pass,
 * joined as [K, sum_l inputRows_l * gBlocks_l * nOut]; `hvpFromProducts` reads H v out of it.
 */
export function rOpPass(d: NetworkData, w: Float64Array, dirs: Float32Array, k: number, fw: Forward): tf.Tensor2D {
  const { shapes, act, head } = d;
  const L = shapes.length;
  const dim = w.length;
  const qBlocks = act.d2Times ? 3 : 2;
  // Forward R pass: S_l = [h, Rh, 1] per direction, and D_l = [f', f', f'' Ra] for the way back.
  const S: tf.Tensor3D[] = [tf.expandDims(d.X1, 0) as tf.Tensor3D];
  const St: tf.Tensor3D[] = [tf.expandDims(d.X1t, 0) as tf.Tensor3D];
  const D: tf.Tensor3D[] = [];
  const onesK = batched(d.ones, k);
  let rz: tf.Tensor3D | null = null;
  for (let l = 0; l < L; l++) {
    const ra = tf.matMul(S[l], rForwardMatrix(w, dirs, k, dim, shapes[l], l)) as tf.Tensor3D;
    if (l === L - 1) {
      rz = ra;
      break;
    }
    const h = fw.h[l + 1];
    const u = fw.u[l];
    const d1 = act.d1(u, h) as tf.Tensor2D;
    const rh = tf.mul(d1, ra) as tf.Tensor3D;
    const s = tf.concat([batched(h, k), rh, onesK], 2);
    S.push(s);
    St.push(tf.transpose(s, [0, 2, 1]));
    const d1K = batched(d1, k);
    const parts = [d1K, d1K];
    if (act.d2Times) parts.push(act.d2Times(u, h, d1, ra, rh) as tf.Tensor3D);
    D.push(tf.concat(parts, 2));
  }
  // Reverse pass with its R-derivative, each layer's blocks [g, Rg_1, ...] in one [K, N, blocks * nOut].
  const top: HeadDerivatives = head.derivatives(fw.z, d.target);
  let G = tf.concat([batched(top.grad, k), top.hvp(rz!)], 2);
  const products: tf.Tensor[] = [];
  for (let l = L - 1; l >= 0; l--) {
    products[l] = tf.matMul(St[l], G);
    if (l > 0) {
      const B = rBackwardMatrix(w, dirs, k, dim, shapes[l], gradientBlocks(d, l), qBlocks);
      G = tf.mul(tf.matMul(G, B), D[l - 1]) as tf.Tensor3D;
    }
  }
  return joined(products, [k]) as tf.Tensor2D;
}

/** H v (before weight decay) for each of the K directions, from the readback of `rOpPass`. */
export function hvpFromProducts(d: NetworkData, read: Float32Array, k: number, dim: number): Float64Array {
  const scale = d.head.scale([d.X.shape[0], d.shapes[d.shapes.length - 1].nOut]);
  const out = new Float64Array(k * dim);
  const perDir = read.length / k;
  for (let c = 0; c < k; c++) {
    let at = c * perDir;
    d.shapes.forEach((shape, l) => {
      const { nIn, nOut, offset } = shape;
      const rows = inputRows(shape, l);
      const blocks = gradientBlocks(d, l);
      const cols = blocks * nOut;
      const o = c * dim + offset;
      // R{dL/dW} = h^T Rg + Rh^T g and R{dL/db} = 1^T Rg, with Rg the sum of the blocks after the first.
      for (let i = 0; i < nIn + 1; i++) {
        const row = i < nIn ? i : rows - 1;
        for (let j = 0; j < nOut; j++) {
          let s = 0;
          for (let blk = 1; blk < blocks; blk++) s += read[at + row * cols + blk * nOut + j];
          if (l > 0 && i < nIn) s += read[at + (nIn + i) * cols + j];
          out[o + i * nOut + j] = scale * s;
        }
      }
      at += rows * cols;
    });
  }
  return out;
}
