/**
 * The loss of a layer-list problem on a grid over the plane w(a, b) = origin + a d1 + b d2 (the
 * grid of Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"), many grid points per
 * forward pass. Every parametrised layer's output is linear in its own parameters given its input
 * (dense and conv2d: x W + b; layernorm: xhat g + b), so with the points of a batch on one grid row
 * (sharing b) a layer's output for point k is f(h_k; origin + b d2) + a_k f(h_k; d1): two passes of
 * the layer module's own forward over all B * N rows with weights the batch shares, on the backend's
 * plain matmul and conv2d kernels (no per-point kernels). The first parametrised layer sees the data
 * itself, so its three forwards f(X; origin), f(X; d1), f(X; d2) serve every point. One readback per
 * batch; the loss heads' per-point float32-stable forms (surface-grid.ts); weight decay in float64.
 */
import * as tf from '@tensorflow/tfjs';
import { type LayerNode, type LayerSpec, type ModelLayout, type ParamTensor, type PoolSpec, modelLayout } from '../core/problem/model';
import type { Activation, Problem } from '../core/problem/problem';
import { LAYER_PASSES } from './layers/registry';
import type { LayerContext, ParamSource } from './layers/types';
import { activationOp } from './ops';
import { type SurfaceOptions, SurfaceCancelledError, batchLoss, decayTerm, expOp } from './surface-grid';

/**
 * Elements of a batch's widest activation, [B * N, width]: about 16 MB of float32, a whole 51-point
 * row of the digits CNN per batch (0.4 s of CPU for its 51 x 51 grid on wasm, against 0.55-0.65 s
 * at half that and ~0.55-0.95 s at a quarter, on a quiet machine).
 */
const DEFAULT_BATCH_ELEMENTS = 4_000_000;

/** What a batch's layers share: its B points' coefficients (1, a, b) as [B, 3], the parameters origin + b d2 and d1. */
interface Batch {
  B: number;
  coef: tf.Tensor2D;
  alpha: tf.Tensor2D;
  row: ParamSource;
  d1: ParamSource;
  rowParams: Float32Array;
  d1Params: Float32Array;
  /** [B * per, 2]: (1, a_k) repeated `per` times for each point k (kept across batches with the same alphas). */
  pairScale(per: number): tf.Tensor2D;
}

/** A layer of the list on [B * N, features] rows, each point's rows with its own parameters. */
type Step = (h: tf.Tensor2D, batch: Batch) => tf.Tensor2D;

/** Float32 tensors of a flat vector's parameter tensors, made on first use (inside the caller's tidy). */
function paramSource(flat: Float32Array): ParamSource {
  const made = new Map<ParamTensor, tf.Tensor>();
  return {
    get(t) {
      let out = made.get(t);
      if (!out) {
        out = tf.tensor(flat.subarray(t.offset, t.offset + t.size), t.shape);
        made.set(t, out);
      }
      return out;
    },
  };
}

/** The layers' passes see only rows; a residual is walked here, so its context never builds a body. */
const CONTEXT: LayerContext = {
  n: 0,
  build: () => {
    throw new Error('model surface: residual bodies are walked by the surface itself');
  },
};

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** An activation's forward as the backend runs it fastest (ops.ts's activationOp: tanh via sigmoid on wasm). */
function activationForward(fn: Activation): (x: tf.Tensor) => tf.Tensor {
  const op = activationOp(fn, tf.getBackend());
  const kernel = op.fused === 'relu' ? tf.relu : op.fused === 'sigmoid' ? tf.sigmoid : (x: tf.Tensor): tf.Tensor => x;
  return (x) => op.fromFused(kernel(op.scale === 1 ? x : tf.mul(x, op.scale)));
}

/** A pooling layer on the backend's pooling kernel: window = stride = size, no padding, as the layer module. */
function poolStep(node: LayerNode, pool: typeof tf.maxPool): Step {
  const [H, W, C] = node.inShape;
  const { size: s } = node.spec as PoolSpec;
  const out = size(node.outShape);
  return (h) => tf.reshape(pool(tf.reshape(h, [-1, H, W, C]) as tf.Tensor4D, s, s, 'valid'), [-1, out]);
}

/**
 * A parameter tensor [.., F] of origin + b d2 and of d1 interleaved along the last axis, [.., 2 F]:
 * in row-major order every entry followed by its d1 partner.
 */
function interleaved(t: ParamTensor, { rowParams, d1Params }: Batch): tf.Tensor {
  const out = new Float32Array(2 * t.size);
  for (let i = 0; i < t.size; i++) {
    out[2 * i] = rowParams[t.offset + i];
    out[2 * i + 1] = d1Params[t.offset + i];
  }
  return tf.tensor(out, [...t.shape.slice(0, -1), 2 * t.shape[t.shape.length - 1]]);
}

/**
 * y [R, .., 2 F] with each output's (row, d1) pair side by side -> [R, outSize]: row + a_k d1 for the
 * point k the data row belongs to (a kept [1, a] scale and a sum over pairs: slicing the halves apart
 * and broadcasting a [B, 1] scale are slow on wasm, see surface-grid.ts's pairedLayer).
 */
