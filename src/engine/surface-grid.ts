/**
 * Batched loss surfaces of a network problem on a plane w(a, b) = origin + a d1 + b d2 (the grid
 * of Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", evaluated without a forward
 * pass per point). Every layer's weights are affine in (a, b): W(a, b) = W_0 + a W_1 + b W_2. The
 * first layer's pre-activations are therefore affine too, so three matmuls made once and one
 * [B, 3] x [3, N * width] matmul per batch give them for B grid points; deeper layers take their
 * per-point weights in the layout that is fastest on the backend (see Layout). One readback per batch.
 */
import * as tf from '@tensorflow/tfjs';
import { type LayerShape, type LossName, type Problem, layerShapes, numParams } from '../core/problem/problem';
import { ACTIVATION_OPS, log1p, maxMask } from './ops';

export interface SurfaceOptions {
  /** Fraction of grid points done, called after each batch. */
  onProgress?(fraction: number): void;
  /** Checked between batches; true rejects with SurfaceCancelledError. A promise lets the caller yield to its event loop there. */
  shouldCancel?(): boolean | Promise<boolean>;
  /** Upper bound on the elements of one batch's widest activation tensor, [B, N, width]. */
  batchElements?: number;
}

export class SurfaceCancelledError extends Error {
  constructor() {
    super('surface evaluation cancelled');
    this.name = 'SurfaceCancelledError';
  }
}

/**
 * At most about 2.5 MB of float32 per activation tensor (125 points of the spiral fixture; its row
 * batches of a 51 x 51 grid hold 51): small enough that a batch's intermediates stay in cache, which
 * measured faster on wasm than larger batches.
 */
const DEFAULT_BATCH_ELEMENTS = 600_000;

/**
 * How a batch applies a deeper layer's per-point weights W(a, b) = W_0 + a W_1 + b W_2.
 * 'shared': every point of a batch shares b (the batch lies on one grid row), so two 2-D matmuls
 * against weights the row shares, h (W_0 + b W_2) and h W_1, and a per-point scaling by a of the
 * second replace the per-point weights. XNNPACK's 2-D matmul is about five times faster per
 * multiply-add than its batched one, so this wins on wasm despite twice the work, except for a
 * single output unit, where XNNPACK's 2-D kernel wastes most of its tile. Up to 4 outputs the two
 * matmuls become one (see pairedLayer).
 * 'perPoint': one batched matmul against the B weight matrices. On the cpu backend a batched matmul
 * costs what a 2-D one does per multiply-add and broadcasting ops are slow, so there the bias rides
 * as an extra weight row against a column of ones; on wasm, where a last-axis concat is slow, it is
 * added by broadcasting.
 */
type Layout = 'shared' | 'perPoint';

function layerLayout(backend: string, nOut: number): Layout {
  return backend === 'wasm' && nOut > 1 ? 'shared' : 'perPoint';
}

/**
 * exp for the loss: on wasm as sigmoid(z) / sigmoid(-z), whose XNNPACK kernels run about twice as
 * fast as the scalar Exp kernel; both are accurate in relative terms, so the ratio is too. Rechecked
 * with the paired output layer: tf.exp still costs the spiral's grid ~5 ms more.
 */
export function expOp(backend: string): (z: tf.Tensor) => tf.Tensor {
  return backend === 'wasm' ? (z) => tf.div(tf.sigmoid(z), tf.sigmoid(tf.neg(z))) : tf.exp;
}


/** [N, out]: the targets, one-hot for softmax cross-entropy; kept until disposed by the caller. */
function targetTensor(problem: Problem): tf.Tensor2D {
  const N = problem.X.length;
  const nOut = problem.layers[problem.layers.length - 1];
  return tf.tidy(() => {
    const labels = problem.y as number[];
    const target =
      problem.loss === 'mse'
        ? tf.tensor2d(problem.y as number[][], [N, nOut])
        : problem.loss === 'binary_cross_entropy'
          ? tf.tensor2d(labels.map((v) => [v]), [N, 1])
          : (tf.oneHot(tf.tensor1d(labels, 'int32'), nOut).toFloat() as tf.Tensor2D);
    return tf.keep(target);
  });
}

/**
 * The loss of each point of a batch: z is [B, N, out], the result [B]; the loss heads' float32-stable
 * forms (see ops.ts), each row's loss formed before the mean so that no two large means cancel.
 * Softmax cross-entropy per row is log1p(sum_{j != y} exp(z_j - z_y)) with the labelled logit as the
 * shift: no max and no argmax, whose kernels cost as much as the rest of the loss on wasm, and exact
 * wherever no logit exceeds the labelled one by ~88 (exp overflows); such a batch comes back
 * non-finite and is redone with `stable` true, which shifts by each row's largest logit instead.
 */
