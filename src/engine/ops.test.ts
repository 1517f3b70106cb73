import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from './backend';
import * as ops from './ops';
import { relErr } from '../../test/fixtures';

/** Closed forms in float64, the oracle the float32 ops are compared against. */
const sigmoid64 = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus64 = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const gelu64 = (x: number): number =>
  0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
const lse64 = (row: number[]): number => {
  const m = Math.max(...row);
  return m + Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
};

/** Hessian-vector product of f at x by nested central differences of f alone: (h^-2 / 4) * 4 evaluations per entry. */
function fdHvp(f: (x: number[]) => number, x: number[], v: number[], h = 1e-4): number[] {
  const at = (i: number, si: number, sv: number): number =>
    f(x.map((xj, j) => xj + sv * h * v[j] + (j === i ? si * h : 0)));
  return x.map((_, i) => (at(i, 1, 1) - at(i, 1, -1) - at(i, -1, 1) + at(i, -1, -1)) / (4 * h * h));
}

function fdGrad(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const e = (s: number): number => f(x.map((xj, j) => (j === i ? xj + s * h : xj)));
    return (e(1) - e(-1)) / (2 * h);
  });
}


interface Case {
  name: string;
  shape: number[];
  /** The scalar function in TF.js ops ... */
  tfF: (x: tf.Tensor) => tf.Tensor;
  /** ... and the same function in float64. */
  jsF: (x: number[]) => number;
}

const X6 = [0.3, -0.7, 1.2, -1.9, 0.05, 2.4];
const V6 = [1, 0.5, -2, 0.7, -1.3, 0.4];
const C6 = [1, 2, 3, -1, 0.5, 1.5];
const weighted = (g: (x: number) => number) => (x: number[]) => x.reduce((s, xi, i) => s + C6[i] * g(xi), 0);
const tfWeighted = (op: (x: tf.Tensor) => tf.Tensor) => (x: tf.Tensor) => tf.sum(tf.mul(tf.tensor1d(C6), op(x)));

/** Rows of a 2 x 3 logit matrix, flattened for the finite differences. */
const rows = (x: number[]): number[][] => [x.slice(0, 3), x.slice(3, 6)];
const LABELS = [2, 0];
const BINARY = [1, 0, 1, 1, 0, 0];
const TARGETS = [0.5, -1, 0.2, 1.1, 0.3, -0.4];

const CASES: Case[] = [
  { name: 'tanh', shape: [6], tfF: tfWeighted(ops.tanh), jsF: weighted(Math.tanh) },
  { name: 'sigmoid', shape: [6], tfF: tfWeighted(ops.sigmoid), jsF: weighted(sigmoid64) },
  { name: 'softplus', shape: [6], tfF: tfWeighted(ops.softplus), jsF: weighted(softplus64) },
  { name: 'gelu', shape: [6], tfF: tfWeighted(ops.gelu), jsF: weighted(gelu64) },
  { name: 'exp', shape: [6], tfF: tfWeighted(ops.exp), jsF: weighted(Math.exp) },
  // relu'' = 0 away from the kink; its Hv is checked through a square so it is not trivially zero.
  {
    name: 'relu (squared)',
    shape: [6],
    tfF: (x) => tf.sum(tf.mul(tf.tensor1d(C6), tf.square(ops.relu(x)))),
    jsF: weighted((x) => Math.max(x, 0) ** 2),
  },
  {
    name: 'logSumExp',
    shape: [2, 3],
    tfF: (x) => tf.sum(tf.mul(tf.tensor1d([1, -2]), ops.logSumExp(x))),
    jsF: (x) => lse64(rows(x)[0]) - 2 * lse64(rows(x)[1]),
  },
  {
    name: 'logSoftmax',
    shape: [2, 3],
    tfF: (x) => tf.sum(tf.mul(tf.tensor2d([C6.slice(0, 3), C6.slice(3)]), ops.logSoftmax(x))),
    jsF: (x) => rows(x).reduce((s, r, i) => s + r.reduce((t, z, j) => t + C6[3 * i + j] * (z - lse64(r)), 0), 0),
  },
  {
    name: 'softmax',
    shape: [2, 3],
    tfF: (x) => tf.sum(tf.mul(tf.tensor2d([C6.slice(0, 3), C6.slice(3)]), ops.softmax(x))),
    jsF: (x) => rows(x).reduce((s, r, i) => s + r.reduce((t, z, j) => t + C6[3 * i + j] * Math.exp(z - lse64(r)), 0), 0),
  },
  {
    name: 'softmaxCrossEntropy',
    shape: [2, 3],
    tfF: (x) => ops.softmaxCrossEntropy(x, tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3)),
    jsF: (x) => rows(x).reduce((s, r, i) => s + lse64(r) - r[LABELS[i]], 0) / 2,
  },
  {
    name: 'sigmoidCrossEntropy',
    shape: [6],
    tfF: (x) => ops.sigmoidCrossEntropy(x, tf.tensor1d(BINARY)),
    jsF: (x) => x.reduce((s, z, i) => s + softplus64(z) - BINARY[i] * z, 0) / 6,
  },
  {
    name: 'meanSquaredError (of tanh)',
    shape: [2, 3],
    tfF: (x) => ops.meanSquaredError(ops.tanh(x), tf.tensor2d([TARGETS.slice(0, 3), TARGETS.slice(3)])),
    jsF: (x) => x.reduce((s, z, i) => s + (Math.tanh(z) - TARGETS[i]) ** 2, 0) / 6,
  },
];

