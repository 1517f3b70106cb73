/**
 * Outliers of a Hessian spectrum: the few eigenvalues that stand apart from the bulk near zero
 * (Sagun et al. 2017, "Empirical Analysis of the Hessian of Over-Parametrized Neural Networks";
 * Papyan 2019, "Measurements of Three-Level Hierarchical Structure in the Outliers in the Spectrum
 * of Deepnet Hessians"). The gap rule: among the top eigenvalues (descending, positive ones only),
 * the outliers are those above the widest gap on a log scale, lambda_i / lambda_{i+1}, provided that
 * gap is at least `minGapRatio` and leaves at least `minBulk` eigenvalues below it to stand for the
 * bulk; otherwise there are none.
 */

export interface OutlierOptions {
  /** The smallest ratio lambda_i / lambda_{i+1} that counts as a gap; default 2. */
  minGapRatio?: number;
  /** Eigenvalues that must lie below the gap; default 5. */
  minBulk?: number;
}

export interface OutlierCount {
  count: number;
  /** lambda_count / lambda_{count+1} at the chosen gap (NaN when there are no outliers). */
  gapRatio: number;
  /** The largest eigenvalue below the gap: the bulk's edge as far as the top-k show it. */
  bulkEdge: number;
  /** The widest ratio found, chosen or not. */
  widestRatio: number;
}

export function countOutliers(eigenvaluesDescending: readonly number[], opts: OutlierOptions = {}): OutlierCount {
  const minGapRatio = opts.minGapRatio ?? 2;
  const minBulk = opts.minBulk ?? 5;
  const ev = eigenvaluesDescending;
  for (let i = 1; i < ev.length; i++) {
    if (!(ev[i] <= ev[i - 1])) throw new Error('eigenvalues must be finite and in descending order');
  }
  const positive = ev.filter((v) => v > 0);
  let best = -1;
  let widest = NaN;
  for (let i = 0; i + minBulk < positive.length; i++) {
    const ratio = positive[i] / positive[i + 1];
    if (!(ratio <= widest)) {
      widest = ratio;
      best = i;
    }
  }
  if (best < 0 || !(widest >= minGapRatio)) {
    return { count: 0, gapRatio: NaN, bulkEdge: positive[0] ?? NaN, widestRatio: widest };
  }
  return { count: best + 1, gapRatio: widest, bulkEdge: positive[best + 1], widestRatio: widest };
}