export function batchLoss(loss: LossName, z: tf.Tensor3D, target: tf.Tensor2D, stable: boolean, exp: (z: tf.Tensor) => tf.Tensor): tf.Tensor1D {
  switch (loss) {
    case 'softmax_cross_entropy': {
      if (stable) {
        const mask = maxMask(z);
        const rest = tf.sum(tf.mul(tf.exp(tf.sub(z, tf.sum(tf.mul(z, mask), -1, true))), tf.sub(1, mask)), -1);
        return tf.mean(tf.add(tf.sum(tf.mul(tf.sub(mask, target), z), -1), log1p(rest)), -1) as tf.Tensor1D;
      }
      const rest = tf.sum(tf.mul(exp(tf.sub(z, tf.sum(tf.mul(z, target), -1, true))), tf.sub(1, target)), -1);
      return tf.mean(log1p(rest), -1) as tf.Tensor1D;
    }
    case 'binary_cross_entropy': {
      const margin = tf.add(tf.mul(tf.sub(1, target), tf.relu(z)), tf.mul(target, tf.relu(tf.neg(z))));
      return tf.mean(tf.add(margin, log1p(exp(tf.neg(tf.abs(z))))), [1, 2]) as tf.Tensor1D;
    }
    case 'mse':
      return tf.mean(tf.square(tf.sub(z, target)), [1, 2]) as tf.Tensor1D;
  }
}

/** 0.5 wd ||origin + a d1 + b d2||^2 from the six inner products, in float64. */
export function decayTerm(wd: number, origin: Float64Array, d1: Float64Array, d2: Float64Array): (a: number, b: number) => number {
  if (wd === 0) return () => 0;
  let oo = 0, o1 = 0, o2 = 0, s11 = 0, s12 = 0, s22 = 0;
  for (let i = 0; i < origin.length; i++) {
    oo += origin[i] * origin[i];
    o1 += origin[i] * d1[i];
    o2 += origin[i] * d2[i];
    s11 += d1[i] * d1[i];
    s12 += d1[i] * d2[i];
    s22 += d2[i] * d2[i];
  }
  return (a, b) => 0.5 * wd * (oo + 2 * a * o1 + 2 * b * o2 + a * a * s11 + 2 * a * b * s12 + b * b * s22);
}

/**
 * How a hidden activation runs here: h = outScale * kernel(inScale * z) + outShift. tanh runs as
 * 2 sigmoid(2z) - 1, whose sigmoid kernel is several times faster than tanh's on wasm; the two
 * scales and the shift fold into the per-point weights, so the identity costs nothing on the backend.
 */
interface ActivationPlan {
  kernel: (x: tf.Tensor) => tf.Tensor;
  /** The same kernel as a fused matMul activation, where TF.js has one. */
  fused: 'sigmoid' | 'relu' | null;
  inScale: number;
  outScale: number;
  outShift: number;
}

function activationPlan(problem: Problem): ActivationPlan {
  if (problem.activation === 'tanh') return { kernel: tf.sigmoid, fused: 'sigmoid', inScale: 2, outScale: 2, outShift: -1 };
  const fused = problem.activation === 'sigmoid' || problem.activation === 'relu' ? problem.activation : null;
  return { kernel: ACTIVATION_OPS[problem.activation].f, fused, inScale: 1, outScale: 1, outShift: 0 };
}

/** A layer's three components (origin, d1, d2), each [nIn * nOut] weights then [nOut] bias, row-major, in float64. */
type Parts = [Float64Array, Float64Array, Float64Array];

/**
 * The layer's components as the batch uses them. Its input h = inScale' s + inShift' (s the layer
 * below's kernel output; the raw data for the first layer), and its own kernel wants its pre-activation
 * scaled by `nextScale`: z' = nextScale (h W + b), so each W_c becomes nextScale inScale' W_c and each
 * bias nextScale (b_c + inShift' 1^T W_c), in float64 until a batch rounds its combination to float32.
 */
function layerParts(
  { nIn, nOut, offset }: LayerShape,
  vectors: readonly Float64Array[],
  input: { scale: number; shift: number },
  nextScale: number,
): Parts {
  const wLen = nIn * nOut;
  return vectors.map((v) => {
    const part = new Float64Array(wLen + nOut);
    const colSum = new Float64Array(nOut);
    for (let i = 0; i < nIn; i++) {
      for (let j = 0; j < nOut; j++) {
        const w = v[offset + i * nOut + j];
        part[i * nOut + j] = nextScale * input.scale * w;
        colSum[j] += w;
      }
    }
    for (let j = 0; j < nOut; j++) part[wLen + j] = nextScale * (v[offset + wLen + j] + input.shift * colSum[j]);
    return part;
  }) as Parts;
}

