/**
 * Batched loss surfaces of a network problem on a plane w(a, b) = origin + a d1 + b d2 (the grid
 * of Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets", evaluated without a forward
 * pass per point). The first layer's pre-activations are affine in (a, b), so three matmuls made
 * once and one [B, 3] x [3, N * width] matmul per batch give them for B grid points; deeper layers
 * run as batched matmuls over [B, in, out] stacks of per-point weights, with one readback per batch.
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

/** About 16 MB of float32 per activation tensor: large batches, bounded memory on wasm. */
const DEFAULT_BATCH_ELEMENTS = 4_000_000;

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

/** The loss of each point of a batch: z is [B, N, out], the result [B]; same formulas as the loss heads. */
function batchLoss(loss: LossName, z: tf.Tensor3D, target: tf.Tensor2D): tf.Tensor1D {
  switch (loss) {
    case 'softmax_cross_entropy':
      return tf.mean(tf.sub(tf.logSumExp(z, -1), tf.sum(tf.mul(z, target), -1)), -1) as tf.Tensor1D;
    case 'binary_cross_entropy':
      return tf.mean(tf.sub(tf.softplus(z), tf.mul(target, z)), [1, 2]) as tf.Tensor1D;
    case 'mse':
      return tf.mean(tf.square(tf.sub(z, target)), [1, 2]) as tf.Tensor1D;
  }
}

function slice(v: Float64Array, from: number, length: number): Float32Array {
  return Float32Array.from(v.subarray(from, from + length));
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
  inScale: number;
  outScale: number;
  outShift: number;
}

function activationPlan(problem: Problem): ActivationPlan {
  if (problem.activation === 'tanh') return { kernel: tf.sigmoid, inScale: 2, outScale: 2, outShift: -1 };
  return { kernel: ACTIVATION_OPS[problem.activation].f, inScale: 1, outScale: 1, outShift: 0 };
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
  const widest = Math.max(...problem.layers.slice(1));
  const perBatch = Math.max(1, Math.floor((opts.batchElements ?? DEFAULT_BATCH_ELEMENTS) / (N * widest)));
  const plan = activationPlan(problem);
  const decay = decayTerm(problem.weightDecay, origin, d1, d2);
  const first = shapes[0];
  const L = shapes.length;
  // Only a network with hidden layers scales its first pre-activations for the kernel.
  const firstScale = L > 1 ? plan.inScale : 1;

  // Z1(a, b) = X W1(a, b) + b1(a, b) = Z0 + a Z_d1 + b Z_d2: the three rows of `zStack` ([3, N * width1]),
  // so one [B, 3] x [3, N * width1] matmul gives a batch's first pre-activations.
  const [target, zStack] = tf.tidy(() => {
    const X = tf.tensor2d(problem.X, [N, first.nIn]);
    const pre = (v: Float64Array): tf.Tensor =>
      tf.reshape(
        tf.add(
          tf.matMul(X, tf.tensor2d(slice(v, 0, first.nIn * first.nOut), [first.nIn, first.nOut])),
          tf.tensor1d(slice(v, first.nIn * first.nOut, first.nOut)),
        ),
        [1, -1],
      );
    const stack = tf.mul(tf.concat([pre(origin), pre(d1), pre(d2)], 0), firstScale);
    return [tf.keep(targetTensor(problem)), tf.keep(stack)];
  }) as [tf.Tensor2D, tf.Tensor2D];

  const out = new Float64Array(count);
  try {
    for (let start = 0; start < count; start += perBatch) {
      if (opts.shouldCancel?.()) throw new SurfaceCancelledError();
      const B = Math.min(count, start + perBatch) - start;
      const coef = new Float32Array(3 * B);
      for (let k = 0; k < B; k++) {
        coef[3 * k] = 1;
        coef[3 * k + 1] = coords[2 * (start + k)];
        coef[3 * k + 2] = coords[2 * (start + k) + 1];
      }
      const lossT = tf.tidy(() => {
        let z = tf.reshape(tf.matMul(tf.tensor2d(coef, [B, 3]), zStack), [B, N, first.nOut]) as tf.Tensor3D;
        for (let l = 1; l < L; l++) {
          const { W, bias } = foldedWeights(shapes[l], origin, d1, d2, coords, start, B, plan, l < L - 1 ? plan.inScale : 1);
          const s = plan.kernel(z) as tf.Tensor3D;
          z = tf.add(tf.matMul(s, tf.tensor3d(W, [B, shapes[l].nIn, shapes[l].nOut])), tf.tensor3d(bias, [B, 1, shapes[l].nOut])) as tf.Tensor3D;
        }
        return batchLoss(problem.loss, z, target);
      });
      let values: Float32Array;
      try {
        values = (await lossT.data()) as Float32Array;
      } finally {
        lossT.dispose();
      }
      for (let k = 0; k < B; k++) out[start + k] = values[k] + decay(coords[2 * (start + k)], coords[2 * (start + k) + 1]);
      opts.onProgress?.((start + B) / count);
    }
  } finally {
    tf.dispose([target, zStack]);
  }
  return out;
}

/**
 * A layer's per-point weights in float64, rounded once to float32. The layer below hands over
 * s = kernel(...) with h = outScale s + outShift, and this layer's kernel wants its input scaled
 * by `nextScale`: z' = h W + b, so W' = nextScale outScale W and b' = nextScale (b + outShift 1^T W).
 */
function foldedWeights(
  { nIn, nOut, offset }: LayerShape,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  coords: Float64Array,
  start: number,
  B: number,
  plan: ActivationPlan,
  nextScale: number,
): { W: Float32Array; bias: Float32Array } {
  const wLen = nIn * nOut;
  const W = new Float32Array(B * wLen);
  const bias = new Float32Array(B * nOut);
  const colSum = new Float64Array(nOut);
  const wScale = nextScale * plan.outScale;
  for (let k = 0; k < B; k++) {
    const ak = coords[2 * (start + k)];
    const bk = coords[2 * (start + k) + 1];
    colSum.fill(0);
    for (let i = 0; i < wLen; i++) {
      const p = offset + i;
      const w = origin[p] + ak * d1[p] + bk * d2[p];
      W[k * wLen + i] = wScale * w;
      colSum[i % nOut] += w;
    }
    for (let j = 0; j < nOut; j++) {
      const p = offset + wLen + j;
      bias[k * nOut + j] = nextScale * (origin[p] + ak * d1[p] + bk * d2[p] + plan.outShift * colSum[j]);
    }
  }
  return { W, bias };
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
