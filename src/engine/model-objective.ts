/**
 * The objective of a layer-list problem (fixtures README, "Models: layer lists"): loss, gradient,
 * Hessian-vector products by the R-operator (Pearlmutter 1994, "Fast exact multiplication by the
 * Hessian") through each layer module's closed-form passes, and Gauss-Newton products
 * G v = J^T (d2L/dz2) J v (Schraudolph 2002): the forward R pass to the outputs, the loss head's
 * exact output Hessian, a plain reverse pass; empirical-Fisher products, K-FAC's factors
 * (kfac-model.ts) and gradients at sampled targets beside them. Float32 tensors, one readback per call; weight decay
 * added in float64. `layers` + `activation` problems stay on the dense-MLP route (mlp-objective.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { symmetrise } from '../core/linalg/symmetrise';
import { sampleTargets } from '../core/curvature/sample-targets';
import { countedObjective, type KfacLayerFactors, type ParamMatrix, type ValueAndGrad } from '../core/objective';
import { type LayerSpec, type ModelLayout, type ParamTensor, modelLayout } from '../core/problem/model';
import type { Problem } from '../core/problem/problem';
import { createRng } from '../core/random';
import { type KfacModelPass, createKfacModelPass } from './kfac-model';
import { buildModelPass } from './layers/registry';
import type { LayerPass, ParamSource } from './layers/types';
import { LOSS_HEADS } from './loss-heads';
import { type NetworkObjective, type NetworkObjectiveOptions, createNetworkObjective } from './mlp-objective';

export interface ModelObjectiveOptions {
  /** Row indices of a mini-batch; the objective is then the loss over those rows only. */
  batch?: number[];
  /** How many HVPs the dense Hessian runs between readbacks. */
  hessianChunk?: number;
}

export interface ModelObjective extends NetworkObjective {
  readonly layout: ModelLayout;
  /** The network's outputs at w, [N, outputs] row-major (the logits for classification). */
  outputs(w: Float64Array): Promise<Float32Array>;
}

/** A forward pass's output and the state its linearisations need. */
type ForwardPass = ReturnType<LayerPass['forward']>;

/** Float32 tensors of a flat vector's parameter tensors, made once per call. */
function paramSource(flat: Float64Array | Float32Array): ParamSource {
  const made = new Map<ParamTensor, tf.Tensor>();
  return {
    get(t) {
      let out = made.get(t);
      if (!out) {
        out = tf.tensor(Float32Array.from(flat.subarray(t.offset, t.offset + t.size)), t.shape);
        made.set(t, out);
      }
      return out;
    },
  };
}

/** The same for K directions stored row by row in `dirs` ([K, dim]): each tensor [K, ...shape]. */
function directionSource(dirs: Float32Array, k: number, dim: number): ParamSource {
  const made = new Map<ParamTensor, tf.Tensor>();
  return {
    get(t) {
      let out = made.get(t);
      if (!out) {
        const data = new Float32Array(k * t.size);
        for (let c = 0; c < k; c++) data.set(dirs.subarray(c * dim + t.offset, c * dim + t.offset + t.size), c * t.size);
        out = tf.tensor(data, [k, ...t.shape]);
        made.set(t, out);
      }
      return out;
    },
  };
}

function targetTensor(problem: Problem, rows: readonly number[], nOut: number): tf.Tensor2D {
  if (problem.loss === 'mse') {
    const y = problem.y as number[][];
    return tf.tensor2d(rows.map((i) => y[i]), [rows.length, nOut]);
  }
  const labels = problem.y as number[];
  if (problem.loss === 'binary_cross_entropy') return tf.tensor2d(rows.map((i) => [labels[i]]), [rows.length, 1]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(rows.map((i) => labels[i]), 'int32'), nOut).toFloat() as tf.Tensor2D);
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every tensor in a layer pass's state (plain objects and arrays of tensors). */
function tensorsIn(value: unknown, out: tf.Tensor[] = []): tf.Tensor[] {
  if (value instanceof tf.Tensor) out.push(value);
  else if (Array.isArray(value)) for (const v of value) tensorsIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) tensorsIn(v, out);
  return out;
}

function sqNorm(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return s;
}

/** scale * read + wd * w, in float64. */
function scaledWithDecay(read: Float32Array, scale: number, wd: number, w: Float64Array): Float64Array {
  const out = new Float64Array(read.length);
  for (let i = 0; i < out.length; i++) out[i] = scale * read[i] + wd * w[i];
  return out;
}