/** Float32 copies of a part's weights ([nIn, nOut]) and bias. */
function weightTensors(part: Float64Array, nIn: number, nOut: number): [tf.Tensor2D, tf.Tensor1D] {
  return [tf.tensor2d(Float32Array.from(part.subarray(0, nIn * nOut)), [nIn, nOut]), tf.tensor1d(Float32Array.from(part.subarray(nIn * nOut)))];
}

/** What a batch tells its layers: B points and their coefficients (1, a, b), flat, as a [B, 3] tensor and a as [B, 1]. */
interface Batch {
  B: number;
  coef: Float32Array;
  coef2: tf.Tensor2D;
  alpha: () => tf.Tensor2D;
}

/** A deeper layer set up for the batches: its pre-activations, [B, N * nOut] or [B, N, nOut], from its input h. */
interface DeeperLayer {
  apply(h: tf.Tensor, batch: Batch): tf.Tensor;
  kept: tf.Tensor[];
}

/** Every batch through a shared layer lies on one grid row (see evaluatePairs): its points share b = coef[2]. */
function sharedLayer(parts: Parts, shape: LayerShape, N: number): DeeperLayer {
  const { nIn, nOut } = shape;
  if (nOut <= 4) return pairedLayer(parts, shape, N);
  const [W1, bias1] = weightTensors(parts[1], nIn, nOut).map((t) => tf.keep(t)) as [tf.Tensor2D, tf.Tensor1D];
  return {
    kept: [W1, bias1],
    apply(h, { B, coef, alpha }) {
      // z = h (W_0 + b W_2) + (b_0 + b b_2) + a (h W_1 + b_1): two matmuls against weights the whole row shares.
      const x = tf.reshape(h, [B * N, nIn]) as tf.Tensor2D;
      const term = ([W, bias]: [tf.Tensor2D, tf.Tensor1D]): tf.Tensor => tf.reshape(tf.fused.matMul({ a: x, b: W, bias }), [B, N * nOut]);
      return tf.add(term(weightTensors(parts[0].map((w, i) => w + coef[2] * parts[2][i]), nIn, nOut)), tf.mul(term([W1, bias1]), alpha()));
    },
  };
}

/**
 * A shared layer of at most 4 outputs as one matmul: weights [nIn, 2 nOut] hold W_0 + b W_2 and W_1
 * interleaved by output unit, so each unit's two terms sit side by side; a kept [1, a] per point
 * scales them and a sum over pairs of the last axis adds them. Against the two matmuls against
 * block-diagonal weights (two data rows per matmul row) that ran here before, half of whose
 * multiply-adds hit zeros, the spiral's 51 x 51 grid measured ~2 ms faster (median of interleaved
 * runs, 101 vs 103 ms). Rejected: adding the pairs by a [2 nOut, nOut] matmul (~90 us per row batch
 * against ~40 us for the sum), slicing the two halves apart (~840 us per slice on wasm), a [1, 1, 2 nOut]
 * broadcast scale (~190 us against ~40 us for the kept one), and the same layout for the spiral's
 * 16-unit layer (120 vs 103 ms: its scale and sum touch 2 x 16 values per data row).
 */
function pairedLayer(parts: Parts, { nIn, nOut }: LayerShape, N: number): DeeperLayer {
  const weights = (b: number): [tf.Tensor2D, tf.Tensor1D] => {
    const W = new Float32Array(nIn * 2 * nOut);
    const bias = new Float32Array(2 * nOut);
    for (let i = 0; i <= nIn; i++) {
      const row = i < nIn ? W.subarray(i * 2 * nOut, (i + 1) * 2 * nOut) : bias;
      for (let j = 0; j < nOut; j++) {
        const k = i * nOut + j;
        row[2 * j] = parts[0][k] + b * parts[2][k];
        row[2 * j + 1] = parts[1][k];
      }
    }
    return [tf.tensor2d(W, [nIn, 2 * nOut]), tf.tensor1d(bias)];
  };
  // The [1, a] scales of the last batch's points, [B * N, 2 nOut]: reused while a batch has the same alphas, as every row of a grid does.
  const kept: tf.Tensor[] = [];
  let alphas = new Float32Array(0);
  const scales = ({ B, coef }: Batch): tf.Tensor => {
    if (kept.length === 1 && alphas.length === B && alphas.every((a, k) => a === coef[3 * k + 1])) return kept[0];
    tf.dispose(kept.splice(0));
    alphas = Float32Array.from({ length: B }, (_, k) => coef[3 * k + 1]);
    const c = new Float32Array(B * N * 2 * nOut);
    for (let k = 0; k < B; k++) {
      for (let e = k * N * nOut; e < (k + 1) * N * nOut; e++) {
        c[2 * e] = 1;
        c[2 * e + 1] = alphas[k];
      }
    }
    kept.push(tf.keep(tf.tensor2d(c, [B * N, 2 * nOut])));
    return kept[0];
  };
  return {
    kept,
    apply(h, batch) {
      const { B, coef } = batch;
      const [W, bias] = weights(coef[2]);
      const terms = tf.mul(tf.fused.matMul({ a: tf.reshape(h, [B * N, nIn]) as tf.Tensor2D, b: W, bias }), scales(batch));
      return tf.reshape(tf.sum(tf.reshape(terms, [B * N * nOut, 2]), 1), [B, N * nOut]);
    },
  };
}