async function tfGradAndHvp(c: Case): Promise<{ value: number; grad: Float32Array; hv: Float32Array }> {
  const [value, grad, hv] = tf.tidy(() => {
    const x = tf.tensor(X6, c.shape);
    const v = tf.tensor(V6, c.shape);
    const gradF = tf.grad(c.tfF);
    const hvF = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gradF(t), v)));
    return [c.tfF(x), gradF(x), hvF(x)];
  });
  const out = { value: (await value.data())[0], grad: (await grad.data()) as Float32Array, hv: (await hv.data()) as Float32Array };
  tf.dispose([value, grad, hv]);
  return out;
}

describe.each(['cpu', 'wasm'] as const)('twice-differentiable ops on %s', (backend) => {
  beforeAll(async () => {
    await setBackend(backend);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: value, gradient and Hv match float64 closed forms', async (_, c) => {
    const { value, grad, hv } = await tfGradAndHvp(c);
    expect(Math.abs(value - c.jsF(X6)) / Math.max(1, Math.abs(c.jsF(X6)))).toBeLessThan(1e-6);
    expect(relErr(grad, fdGrad(c.jsF, X6))).toBeLessThan(1e-5);
    expect(relErr(hv, fdHvp(c.jsF, X6, V6))).toBeLessThan(1e-5);
  });

  it('keeps Hv right inside a small tanh network with a cross-entropy head (where plain tf ops drift)', async () => {
    const W = [0.4, -0.3, 0.8, 0.2, -0.5, 0.6];
    const X = [
      [0.5, -1.0],
      [1.5, 0.3],
    ];
    // logits = tanh(X diag(...)) @ W, with the inputs x treated as the variables: f(x) = CE(tanh(x) W).
    const jsF = (x: number[]): number => {
      const h = [x.slice(0, 2), x.slice(2, 4)].map((r) => r.map(Math.tanh));
      const z = h.map((r) => [0, 1, 2].map((k) => r[0] * W[k] + r[1] * W[3 + k]));
      return z.reduce((s, r, i) => s + lse64(r) - r[LABELS[i]], 0) / 2;
    };
    const x0 = X.flat();
    const v0 = [0.3, -1, 0.8, 0.5];
    const hv = tf.tidy(() => {
      const w = tf.tensor2d(W, [2, 3]);
      const oh = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3);
      const f = (x: tf.Tensor): tf.Scalar => ops.softmaxCrossEntropy(tf.matMul(ops.tanh(x) as tf.Tensor2D, w), oh);
      const g = tf.grad(f);
      const v = tf.tensor2d(v0, [2, 2]);
      return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(g(x), v)))(tf.tensor2d(x0, [2, 2]));
    });
    expect(relErr(await hv.data(), fdHvp(jsF, x0, v0))).toBeLessThan(1e-5);
    hv.dispose();
  });

  it('activations through the fused kernel: f, f\' and f\'\' r match the ops\' own derivatives', async () => {
    // Both forms of tanh run on every backend: the plain kernel and the wasm one through a sigmoid.
    const forms: [string, ops.ActivationOp][] = [...Object.entries(ops.ACTIVATION_OPS), ['tanh (wasm form)', ops.activationOp('tanh', 'wasm')]];
    expect(ops.activationOp('tanh', 'wasm').fused).toBe('sigmoid');
    for (const [name, op] of forms) {
      const [h, d1, d2r, f, g1, g2r] = tf.tidy(() => {
        const x = tf.tensor1d(X6);
        const r = tf.tensor1d(V6);
        // The passes' forward kernel: the fused activation of scale * x (here x times scale I).
        const u = tf.reshape(
          tf.fused.matMul({ a: tf.reshape(x, [1, 6]), b: tf.mul(tf.eye(6), op.scale), activation: op.fused }),
          [6],
        );
        const hT = op.fromFused(u);
        const d1T = op.d1(u, hT);
        const d2T = op.d2Times ? op.d2Times(u, hT, d1T, r, tf.mul(d1T, r)) : tf.zerosLike(x);
        const grad1 = tf.grad((t: tf.Tensor) => tf.sum(op.f(t)));
        const grad2 = tf.grad((t: tf.Tensor) => tf.sum(grad1(t)));
        return [hT, d1T, d2T, op.f(x), grad1(x), tf.mul(grad2(x), r)];
      });
      expect(relErr(await h.data(), await f.data()), `${name} f`).toBeLessThan(1e-6);
      expect(relErr(await d1.data(), await g1.data()), `${name} d1`).toBeLessThan(1e-6);
      const ref2 = await g2r.data();
      if (Math.max(...ref2.map(Math.abs)) > 0) expect(relErr(await d2r.data(), ref2), `${name} d2`).toBeLessThan(1e-5);
      else {
        expect(op.d2Times, `${name} d2`).toBeNull();
        expect(Math.max(...(await d2r.data()).map(Math.abs)), `${name} d2`).toBe(0);
      }
      tf.dispose([h, d1, d2r, f, g1, g2r]);
    }
  });
});
