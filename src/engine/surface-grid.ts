/**
 * Batched loss surfaces of a network problem on a plane w(a, b) = origin + a d1 + b d2 (the grid
 * of Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", evaluated without a forward
 * pass per point). Every layer's weights are affine in (a, b): W(a, b) = W_0 + a W_1 + b W_2. The
 * first layer's pre-activations are therefore affine too, so three matmuls made once and one
 * [B, 3] x [3, N * width] matmul per batch give them for B grid points; deeper layers take their
 * per-point weights in the layout that is fastest on the backend (see Layout). One readback per batch.
 */
import * as tf from '@tensorflow/tfjs';
import { type LossName, type Problem, numParams } from '../core/problem/problem';
import { ACTIVATION_OPS } from './ops';

export interface SurfaceOptions {
  /** Fraction of grid points done, called after each batch. */
  onProgress?(fraction: number): void;
  /** Checked between batches; true rejects with SurfaceCancelledError. */
  shouldCancel?(): boolean;
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
 * About 2.5 MB of float32 per activation tensor (128 grid points of the spiral fixture): small
 * enough that a batch's intermediates stay in cache, which measured faster on wasm than larger batches.
 */
const DEFAULT_BATCH_ELEMENTS = 600_000;

/**
 * How a batch applies a deeper layer's per-point weights.
 * 'row': every point of a batch shares b, so two shared 2-D matmuls, h (W_0 + b W_2) and h W_1, and
 * a per-point scaling of the second replace the per-point weights; XNNPACK's 2-D matmul is about five
 * times faster per multiply-add than its batched one, so this wins on wasm despite twice the work.
 * 'perPoint': one batched matmul against the B weight matrices, each with its bias as an extra row
 * against a column of ones; on the cpu backend a batched matmul costs what a 2-D one does per
 * multiply-add and broadcasting ops are slow, so the plain per-point product is fastest there.
 */
type Layout = 'row' | 'perPoint';

function layoutFor(backend: string): Layout {
  return backend === 'wasm' ? 'row' : 'perPoint';
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

function targetTensor(problem: Problem): tf.Tensor2D {
  const nOut = problem.layers[problem.layers.length - 1];
  if (problem.loss === 'mse') return tf.tensor2d(problem.y as number[][], [problem.X.length, nOut]);
  const labels = problem.y as number[];
  if (problem.loss === 'binary_cross_entropy') return tf.tensor2d(labels.map((v) => [v]), [labels.length, 1]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), nOut).toFloat() as tf.Tensor2D);
}

/**
 * The loss of each point of a batch: z is [B, N, out], the result [B]; same formulas as the loss heads.
 * `stable` false drops the max shift of log-sum-exp, whose max and broadcast subtraction cost as much as
 * the rest of the loss on wasm; the logits arrive centred over the classes (see centreClasses), so only
 * a centred logit above ~88 overflows, and such a batch comes back non-finite and is redone stably.
 */
function batchLoss(loss: LossName, z: tf.Tensor3D, target: tf.Tensor2D, stable: boolean): tf.Tensor1D {
  switch (loss) {
    case 'softmax_cross_entropy':
      if (stable) return tf.mean(tf.sub(tf.logSumExp(z, -1), tf.sum(tf.mul(z, target), -1)), -1) as tf.Tensor1D;
      return tf.mul(tf.sub(tf.sum(tf.log(tf.sum(tf.exp(z), -1)), -1), tf.sum(tf.mul(z, target), [1, 2])), 1 / z.shape[1]) as tf.Tensor1D;
    case 'binary_cross_entropy':
      return tf.mean(tf.sub(tf.softplus(z), tf.mul(target, z)), [1, 2]) as tf.Tensor1D;
    case 'mse':
      return tf.mean(tf.square(tf.sub(z, target)), [1, 2]) as tf.Tensor1D;
  }
}

