/**
 * K-FAC's factors on layer-list models against their definitions in float64 (Grosse & Martens 2016,
 * "A Kronecker-factored approximate Fisher matrix for convolution layers": im2col patches, sums over
 * output positions), against the exact Gauss-Newton block where the factorisation is exact, and
 * the empirical Fisher and sampled-target gradients of the model objective against their own
 * definitions, one example at a time.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KfacLayerFactors } from '../core/objective';
import type { LayerSpec } from '../core/problem/model';
import { parseProblemText } from '../core/problem/parse';
import type { Problem } from '../core/problem/problem';
import { createRng, randomNormalVector } from '../core/random';
import { fixturePath, relErr } from '../../test/fixtures';
import { setBackend } from './backend';
import { createModelObjective } from './model-objective';

function modelProblem(name: string, inputShape: number[], model: LayerSpec[], n: number, nOut: number, dim: number, seed: number): Problem {
  const rng = createRng(seed);
  const size = inputShape.reduce((a, b) => a * b, 1);
  const X = Array.from({ length: n }, () => Array.from(randomNormalVector(size, rng)));
  const params = randomNormalVector(dim, rng).map((v) => 0.5 * v);
  return { name, layers: [size, nOut], activation: 'tanh', loss: 'softmax_cross_entropy', weightDecay: 0, X, y: X.map((_, i) => i % nOut), params, inputShape, model };
}

/** The first `n` rows of a shared fixture. */
function fixtureRows(file: string, n: number): Problem {
  const p = parseProblemText(readFileSync(fixturePath(file), 'utf8'));
  return { ...p, X: p.X.slice(0, n), y: (p.y as number[]).slice(0, n) };
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** sum over rows r of scale * u_r u_r^T, accumulated into `out` (n x n). */
function addOuter(out: Float64Array, u: ArrayLike<number>, scale: number): void {
  const n = u.length;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] += scale * u[i] * u[j];
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** max |a - b| / max |b|. */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m / maxAbs(b);
}

/** The Gauss-Newton block of parameters [offset, offset + size) from ggnvp of the basis vectors (wd = 0). */
async function ggnBlock(ggnvp: (w: Float64Array, v: Float64Array) => Promise<Float64Array>, w: Float64Array, offset: number, size: number): Promise<Float64Array> {
  const out = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    const e = new Float64Array(w.length);
    e[offset + j] = 1;
    const col = await ggnvp(w, e);
    for (let i = 0; i < size; i++) out[i * size + j] = col[offset + i];
  }
  return out;
}

/** A (x) S in the block's parameter order (W rows then the bias row, each of nOut). */
function kronecker(f: KfacLayerFactors): Float64Array {
  const [m, n] = [f.nIn + 1, f.nOut];
  const out = new Float64Array(m * n * m * n);
  for (let i = 0; i < m; i++)
    for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) out[(i * n + j) * m * n + k * n + l] = f.A[i * m + k] * f.S[j * n + l];
  return out;
}