function combinePairs(y: tf.Tensor, outSize: number, batch: Batch): tf.Tensor2D {
  const R = y.shape[0];
  const pairs = tf.reshape(y, [-1, 2]);
  return tf.reshape(tf.sum(tf.mul(pairs, batch.pairScale((R / batch.B) * outSize)), 1), [R, outSize]);
}

/** The step of one node whose input differs from point to point. */
function step(node: LayerNode): Step {
  const spec: LayerSpec = node.spec;
  switch (spec.type) {
    case 'residual': {
      const body = (node.body ?? []).map(step);
      return (h, batch) => tf.add(h, body.reduce((x, s) => s(x, batch), h));
    }
    case 'activation': {
      const f = activationForward(spec.fn);
      return (h) => f(h) as tf.Tensor2D;
    }
    case 'maxpool':
      return poolStep(node, tf.maxPool);
    case 'avgpool':
      return poolStep(node, tf.avgPool);
    case 'dense': {
      const [W, bias] = node.tensors;
      const units = spec.units;
      return (h, batch) => combinePairs(tf.fused.matMul({ a: h, b: interleaved(W, batch) as tf.Tensor2D, bias: interleaved(bias, batch) }), units, batch);
    }
    case 'conv2d': {
      const [K, bias] = node.tensors;
      const [H, W, C] = node.inShape;
      return (h, batch) =>
        combinePairs(
          tf.fused.conv2d({
            x: tf.reshape(h, [-1, H, W, C]) as tf.Tensor4D,
            filter: interleaved(K, batch) as tf.Tensor4D,
            strides: spec.stride,
            pad: spec.padding,
            bias: interleaved(bias, batch),
          }),
          size(node.outShape),
          batch,
        );
    }
    default: {
      // Any other layer through its own module's forward: twice (origin + b d2, then d1) where it has parameters.
      const pass = LAYER_PASSES[spec.type](node, CONTEXT);
      if (node.tensors.length === 0) return (h, batch) => pass.forward(h, batch.row).y;
      return (h, { B, alpha, row, d1 }) => {
        const fromRow = pass.forward(h, row).y;
        const fromD1 = tf.reshape(pass.forward(h, d1).y, [B, -1]);
        return tf.reshape(tf.add(tf.reshape(fromRow, [B, -1]), tf.mul(fromD1, alpha)), fromRow.shape);
      };
    }
  }
}

/** Elements per data row of the widest activation the steps make (a residual's body included). */
function widest(nodes: readonly LayerNode[]): number {
  return Math.max(1, ...nodes.map((n) => Math.max(size(n.outShape), widest(n.body ?? []))));
}

/** [N, out]: the targets, one-hot for softmax cross-entropy. */
function targetTensor(problem: Problem, nOut: number): tf.Tensor2D {
  if (problem.loss === 'mse') return tf.tensor2d(problem.y as number[][], [problem.X.length, nOut]);
  const labels = problem.y as number[];
  if (problem.loss === 'binary_cross_entropy') return tf.tensor2d(labels.map((v) => [v]), [labels.length, 1]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), nOut).toFloat() as tf.Tensor2D);
}

/**
 * The part of the list that runs once per call: the layers before the first parametrised one on
 * the data, then that layer's forward at origin, d1 and d2 as the rows of a kept [3, N * F] tensor,
 * so that one [B, 3] x [3, N * F] matmul gives a batch's first per-point activations (with the next
 * layer's activation fused into it when the backend's matmul has that kernel); `rest` are the nodes after.
 */
interface Prefix {
  start(batch: Batch): tf.Tensor2D;
  rest: LayerNode[];
  kept: tf.Tensor[];
}

function prefix(layout: ModelLayout, X: tf.Tensor2D, origin: Float32Array, d1: Float32Array, d2: Float32Array): Prefix {
  const N = X.shape[0];
  const kept: tf.Tensor[] = [];
  const nodes = layout.nodes;
  let h = X;
  let i = 0;
  for (; i < nodes.length && nodes[i].spec.type !== 'residual'; i++) {
    const node = nodes[i];
    const next = nodes[i + 1]?.spec;
    if (node.tensors.length > 0) {
      const op = next?.type === 'activation' ? activationOp(next.fn, tf.getBackend()) : null;
      const fused = op && op.fused !== 'linear' ? op : null;
      const pass = LAYER_PASSES[node.spec.type](node, CONTEXT);
      const input = h;
      const stack = tf.keep(
        tf.tidy(() => {
          const rows = tf.concat([origin, d1, d2].map((v) => tf.reshape(pass.forward(input, paramSource(v)).y, [1, -1])));
          return fused && fused.scale !== 1 ? tf.mul(rows, fused.scale) : rows;
        }),
      );
      kept.push(stack);
      const width = size(node.outShape);
      return {
        rest: nodes.slice(fused ? i + 2 : i + 1),
        kept,
        start: ({ B, coef }) => {
          const z = fused ? fused.fromFused(tf.fused.matMul({ a: coef, b: stack as tf.Tensor2D, activation: fused.fused })) : tf.matMul(coef, stack);
          return tf.reshape(z, [B * N, width]);
        },
      };
    }
    const input = h;
    // A layer without parameters: its step reads none of the batch but the origin's (absent) parameters.
    h = tf.keep(tf.tidy(() => step(node)(input, { B: 1, coef: tf.ones([1, 3]), alpha: tf.ones([1, 1]), row: paramSource(origin), d1: paramSource(d1), rowParams: origin, d1Params: d1, pairScale: () => tf.ones([1, 2]) })));
    kept.push(h);
  }
  const shared = h;
  return { rest: nodes.slice(i), kept, start: ({ B }) => tf.tile(shared, [B, 1]) };
}

