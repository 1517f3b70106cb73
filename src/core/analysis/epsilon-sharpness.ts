/**
 * Keskar et al.'s sharpness (2017, "On Large-Batch Training for Deep Learning: Generalization Gap
 * and Sharp Minima", Metric 2.1, full space A = I): the largest relative rise of the loss in the box
 * C_eps = { y : |y_i| <= eps (|x_i| + 1) } around x, in percent:
 *   phi(x, eps) = 100 (max_{y in C_eps} f(x + y) - f(x)) / (1 + f(x)).
 * They maximise with L-BFGS-B; here the spectral projected gradient method for ascent (Birgin,
 * Martinez and Raydan 2000, "Nonmonotone spectral projected gradient methods on convex sets") in
 * box-scaled coordinates u = y / r (r_i = eps (|x_i| + 1), so the box is [-1, 1]^n): the
 * Barzilai-Borwein step sets how far to go before projecting, and a backtracking Armijo search
 * along the projected direction, measured against the lowest of the last 10 values (the nonmonotone
 * rule of Grippo, Lampariello and Lucidi 1986, which lets the long BB steps through), keeps the
 * search rising; the best point seen is the answer. On a convex loss the maximum lies at a vertex,
 * which the long steps reach in a few iterations; on a concave one it is interior.
 */
import type { Objective } from '../objective';

export interface EpsilonSharpnessOptions {
  /** Relative box size (Keskar et al. report 1e-3 and 5e-4). */
  eps: number;
  /** Most ascent steps (gradients); default 20. */
  maxSteps?: number;
  /** Most halvings of the step per ascent step; default 30. */
  maxHalvings?: number;
  /** Stop when the projected step moves u by at most this (infinity norm); default 1e-9. */
  tol?: number;
}

export interface EpsilonSharpnessResult {
  /** phi in percent, as Keskar et al. report it. */
  sharpness: number;
  eps: number;
  /** f(x) and the largest f(x + y) found. */
  loss: number;
  maxLoss: number;
  /** The maximising perturbation y (within the box). */
  perturbation: Float64Array;
  steps: number;
  values: number;
  gradients: number;
}

/** Values the nonmonotone line search compares against (Grippo et al. 1986 use 10). */
const NONMONOTONE_MEMORY = 10;

/** Moves u by alpha * d and clips to the box [-1, 1]^n. */
function projectedStep(u: Float64Array, d: Float64Array, alpha: number): Float64Array {
  const out = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = Math.min(1, Math.max(-1, u[i] + alpha * d[i]));
  return out;
}

export async function epsilonSharpness(
  objective: Pick<Objective, 'dim' | 'value' | 'valueAndGrad'>,
  x: Float64Array,
  opts: EpsilonSharpnessOptions,
): Promise<EpsilonSharpnessResult> {
  if (!(opts.eps > 0)) throw new Error(`eps must be positive, got ${opts.eps}`);
  const n = objective.dim;
  const maxSteps = opts.maxSteps ?? 20;
  const maxHalvings = opts.maxHalvings ?? 30;
  const tol = opts.tol ?? 1e-9;
  const r = Float64Array.from(x, (xi) => opts.eps * (Math.abs(xi) + 1));
  const at = (u: Float64Array): Float64Array => Float64Array.from(u, (ui, i) => x[i] + r[i] * ui);
  let values = 0;
  let gradients = 0;

  let u: Float64Array = new Float64Array(n);
  let current = await objective.valueAndGrad(x);
  gradients++;
  const loss = current.value;
  // chain rule: d f(x + r u) / du = r * grad
  const scaled = (grad: Float64Array): Float64Array => Float64Array.from(grad, (g, i) => r[i] * g);
  let d: Float64Array = scaled(current.grad);
  // first step: far enough that the largest component crosses the box (u moves by 2)
  let alpha = 2 / Math.max(...d.map(Math.abs));
  let best: { value: number; u: Float64Array } = { value: current.value, u };
  const recent: number[] = [current.value];
  let steps = 0;
  while (steps < maxSteps && Number.isFinite(alpha)) {
    const p = projectedStep(u, d, alpha);
    let slope = 0;
    let moved = 0;
    for (let i = 0; i < n; i++) {
      p[i] -= u[i];
      slope += d[i] * p[i];
      moved = Math.max(moved, Math.abs(p[i]));
    }
    if (moved <= tol || !(slope > 0)) break;
    let lambda = 1;
    let trial: Float64Array | null = null;
    for (let h = 0; h <= maxHalvings; h++) {
      const t = Float64Array.from(u, (ui, i) => ui + lambda * p[i]);
      const f = await objective.value(at(t));
      values++;
      if (f >= Math.min(...recent) + 1e-4 * lambda * slope) {
        trial = t;
        break;
      }
      lambda /= 2;
    }
    if (!trial) break;
    const next = await objective.valueAndGrad(at(trial));
    gradients++;
    steps++;
    if (!Number.isFinite(next.value)) break;
    recent.push(next.value);
    if (recent.length > NONMONOTONE_MEMORY) recent.shift();
    const dNext = scaled(next.grad);
    // Barzilai-Borwein for minimising -f: s = u' - u, t = (-d') - (-d)
    let ss = 0;
    let st = 0;
    for (let i = 0; i < n; i++) {
      const si = trial[i] - u[i];
      ss += si * si;
      st += si * (d[i] - dNext[i]);
    }
    // along s, f curves up (st <= 0): no finite BB step; lengthen the last one so coordinates with
    // small slopes reach their face too
    alpha = st > 0 ? ss / st : 2 * alpha;
    u = trial;
    d = dNext;
    current = next;
    if (current.value > best.value) best = { value: current.value, u };
  }
  const perturbation = Float64Array.from(best.u, (ui, i) => r[i] * ui);
  return {
    sharpness: (100 * (best.value - loss)) / (1 + loss),
    eps: opts.eps,
    loss,
    maxLoss: best.value,
    perturbation,
    steps,
    values,
    gradients,
  };
}