/** 0.5 wd ||origin + a d1 + b d2||^2 from the six inner products, in float64. */
function decayTerm(wd: number, origin: Float64Array, d1: Float64Array, d2: Float64Array): (a: number, b: number) => number {
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

/**
 * Softmax cross-entropy is unchanged when a row's logits all shift by one amount, so the output
 * layer's weights and bias lose their mean over the classes: the logits come out centred, which
 * keeps exp from overflowing without the max shift (see batchLoss).
 */
function centreClasses(parts: Parts, nOut: number): void {
  for (const part of parts) {
    for (let row = 0; row < part.length; row += nOut) {
      let mean = 0;
      for (let j = 0; j < nOut; j++) mean += part[row + j] / nOut;
      for (let j = 0; j < nOut; j++) part[row + j] -= mean;
    }
  }
}

/** Float32 copies of a part's weights ([nIn, nOut]) and bias. */
function weightTensors(part: Float64Array, nIn: number, nOut: number): [tf.Tensor2D, tf.Tensor1D] {
  return [tf.tensor2d(Float32Array.from(part.subarray(0, nIn * nOut)), [nIn, nOut]), tf.tensor1d(Float32Array.from(part.subarray(nIn * nOut)))];
}

/** What a deeper layer keeps between batches: row: W_1 and its bias; perPoint: the three parts stacked as [3, (nIn + 1) nOut]. */
function keptTensors(parts: Parts, { nIn, nOut }: LayerShape, layout: Layout): tf.Tensor[] {
  if (layout === 'row') return weightTensors(parts[1], nIn, nOut).map((t) => tf.keep(t));
  const stack = new Float32Array(3 * parts[0].length);
  parts.forEach((p, c) => stack.set(p, c * p.length));
  return [tf.keep(tf.tensor2d(stack, [3, parts[0].length]))];
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
  const layout = layoutFor(tf.getBackend());
  const plan = activationPlan(problem);
  const decay = decayTerm(problem.weightDecay, origin, d1, d2);
  const parts = shapes.map((shape, l) =>
    layerParts(shape, [origin, d1, d2], l === 0 ? { scale: 1, shift: 0 } : { scale: plan.outScale, shift: plan.outShift }, l < L - 1 ? plan.inScale : 1),
  );
  if (problem.loss === 'softmax_cross_entropy') centreClasses(parts[L - 1], shapes[L - 1].nOut);

  // Z1(a, b) = X W1(a, b) + b1(a, b) = Z0 + a Z_d1 + b Z_d2: the three rows of `zStack` ([3, N * width1]),
  // so one [B, 3] x [3, N * width1] matmul gives a batch's first pre-activations.
  const [target, zStack] = tf.tidy(() => {
    const X = tf.tensor2d(problem.X, [N, shapes[0].nIn]);
    const pre = (part: Float64Array): tf.Tensor => {
      const [W, bias] = weightTensors(part, shapes[0].nIn, shapes[0].nOut);
      return tf.reshape(tf.add(tf.matMul(X, W), bias), [1, -1]);
    };
    return [tf.keep(targetTensor(problem)), tf.keep(tf.concat(parts[0].map(pre), 0))];
  }) as [tf.Tensor2D, tf.Tensor2D];
  const kept = parts.map((p, l) => (l === 0 ? [] : keptTensors(p, shapes[l], layout)));

  /** The losses of points start .. end - 1 (in a row batch, all with the same b). */
  const forward = (start: number, end: number, stable: boolean): tf.Tensor1D =>
    tf.tidy(() => {
      const B = end - start;
      const coef = new Float32Array(3 * B);
      const alpha = new Float32Array(B);
      for (let k = 0; k < B; k++) {
        alpha[k] = coords[2 * (start + k)];
        coef[3 * k] = 1;
        coef[3 * k + 1] = alpha[k];
        coef[3 * k + 2] = coords[2 * (start + k) + 1];
      }
      const b = coords[2 * start + 1];
      const coef2 = tf.tensor2d(coef, [B, 3]);
      let h: tf.Tensor =
        L === 1
          ? tf.matMul(coef2, zStack)
          : plan.fused
            ? tf.fused.matMul({ a: coef2, b: zStack, activation: plan.fused })
            : plan.kernel(tf.matMul(coef2, zStack));
      for (let l = 1; l < L; l++) {
        const { nIn, nOut } = shapes[l];
        const hidden = l < L - 1;
        if (layout === 'row') {
          // z = h (W_0 + b W_2) + (b_0 + b b_2) + a (h W_1 + b_1), both matmuls against row-shared weights.
          const [p0, , p2] = parts[l];
          const mixed = p0.map((w, i) => w + b * p2[i]);
          const [Wb, biasB] = weightTensors(mixed, nIn, nOut);
          const [w1, bias1] = kept[l];
          const x = tf.reshape(h, [B * N, nIn]) as tf.Tensor2D;
          const P = tf.fused.matMul({ a: x, b: Wb, bias: biasB });
          const Q = tf.fused.matMul({ a: x, b: w1 as tf.Tensor2D, bias: bias1 });
          const z = tf.add(tf.reshape(P, [B, N * nOut]), tf.mul(tf.reshape(Q, [B, N * nOut]), tf.tensor2d(alpha, [B, 1])));
          h = hidden ? plan.kernel(z) : z;
        } else {
          const W = tf.reshape(tf.matMul(coef2, kept[l][0]), [B, nIn + 1, nOut]) as tf.Tensor3D;
          const x = tf.concat([tf.reshape(h, [B, N, nIn]), tf.ones([B, N, 1])], 2) as tf.Tensor3D;
          h = !hidden ? tf.matMul(x, W) : plan.fused ? tf.fused.matMul({ a: x, b: W, activation: plan.fused }) : plan.kernel(tf.matMul(x, W));
        }
      }
      return batchLoss(problem.loss, tf.reshape(h, [B, N, shapes[L - 1].nOut]) as tf.Tensor3D, target, stable);
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
      if (opts.shouldCancel?.()) throw new SurfaceCancelledError();
      let end = Math.min(count, start + perBatch);
      // A row batch ends where b changes.
      if (layout === 'row') for (let k = start + 1; k < end; k++) if (coords[2 * k + 1] !== coords[2 * start + 1]) end = k;
      let values = await read(forward(start, end, false));
      if (!values.every(Number.isFinite)) values = await read(forward(start, end, true));
      for (let k = start; k < end; k++) out[k] = values[k - start] + decay(coords[2 * k], coords[2 * k + 1]);
      start = end;
      opts.onProgress?.(end / count);
    }
  } finally {
    tf.dispose([target, zStack, ...kept.flat()]);
  }
  return out;
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