function perPointLayer(parts: Parts, { nIn, nOut }: LayerShape, N: number, biasAsColumn: boolean): DeeperLayer {
  const stack = (from: number, to: number): tf.Tensor2D => {
    const rows = new Float32Array(3 * (to - from));
    parts.forEach((p, c) => rows.set(p.subarray(from, to), c * (to - from)));
    return tf.keep(tf.tensor2d(rows, [3, to - from]));
  };
  if (biasAsColumn) {
    const Wb = stack(0, (nIn + 1) * nOut);
    return {
      kept: [Wb],
      apply(h, { B, coef2 }) {
        const x = tf.concat([tf.reshape(h, [B, N, nIn]), tf.ones([B, N, 1])], 2) as tf.Tensor3D;
        return tf.matMul(x, tf.reshape(tf.matMul(coef2, Wb), [B, nIn + 1, nOut]) as tf.Tensor3D);
      },
    };
  }
  const W = stack(0, nIn * nOut);
  const bias = stack(nIn * nOut, (nIn + 1) * nOut);
  return {
    kept: [W, bias],
    apply(h, { B, coef2 }) {
      const z = tf.matMul(tf.reshape(h, [B, N, nIn]) as tf.Tensor3D, tf.reshape(tf.matMul(coef2, W), [B, nIn, nOut]) as tf.Tensor3D);
      return tf.add(z, tf.reshape(tf.matMul(coef2, bias), [B, 1, nOut]));
    },
  };
}

/**
 * Loss at origin + a_k d1 + b_k d2 for every pair (a_k, b_k) of `coords` (flat [a0, b0, a1, b1, ...]);
 * weight decay added in float64.
 */