async function readOnce(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** The batched surface of a layer-list problem (see the module comment): result[j][i] at alphas[i], betas[j]. */
async function batchedSurface(
  problem: Problem,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  alphas: readonly number[],
  betas: readonly number[],
  opts: SurfaceOptions,
): Promise<number[][]> {
  const layout = modelLayout(problem.model as LayerSpec[], problem.inputShape!);
  for (const [name, v] of [['origin', origin], ['d1', d1], ['d2', d2]] as const) {
    if (v.length !== layout.numParams) throw new Error(`${name} has ${v.length} entries; ${problem.name} has ${layout.numParams} parameters`);
  }
  const N = problem.X.length;
  const nOut = layout.outputShape[0];
  const X = tf.tensor2d(problem.X, [N, size(layout.inputShape)]);
  const target = targetTensor(problem, nOut);
  const d1f = Float32Array.from(d1);
  const first = prefix(layout, X, Float32Array.from(origin), d1f, Float32Array.from(d2));
  const steps = first.rest.map(step);
  const perBatch = Math.max(1, Math.floor((opts.batchElements ?? DEFAULT_BATCH_ELEMENTS) / (N * widest(layout.nodes))));
  const decay = decayTerm(problem.weightDecay, origin, d1, d2);
  const exp = expOp(tf.getBackend());
  const rowParams = new Float32Array(origin.length);

  // pairScale's tensors for the alphas of the last batch, by rows per point: every grid row has the same alphas.
  const scales = new Map<number, tf.Tensor2D>();
  let scaleAlphas: readonly number[] = [];
  const pairScale = (as: readonly number[], per: number): tf.Tensor2D => {
    if (as.length !== scaleAlphas.length || as.some((a, k) => a !== scaleAlphas[k])) {
      tf.dispose([...scales.values()]);
      scales.clear();
      scaleAlphas = as;
    }
    let t = scales.get(per);
    if (!t) {
      const c = new Float32Array(2 * as.length * per);
      as.forEach((a, k) => {
        for (let e = k * per; e < (k + 1) * per; e++) {
          c[2 * e] = 1;
          c[2 * e + 1] = a;
        }
      });
      t = tf.keep(tf.tensor2d(c, [as.length * per, 2]));
      scales.set(per, t);
    }
    return t;
  };

  const losses = (as: readonly number[], b: number, stable: boolean): tf.Tensor1D =>
    tf.tidy(() => {
      const B = as.length;
      const coef = new Float32Array(3 * B);
      as.forEach((a, k) => coef.set([1, a, b], 3 * k));
      const batch: Batch = {
        B,
        coef: tf.tensor2d(coef, [B, 3]),
        alpha: tf.tensor2d(Float32Array.from(as), [B, 1]),
        row: paramSource(rowParams),
        d1: paramSource(d1f),
        rowParams,
        d1Params: d1f,
        pairScale: (per) => pairScale(as, per),
      };
      const z = steps.reduce((h, s) => s(h, batch), first.start(batch));
      return batchLoss(problem.loss, tf.reshape(z, [B, N, nOut]) as tf.Tensor3D, target, stable, exp);
    });

  const rows: number[][] = [];
  try {
    for (const b of betas) {
      for (let i = 0; i < rowParams.length; i++) rowParams[i] = origin[i] + b * d2[i];
      const row: number[] = [];
      for (let start = 0; start < alphas.length; start += perBatch) {
        if (await opts.shouldCancel?.()) throw new SurfaceCancelledError();
        const as = alphas.slice(start, start + perBatch);
        let values = await readOnce(losses(as, b, false));
        if (!values.every(Number.isFinite)) values = await readOnce(losses(as, b, true));
        as.forEach((a, k) => row.push(values[k] + decay(a, b)));
        opts.onProgress?.((rows.length + row.length / alphas.length) / betas.length);
      }
      rows.push(row);
    }
  } finally {
    tf.dispose([X, target, ...first.kept, ...scales.values()]);
  }
  return rows;
}

/** loss[j][i] at alphas[i], betas[j] (rows by beta, as evaluateSurface), batched on the backend. */
export async function evaluateModelSurface(
  problem: Problem,
  origin: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  alphas: readonly number[],
  betas: readonly number[],
  opts: SurfaceOptions = {},
): Promise<number[][]> {
  if (!problem.model || !problem.inputShape) throw new Error(`${problem.name}: not a layer-list problem`);
  return batchedSurface(problem, origin, d1, d2, alphas, betas, opts);
}
