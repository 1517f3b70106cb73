import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { createRng } from '../random';
import { countOutliers } from './outliers';

/**
 * A Wishart bulk (X^T X / m, Marchenko-Pastur with ratio n / m, so its eigenvalues lie in about
 * [(1 - sqrt(n/m))^2, (1 + sqrt(n/m))^2] * s) plus sum_k o_k u_k u_k^T for orthonormal u_k: with
 * the outliers well above the bulk's edge, the planted o_k show up as the top k eigenvalues.
 */
function plantedSpectrum(n: number, outliers: number[], seed: number, scale = 0.1): number[] {
  const rng = createRng(seed);
  const m = 4 * n;
  const X = Array.from({ length: m * n }, () => rng.normal());
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += X[r * n + i] * X[r * n + j];
      A[i * n + j] = (scale * s) / m;
    }
  }
  // orthonormal planted directions: Gram-Schmidt on random vectors
  const us: Float64Array[] = [];
  for (const o of outliers) {
    const u = Float64Array.from({ length: n }, () => rng.normal());
    for (const q of us) {
      let d = 0;
      for (let i = 0; i < n; i++) d += u[i] * q[i];
      for (let i = 0; i < n; i++) u[i] -= d * q[i];
    }
    let nn = 0;
    for (let i = 0; i < n; i++) nn += u[i] * u[i];
    for (let i = 0; i < n; i++) u[i] /= Math.sqrt(nn);
    us.push(u);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] += o * u[i] * u[j];
  }
  const { values } = symmetricEigen(A, n);
  return Array.from(values).sort((a, b) => b - a);
}

describe('countOutliers', () => {
  for (const k of [1, 2, 5, 10]) {
    it(`finds ${k} planted outliers above a Marchenko-Pastur bulk`, () => {
      const outliers = Array.from({ length: k }, (_, i) => 2 + 3 * i);
      const top = plantedSpectrum(80, outliers, k).slice(0, 30);
      const res = countOutliers(top);
      expect(res.count).toBe(k);
      // the bulk edge is MP's (1 + sqrt(1/4))^2 * 0.1 = 0.225 up to finite-size wobble
      expect(res.bulkEdge).toBeLessThan(0.3);
      expect(res.bulkEdge).toBeGreaterThan(0.15);
    });
  }

  it('finds none in a bulk alone', () => {
    expect(countOutliers(plantedSpectrum(80, [], 3).slice(0, 30)).count).toBe(0);
  });

  it('ignores non-positive eigenvalues and needs a bulk below the gap', () => {
    expect(countOutliers([10, 1, 0.9, 0.8, 0.7, 0.6, -1, -2]).count).toBe(1);
    expect(countOutliers([10, 1, 0.9, 0.8, -0.7]).count).toBe(0);
  });

  it('counts outliers spread over a decade above a slowly decaying bulk, where no single gap stands out', () => {
    // ten outliers each 1.3-1.5x the next (no gap of 2), then a bulk decaying 3% a rank
    const outliers = [1, 0.76, 0.58, 0.44, 0.33, 0.25, 0.19, 0.15, 0.12, 0.09];
    const bulk = Array.from({ length: 20 }, (_, j) => 0.06 * 0.97 ** j);
    expect(countOutliers([...outliers, ...bulk]).count).toBe(10);
    expect(countOutliers([...outliers, ...bulk], { minRatio: 10 }).count).toBe(0);
    expect(() => countOutliers([1, 2])).toThrow(/descending/);
  });
});
