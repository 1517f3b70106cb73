/**
 * Logistic and softmax regression problems at confident points (every row classified correctly,
 * margins between `minMargin` and 30 logits): where float32 loss heads that subtract from 1 or
 * cancel softplus(z) - y z lose the ~exp(-margin) that the loss, its gradient and curvature are made of.
 */
import type { Problem } from '../problem/problem';
import { createRng } from '../random';

export interface ConfidentOptions {
  classes: number;
  inputs: number;
  rows: number;
  minMargin: number;
  seed: number;
  weightDecay?: number;
}

/**
 * Draws weights, then rows x ~ N(0, I) until `rows` of them have a margin in [minMargin, 30] and no
 * logit beyond 30 in magnitude; labels are the predicted classes. The margin is |z| for one output
 * (binary cross-entropy) and z_max - z_second for several (softmax cross-entropy).
 */
export function confidentLinearProblem(o: ConfidentOptions): Problem {
  const rng = createRng(o.seed);
  const c = o.classes;
  const d = o.inputs;
  const params = Float64Array.from({ length: d * c + c }, () => 6 * rng.normal());
  const X: number[][] = [];
  const y: number[] = [];
  for (let tries = 0; X.length < o.rows; tries++) {
    if (tries > 1_000_000) throw new Error('no confident rows found; widen the margin range');
    const x = Array.from({ length: d }, () => rng.normal());
    const z = Array.from({ length: c }, (_, j) => params[d * c + j] + x.reduce((s, xi, i) => s + xi * params[i * c + j], 0));
    if (z.some((zj) => Math.abs(zj) > 30)) continue;
    const sorted = [...z].sort((a, b) => b - a);
    const margin = c === 1 ? Math.abs(z[0]) : sorted[0] - sorted[1];
    if (margin < o.minMargin || margin > 30) continue;
    X.push(x);
    y.push(c === 1 ? (z[0] > 0 ? 1 : 0) : z.indexOf(sorted[0]));
  }
  return {
    name: c === 1 ? 'confident-logistic' : 'confident-softmax',
    layers: [d, c],
    activation: 'tanh',
    loss: c === 1 ? 'binary_cross_entropy' : 'softmax_cross_entropy',
    weightDecay: o.weightDecay ?? 0,
    X,
    y,
    params,
  };
}