async function evaluatePairs(
  problem: Problem,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  coords: Float64Array,
  opts: SurfaceOptions,
): Promise<Float64Array> {
  const shapes = layerShapes(problem.layers);
  const dim = numParams(problem.layers);
  for (const [name, v] of [['origin', origin], ['d1', d1], ['d2', d2]] as const) {
    if (v.length !== dim) throw new Error(`${name} has ${v.length} entries; ${problem.name} has ${dim} parameters`);
  }
  const count = coords.length / 2;
  const N = problem.X.length;
  const L = shapes.length;
  const widest = Math.max(...problem.layers.slice(1));
  const perBatch = Math.max(1, Math.floor((opts.batchElements ?? DEFAULT_BATCH_ELEMENTS) / (N * widest)));
  const backend = tf.getBackend();
  const plan = activationPlan(problem);
  const decay = decayTerm(problem.weightDecay, origin, d1, d2);
  const exp = expOp(backend);
  const parts = shapes.map((shape, l) =>
    layerParts(shape, [origin, d1, d2], l === 0 ? { scale: 1, shift: 0 } : { scale: plan.outScale, shift: plan.outShift }, l < L - 1 ? plan.inScale : 1),
  );

  // Z1(a, b) = X W1(a, b) + b1(a, b) = Z0 + a Z_d1 + b Z_d2: the three rows of `zStack` ([3, N * width1]),
  // so one [B, 3] x [3, N * width1] matmul gives a batch's first pre-activations.
  const target = targetTensor(problem);
  const zStack = tf.tidy(() => {
    const X = tf.tensor2d(problem.X, [N, shapes[0].nIn]);
    const pre = (part: Float64Array): tf.Tensor => {
      const [W, bias] = weightTensors(part, shapes[0].nIn, shapes[0].nOut);
      return tf.reshape(tf.add(tf.matMul(X, W), bias), [1, -1]);
    };
    return tf.keep(tf.concat(parts[0].map(pre), 0) as tf.Tensor2D);
  });
  const layouts = shapes.map((shape) => layerLayout(backend, shape.nOut));
  const deeper = shapes.slice(1).map((shape, i) =>
    layouts[i + 1] === 'shared' ? sharedLayer(parts[i + 1], shape, N) : perPointLayer(parts[i + 1], shape, N, backend !== 'wasm'),
  );
  // Batches end where b changes when some layer gains from a shared b.
  const rowBatches = layouts.slice(1).includes('shared');

  /** The losses of points start .. end - 1. */
  const forward = (start: number, end: number, stable: boolean): tf.Tensor1D =>
    tf.tidy(() => {
      const B = end - start;
      const coef = new Float32Array(3 * B);
      for (let k = 0; k < B; k++) {
        coef[3 * k] = 1;
        coef[3 * k + 1] = coords[2 * (start + k)];
        coef[3 * k + 2] = coords[2 * (start + k) + 1];
      }
      let alpha: tf.Tensor2D | null = null;
      const batch: Batch = { B, coef, coef2: tf.tensor2d(coef, [B, 3]), alpha: () => (alpha ??= tf.tensor2d(coef.filter((_, i) => i % 3 === 1), [B, 1])) };
      let h: tf.Tensor =
        L === 1
          ? tf.matMul(batch.coef2, zStack)
          : plan.fused
            ? tf.fused.matMul({ a: batch.coef2, b: zStack, activation: plan.fused })
            : plan.kernel(tf.matMul(batch.coef2, zStack));
      deeper.forEach((layer, i) => {
        const z = layer.apply(h, batch);
        h = i + 2 < L ? plan.kernel(z) : z;
      });
      return batchLoss(problem.loss, tf.reshape(h, [B, N, shapes[L - 1].nOut]) as tf.Tensor3D, target, stable, exp);
    });

  const read = async (t: tf.Tensor1D): Promise<Float32Array> => {
    try {
      return (await t.data()) as Float32Array;
    } finally {
      t.dispose();
    }
  };

  const out = new Float64Array(count);
  try {
    for (let start = 0; start < count; ) {
      if (await opts.shouldCancel?.()) throw new SurfaceCancelledError();
      let end = Math.min(count, start + perBatch);
      if (rowBatches) end = rowEnd(coords, start, end);
      let values = await read(forward(start, end, false));
      if (!values.every(Number.isFinite)) values = await read(forward(start, end, true));
      for (let k = start; k < end; k++) out[k] = values[k - start] + decay(coords[2 * k], coords[2 * k + 1]);
      start = end;
      opts.onProgress?.(end / count);
    }
  } finally {
    tf.dispose([target, zStack, ...deeper.flatMap((layer) => layer.kept)]);
  }
  return out;
}

/** The first index after start, at most end, whose b differs from start's. */
function rowEnd(coords: Float64Array, start: number, end: number): number {
  for (let k = start + 1; k < end; k++) if (coords[2 * k + 1] !== coords[2 * start + 1]) return k;
  return end;
}

/**
 * Loss on the grid origin + alphas[i] d1 + betas[j] d2, as rows by beta: result[j][i].
 * Matches createNetworkObjective(problem).value at the same points to float32 rounding.
 */
export async function evaluateSurface(
  problem: Problem,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  alphas: readonly number[],
  betas: readonly number[],
  opts: SurfaceOptions = {},
): Promise<number[][]> {
  const nx = alphas.length;
  const coords = new Float64Array(2 * nx * betas.length);
  betas.forEach((b, j) => {
    alphas.forEach((a, i) => {
      coords[2 * (j * nx + i)] = a;
      coords[2 * (j * nx + i) + 1] = b;
    });
  });
  const flat = await evaluatePairs(problem, origin, d1, d2, coords, opts);
  return betas.map((_, j) => Array.from(flat.subarray(j * nx, (j + 1) * nx)));
}

/** Loss along w(t) = (1 - t) a + t b for each t (linear interpolation, Goodfellow et al. 2015), batched like the surface. */
export async function evaluateLine(
  problem: Problem,
  a: Float64Array,
  b: Float64Array,
  ts: readonly number[],
  opts: SurfaceOptions = {},
): Promise<number[]> {
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = b[i] - a[i];
  const coords = new Float64Array(2 * ts.length);
  ts.forEach((t, k) => (coords[2 * k] = t));
  return Array.from(await evaluatePairs(problem, a, d, new Float64Array(a.length), coords, opts));
}