describe.each(['cpu', 'wasm'] as const)('K-FAC factors of layer-list models on %s', (backend) => {
  beforeAll(async () => {
    expect(await setBackend(backend)).toBe(backend);
  });

  it("conv2d (3x3, stride 2, 'same') -> tanh -> flatten -> dense: A and S of both layers equal their float64 definitions from hand-made patches", async () => {
    const [H, W, C, F, k, stride, nOut, n] = [5, 5, 2, 3, 3, 2, 3, 4];
    const [Ho, Wo] = [3, 3];
    const T = Ho * Wo;
    const model: LayerSpec[] = [{ type: 'conv2d', filters: F, kernel: k, stride, padding: 'same' }, { type: 'activation', fn: 'tanh' }, { type: 'flatten' }, { type: 'dense', units: nOut }];
    const convSize = k * k * C * F + F;
    const dim = convSize + T * F * nOut + nOut;
    const p = modelProblem('tiny-conv', [H, W, C], model, n, nOut, dim, 3);
    const w = p.params;
    const f = createModelObjective(p);
    const factors = await f.kfacFactors!(w);
    f.dispose();

    // TF's 'same' for 5 -> 3 at stride 2 pads 2 in all, 1 before: patch (oy, ox) tap (a, b) reads pixel (2 oy - 1 + a, 2 ox - 1 + b).
    const pin = k * k * C;
    const Aconv = new Float64Array((pin + 1) ** 2);
    const Sconv = new Float64Array(F * F);
    const Adense = new Float64Array((T * F + 1) ** 2);
    const Sdense = new Float64Array(nOut * nOut);
    for (let i = 0; i < n; i++) {
      const x = p.X[i];
      const h = new Float64Array(T * F);
      for (let t = 0; t < T; t++) {
        const [oy, ox] = [Math.floor(t / Wo), t % Wo];
        const patch = new Float64Array(pin + 1);
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++)
            for (let c = 0; c < C; c++) {
              const [iy, ix] = [stride * oy - 1 + a, stride * ox - 1 + b];
              patch[(a * k + b) * C + c] = iy >= 0 && iy < H && ix >= 0 && ix < W ? x[(iy * W + ix) * C + c] : 0;
            }
        patch[pin] = 1;
        addOuter(Aconv, patch, 1 / n);
        for (let o = 0; o < F; o++) {
          let s = w[pin * F + o];
          for (let j = 0; j < pin; j++) s += patch[j] * w[j * F + o];
          h[t * F + o] = Math.tanh(s);
        }
      }
      const z = new Array<number>(nOut).fill(0).map((_, c) => {
        let s = w[convSize + T * F * nOut + c];
        for (let j = 0; j < T * F; j++) s += h[j] * w[convSize + j * nOut + c];
        return s;
      });
      const pr = softmax(z);
      // Lambda = diag(p) - p p^T, the softmax cross-entropy's output Hessian; the loss is the mean over rows.
      const lambda = (c: number, d: number): number => (c === d ? pr[c] : 0) - pr[c] * pr[d];
      addOuter(Adense, [...h, 1], 1 / n);
      for (let c = 0; c < nOut; c++) for (let d = 0; d < nOut; d++) Sdense[c * nOut + d] += lambda(c, d) / n;
      for (let t = 0; t < T; t++) {
        // B[c][o] = dz_c / d(pre-activation at position t, filter o).
        const B = Array.from({ length: nOut }, (_, c) => Array.from({ length: F }, (_, o) => w[convSize + (t * F + o) * nOut + c] * (1 - h[t * F + o] ** 2)));
        for (let o = 0; o < F; o++)
          for (let q = 0; q < F; q++) {
            let s = 0;
            for (let c = 0; c < nOut; c++) for (let d = 0; d < nOut; d++) s += B[c][o] * lambda(c, d) * B[d][q];
            Sconv[o * F + q] += s / (n * T);
          }
      }
    }
    expect(factors.map(({ nIn, nOut: o, offset }) => [nIn, o, offset])).toEqual([[pin, F, 0], [T * F, nOut, convSize]]);
    const errs = [maxRelDiff(factors[0].A, Aconv), maxRelDiff(factors[0].S, Sconv), maxRelDiff(factors[1].A, Adense), maxRelDiff(factors[1].S, Sdense)];
    for (const e of errs) expect(e).toBeLessThan(1e-5);
  });

  it('one example: a dense layer and a conv2d layer with one output position have A (x) S equal to their exact Gauss-Newton blocks', async () => {
    const cases: { model: LayerSpec[]; inputShape: number[]; dim: number }[] = [
      { model: [{ type: 'dense', units: 3 }, { type: 'activation', fn: 'tanh' }, { type: 'dense', units: 4 }], inputShape: [4], dim: 4 * 3 + 3 + 3 * 4 + 4 },
      { model: [{ type: 'conv2d', filters: 2, kernel: 3, stride: 1, padding: 'valid' }, { type: 'activation', fn: 'tanh' }, { type: 'flatten' }, { type: 'dense', units: 4 }], inputShape: [3, 3, 2], dim: 18 * 2 + 2 + 2 * 4 + 4 },
    ];
    for (const [ci, { model, inputShape, dim }] of cases.entries()) {
      const p = modelProblem(`one-example-${ci}`, inputShape, model, 1, 4, dim, 11 + ci);
      const f = createModelObjective(p);
      const factors = await f.kfacFactors!(p.params);
      for (const fl of factors) {
        const size = (fl.nIn + 1) * fl.nOut;
        const G = await ggnBlock(f.ggnvp!.bind(f), p.params, fl.offset, size);
        expect(maxAbs(G)).toBeGreaterThan(1e-3);
        expect(maxRelDiff(kronecker(fl), G)).toBeLessThan(1e-5);
      }
      f.dispose();
    }
  });

  it('layernorm inside a residual block: its gain and bias blocks (A = [1]) are the exact Gauss-Newton blocks at any batch size', async () => {
    const model: LayerSpec[] = [
      { type: 'dense', units: 4 },
      { type: 'residual', body: [{ type: 'layernorm', eps: 1e-5 }, { type: 'dense', units: 4 }] },
      { type: 'activation', fn: 'tanh' },
      { type: 'dense', units: 3 },
    ];
    const dim = 5 * 4 + 4 + 2 * 4 + 5 * 4 + 5 * 3;
    const p = modelProblem('layernorm', [5], model, 6, 3, dim, 17);
    const f = createModelObjective(p);
    const factors = await f.kfacFactors!(p.params);
    expect(factors.map(({ nIn, nOut, offset }) => [nIn, nOut, offset])).toEqual([[5, 4, 0], [0, 4, 24], [0, 4, 28], [4, 4, 32], [4, 3, 52]]);
    for (const fl of factors.slice(1, 3)) {
      expect(Array.from(fl.A)).toEqual([1]);
      const G = await ggnBlock(f.ggnvp!.bind(f), p.params, fl.offset, fl.nOut);
      expect(maxAbs(G)).toBeGreaterThan(1e-3);
      expect(maxRelDiff(fl.S, G)).toBeLessThan(1e-5);
    }
    f.dispose();
  });

  describe.each(['models/digits-cnn-relu-ce.json', 'models/digits-resmlp-tanh-ce.json'])('%s, first 6 rows', (file) => {
    const p = fixtureRows(file, 6);
    const v = randomNormalVector(p.params.length, createRng(5));

    it('empirical Fisher product = (1/N) sum_i g_i (g_i^T v), each g_i from the one-row objective', async () => {
      const f = createModelObjective(p);
      const got = await f.empiricalFisherVp!(p.params, v);
      f.dispose();
      const want = new Float64Array(v.length);
      for (let i = 0; i < p.X.length; i++) {
        const fi = createModelObjective(p, { batch: [i] });
        const { grad } = await fi.valueAndGrad(p.params);
        fi.dispose();
        const s = grad.reduce((acc, g, j) => acc + g * v[j], 0);
        for (let j = 0; j < v.length; j++) want[j] += (s * grad[j]) / p.X.length;
      }
      expect(relErr(got, want)).toBeLessThan(1e-4);
    });

    it('gradients at sampled targets: each draw is the gradient at one class c, drawn with the model probability p_c, and sum_c p_c (g_c^T v)^2 = v^T G v', async () => {
      const one = { ...p, X: p.X.slice(0, 1), y: (p.y as number[]).slice(0, 1) };
      const f = createModelObjective(one);
      const vGv = (await f.ggnvp!(one.params, v)).reduce((s, x, j) => s + x * v[j], 0);
      const pr = softmax(Array.from(await f.outputs(one.params)));
      const perClass: Float64Array[] = [];
      for (let c = 0; c < pr.length; c++) {
        const fc = createModelObjective({ ...one, y: [c] });
        perClass.push((await fc.valueAndGrad(one.params)).grad);
        fc.dispose();
      }
      const fisher = perClass.reduce((s, g, c) => s + pr[c] * g.reduce((t, x, j) => t + x * v[j], 0) ** 2, 0);
      expect(Math.abs(fisher - vGv) / vGv).toBeLessThan(1e-4);
      const draws = 300;
      const counts = new Array<number>(pr.length).fill(0);
      for (let seed = 0; seed < draws; seed++) {
        const { grad, rows } = await f.sampledTargetGradient!(one.params, seed);
        expect(rows).toBe(1);
        const c = perClass.findIndex((g) => relErr(grad, g) < 1e-5);
        expect(c).toBeGreaterThanOrEqual(0);
        counts[c]++;
      }
      f.dispose();
      counts.forEach((k, c) => expect(Math.abs(k - draws * pr[c])).toBeLessThanOrEqual(4 * Math.sqrt(draws * pr[c] * (1 - pr[c])) + 1));
    });
  });
});
