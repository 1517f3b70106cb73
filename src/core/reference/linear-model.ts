/**
 * Float64 closed forms for a network that is linear in its parameters (layers [d, C], no hidden
 * layer): logistic regression (binary cross-entropy, C = 1), softmax regression and least squares.
 * The engine's float32 loss heads are checked against these at confident points, so every formula
 * here avoids the cancellations float64 would also suffer at logits near 30 (log1p of the small
 * remainder, p_a - 1 as -rest / (1 + rest), r_a - p . r as -p . (r - r_a)).
 */
import type { Problem } from '../problem/problem';

export interface LinearModelReference {
  loss: number;
  grad: Float64Array;
  hvp(v: Float64Array): Float64Array;
}

interface RowHead {
  loss: number;
  /** dL/dz of the row. */
  grad: Float64Array;
  /** (d^2L/dz^2) r for the row. */
  hvp(r: Float64Array): Float64Array;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function binaryRow(z: Float64Array, y: number): RowHead {
  const p = sigmoid(z[0]);
  const q = sigmoid(-z[0]);
  return {
    loss: Math.max(z[0], 0) - y * z[0] + Math.log1p(Math.exp(-Math.abs(z[0]))),
    grad: Float64Array.of((1 - y) * p - y * q),
    hvp: (r) => Float64Array.of(p * q * r[0]),
  };
}

function softmaxRow(z: Float64Array, label: number): RowHead {
  let a = 0;
  for (let j = 1; j < z.length; j++) if (z[j] > z[a]) a = j;
  const e = Float64Array.from(z, (zj) => Math.exp(zj - z[a]));
  let rest = 0;
  for (let j = 0; j < z.length; j++) if (j !== a) rest += e[j];
  const p = Float64Array.from(e, (ej) => ej / (1 + rest));
  const grad = Float64Array.from(p, (pj, j) => (j === a ? (label === a ? -rest / (1 + rest) : pj) : pj - (j === label ? 1 : 0)));
  return {
    loss: z[a] - z[label] + Math.log1p(rest),
    grad,
    hvp: (r) => {
      let pd = 0;
      for (let j = 0; j < z.length; j++) pd += p[j] * (r[j] - r[a]);
      return Float64Array.from(p, (pj, j) => pj * (r[j] - r[a] - pd));
    },
  };
}

function squaredRow(z: Float64Array, t: readonly number[]): RowHead {
  const c = z.length;
  return {
    loss: z.reduce((s, zj, j) => s + (zj - t[j]) ** 2, 0) / c,
    grad: Float64Array.from(z, (zj, j) => (2 * (zj - t[j])) / c),
    hvp: (r) => Float64Array.from(r, (rj) => (2 * rj) / c),
  };
}

/** Loss, gradient and Hessian-vector products of a [d, C] problem at its params, weight decay included. */
export function linearModelReference(problem: Problem): LinearModelReference {
  if (problem.layers.length !== 2) throw new Error(`${problem.name}: the linear-model reference needs layers [d, C]`);
  const [d, c] = problem.layers;
  const w = problem.params;
  const n = problem.X.length;
  const wd = problem.weightDecay;
  const logits = (params: Float64Array, withBias: boolean): Float64Array[] =>
    problem.X.map((x) => {
      const z = new Float64Array(c);
      for (let j = 0; j < c; j++) {
        let s = withBias ? params[d * c + j] : 0;
        for (let i = 0; i < d; i++) s += x[i] * params[i * c + j];
        z[j] = s;
      }
      return z;
    });
  const heads = logits(w, true).map((z, row) => {
    if (problem.loss === 'binary_cross_entropy') return binaryRow(z, (problem.y as number[])[row]);
    if (problem.loss === 'softmax_cross_entropy') return softmaxRow(z, (problem.y as number[])[row]);
    return squaredRow(z, (problem.y as number[][])[row]);
  });
  /** sum_rows x_row^T g_row / n and sum_rows g_row / n in the parameter layout, plus wd * u. */
  const backward = (perRow: Float64Array[], u: Float64Array): Float64Array => {
    const out = new Float64Array(w.length);
    perRow.forEach((g, row) => {
      const x = problem.X[row];
      for (let j = 0; j < c; j++) {
        for (let i = 0; i < d; i++) out[i * c + j] += (x[i] * g[j]) / n;
        out[d * c + j] += g[j] / n;
      }
    });
    for (let i = 0; i < out.length; i++) out[i] += wd * u[i];
    return out;
  };
  let loss = 0;
  for (const h of heads) loss += h.loss / n;
  let sq = 0;
  for (const wi of w) sq += wi * wi;
  return {
    loss: loss + 0.5 * wd * sq,
    grad: backward(
      heads.map((h) => h.grad),
      w,
    ),
    hvp: (v) => {
      const dz = logits(v, true);
      return backward(
        heads.map((h, row) => h.hvp(dz[row])),
        v,
      );
    },
  };
}
