/**
 * Targets drawn from the model's own predictive distribution at its outputs z: the labels whose
 * gradients make the Fisher (E over them of g g^T equals the Gauss-Newton matrix for these losses),
 * as Sophia's Gauss-Newton-Bartlett estimator draws them (Liu et al. 2023, Sophia: A Scalable
 * Stochastic Second-order Optimizer for Language Model Pre-training, Sec. 2.3).
 */
import type { LossName } from '../problem/problem';
import type { Rng } from '../random';

/**
 * N x K target rows for outputs z (N x K, row-major): a one-hot class ~ softmax(z) row for softmax
 * cross-entropy, a 0/1 label ~ Bernoulli(sigmoid(z)) for binary cross-entropy, and z + sqrt(K/2) e
 * (e standard normal) for the squared error, whose per-example loss (1/K) |z - t|^2 is the negative
 * log-likelihood of a Gaussian with variance K/2 up to a constant.
 */
export function sampleTargets(loss: LossName, z: ArrayLike<number>, n: number, k: number, rng: Rng): Float64Array {
  const t = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    if (loss === 'mse') {
      const sd = Math.sqrt(k / 2);
      for (let j = 0; j < k; j++) t[row + j] = z[row + j] + sd * rng.normal();
    } else if (loss === 'binary_cross_entropy') {
      t[row] = rng.next() < 1 / (1 + Math.exp(-z[row])) ? 1 : 0;
    } else {
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, z[row + j]);
      let total = 0;
      for (let j = 0; j < k; j++) total += Math.exp(z[row + j] - m);
      let u = rng.next() * total;
      let c = k - 1;
      for (let j = 0; j < k; j++) {
        u -= Math.exp(z[row + j] - m);
        if (u < 0) {
          c = j;
          break;
        }
      }
      t[row + c] = 1;
    }
  }
  return t;
}