async function readOnce(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

function joined(parts: tf.Tensor[]): tf.Tensor1D {
  return tf.concat(parts.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
}

/** Per-direction parameter tensors ([K, ...shape] each) as [K, dim] in the layout's order. */
function joinedRows(parts: tf.Tensor[], k: number): tf.Tensor2D {
  return tf.concat(parts.map((t) => tf.reshape(t, [k, -1])), 1) as tf.Tensor2D;
}

/** The parameters as matrices for Shampoo: a weight as [prod(leading axes), filters], a bias or gain as one row. */
export function modelParamMatrices(layout: ModelLayout): ParamMatrix[] {
  return layout.blocks.flatMap((b) =>
    b.tensors.map((t) => {
      const cols = t.shape[t.shape.length - 1];
      return t.role === 'weight' ? { offset: t.offset, rows: t.size / cols, cols } : { offset: t.offset, rows: 1, cols: t.size };
    }),
  );
}

/** The objective of a model problem; throws when `problem.model` is absent. */
export function createModelObjective(problem: Problem, opts: ModelObjectiveOptions = {}): ModelObjective {
  if (!problem.model || !problem.inputShape) throw new Error(`${problem.name}: not a layer-list problem`);
  const layout = modelLayout(problem.model as LayerSpec[], problem.inputShape);
  const dim = layout.numParams;
  const nOut = layout.outputShape[0];
  const rows = opts.batch ?? problem.X.map((_, i) => i);
  const inputSize = layout.inputShape.reduce((a, b) => a * b, 1);
  const X = tf.tensor2d(rows.map((i) => problem.X[i]), [rows.length, inputSize]);
  const target = targetTensor(problem, rows, nOut);
  const head = LOSS_HEADS[problem.loss];
  const scale = head.scale([rows.length, nOut]);
  const wd = problem.weightDecay;
  const pass = buildModelPass(layout.nodes, rows.length);
  const chunk = opts.hessianChunk ?? 32;
  /** Built on the first K-FAC factor request: its own passes, which keep every layer's input. */
  let kfacPass: KfacModelPass | null = null;

  /** R{dL/dw} for the K directions in `dirs` ([K, dim]) from a forward pass at w, unscaled, as [K, dim]. */
  const rPass = (ws: ParamSource, { y: z, state }: ForwardPass, dirs: Float32Array, k: number): tf.Tensor2D => {
    const v = directionSource(dirs, k, dim);
    const rz = pass.jvp(state, null, ws, v)!;
    const top = head.derivatives(z, target);
    return joinedRows(pass.rvjp(state, top.grad, top.hvp(rz), null, ws, v, false).gp, k);
  };
  const hvpTensor = (w: Float64Array, dirs: Float32Array, k: number): tf.Tensor2D => {
    const ws = paramSource(w);
    return rPass(ws, pass.forward(X, ws), dirs, k);
  };

  /**
   * The weights' tensors and the forward pass at the point of the last single HVP, kept until the
   * point changes: Lanczos, CG and the trace estimators ask many products at one point, and these
   * depend on the point only, so every product after the first runs the R passes alone. Compared by
   * value, since callers may update w in place.
   */
  let point: { w: Float64Array; ws: ParamSource; forward: ForwardPass; kept: tf.Tensor[] } | null = null;
  const releasePoint = (): void => {
    if (point) tf.dispose(point.kept);
    point = null;
  };
  const forwardAt = (w: Float64Array): { ws: ParamSource; forward: ForwardPass } => {
    if (point && sameValues(point.w, w)) return point;
    releasePoint();
    // Tensors made from here on have larger ids; the data X (in the first layer's state) is older and stays.
    const marker = tf.scalar(0);
    const firstId = marker.id;
    marker.dispose();
    const ws = paramSource(w);
    let forward: ForwardPass | null = null;
    const kept = tf.tidy(() => {
      const params = layout.blocks.flatMap((b) => b.tensors.map((t) => ws.get(t)));
      forward = pass.forward(X, ws);
      return [...params, ...tensorsIn(forward)].filter((t) => t.id > firstId);
    });
    point = { w: Float64Array.from(w), ws, forward: forward!, kept };
    return point;
  };

  /** H v for each row of `dirs`, scaled, before weight decay. */
  const hvpRows = async (w: Float64Array, dirs: Float32Array, k: number): Promise<Float32Array> =>
    readOnce(tf.tidy(() => hvpTensor(w, dirs, k)));

  const raw = {
    dim,
    paramMatrices: modelParamMatrices(layout),
    async value(w: Float64Array): Promise<number> {
      const [loss] = await readOnce(tf.tidy(() => head.value(pass.forward(X, paramSource(w)).y, target)));
      return loss + 0.5 * wd * sqNorm(w);
    },
    async valueAndGrad(w: Float64Array): Promise<ValueAndGrad> {
      const read = await readOnce(
        tf.tidy(() => {
          const ws = paramSource(w);
          const { y: z, state } = pass.forward(X, ws);
          const g = head.derivatives(z, target).grad;
          return joined([tf.reshape(head.value(z, target), [1]), ...pass.vjp(state, g, ws, false).gp]);
        }),
      );
      return { value: read[0] + 0.5 * wd * sqNorm(w), grad: scaledWithDecay(read.subarray(1), scale, wd, w) };
    },
    async hvp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      const at = forwardAt(w);
      return scaledWithDecay(await readOnce(tf.tidy(() => rPass(at.ws, at.forward, Float32Array.from(v), 1))), scale, wd, v);
    },
    /** H v for the k rows of V (k x dim, row-major): one R-operator pass carries all k directions. */
    async hvpBatch(w: Float64Array, V: Float64Array, k: number): Promise<Float64Array> {
      if (V.length !== k * dim) throw new Error(`hvpBatch: V has ${V.length} entries, expected ${k} x ${dim}`);
      return scaledWithDecay(await hvpRows(w, Float32Array.from(V), k), scale, wd, V);
    },
    async ggnvp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      const read = await readOnce(
        tf.tidy(() => {
          const ws = paramSource(w);
          const { y: z, state } = pass.forward(X, ws);
          const rz = pass.jvp(state, null, ws, directionSource(Float32Array.from(v), 1, dim))!;
          const top = tf.squeeze(head.derivatives(z, target).hvp(rz), [0]) as tf.Tensor2D;
          return joined(pass.vjp(state, top, ws, false).gp);
        }),
      );
      return scaledWithDecay(read, scale, wd, v);
    },
    /**
     * (1/N) sum_i g_i g_i^T v without forming any g_i: s_i = g_i^T v is row i of (dL/dz) * (J v)
     * summed over outputs (the forward R pass), then one reverse pass of the cotangent rows s_i dL/dz_i.
     * The per-example loss is N * scale times the head's unscaled one, hence the factor N scale^2.
     */
    async empiricalFisherVp(w: Float64Array, v: Float64Array): Promise<Float64Array> {
      const read = await readOnce(
        tf.tidy(() => {
          const ws = paramSource(w);
          const { y: z, state } = pass.forward(X, ws);
          const jv = tf.squeeze(pass.jvp(state, null, ws, directionSource(Float32Array.from(v), 1, dim))!, [0]);
          const g = head.derivatives(z, target).grad;
          const s = tf.sum(tf.mul(g, jv), 1, true);
          return joined(pass.vjp(state, tf.mul(s, g) as tf.Tensor2D, ws, false).gp);
        }),
      );
      return scaledWithDecay(read, rows.length * scale * scale, wd, v);
    },
    /** K-FAC's per-layer factors (kfac-model.ts): dense and conv2d layers factored, layernorm tensors kept whole. */
    async kfacFactors(w: Float64Array): Promise<KfacLayerFactors[]> {
      kfacPass ??= createKfacModelPass(layout, rows.length);
      const factorPass = kfacPass;
      const read = await readOnce(tf.tidy(() => factorPass.factorTensor(X, target, head, paramSource(w))));
      return factorPass.unpack(read, rows.length, scale);
    },
    /** The gradient at targets sampled from the model at w (Sophia's Gauss-Newton-Bartlett estimator), without weight decay. */
    async sampledTargetGradient(w: Float64Array, seed: number): Promise<{ grad: Float64Array; rows: number }> {
      const z = await readOnce(tf.tidy(() => pass.forward(X, paramSource(w)).y));
      const sampled = tf.tensor2d(Float32Array.from(sampleTargets(problem.loss, z, rows.length, nOut, createRng(seed))), [rows.length, nOut]);
      try {
        const read = await readOnce(
          tf.tidy(() => {
            const ws = paramSource(w);
            const { y, state } = pass.forward(X, ws);
            return joined(pass.vjp(state, head.derivatives(y, sampled).grad, ws, false).gp);
          }),
        );
        return { grad: scaledWithDecay(read, scale, 0, w), rows: rows.length };
      } finally {
        sampled.dispose();
      }
    },
    /** H e_i for every basis vector, `chunk` products per readback, symmetrised. */
    async hessian(w: Float64Array): Promise<Float64Array> {
      const H = new Float64Array(dim * dim);
      for (let start = 0; start < dim; start += chunk) {
        const end = Math.min(dim, start + chunk);
        const basis = new Float32Array((end - start) * dim);
        for (let i = start; i < end; i++) basis[(i - start) * dim + i] = 1;
        const read = await hvpRows(w, basis, end - start);
        for (let i = start; i < end; i++) {
          for (let j = 0; j < dim; j++) H[i * dim + j] = scale * read[(i - start) * dim + j];
          H[i * dim + i] += wd;
        }
      }
      return symmetrise(H, dim);
    },
  };
  const counted = countedObjective(raw);
  return Object.assign(counted, {
    hvpMode: 'rop' as const,
    layout,
    outputs: (w: Float64Array): Promise<Float32Array> => readOnce(tf.tidy(() => pass.forward(X, paramSource(w)).y)),
    dispose(): void {
      releasePoint();
      pass.dispose();
      kfacPass?.dispose();
      tf.dispose([X, target]);
    },
  });
}

/** The objective of any network problem: layer lists through the model passes, dense MLPs through their own. */
export function createProblemObjective(problem: Problem, opts: NetworkObjectiveOptions = {}): NetworkObjective {
  return problem.model ? createModelObjective(problem, { batch: opts.batch, hessianChunk: opts.hessianChunk }) : createNetworkObjective(problem, opts);
}
