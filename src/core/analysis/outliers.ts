/**
 * Outliers of a Hessian spectrum: the few eigenvalues that stand apart from the bulk near zero
 * (Sagun et al. 2017, "Empirical Analysis of the Hessian of Over-Parametrized Neural Networks";
 * Papyan 2019, "Measurements of Three-Level Hierarchical Structure in the Outliers in the Spectrum
 * of Deepnet Hessians"). A scree rule (after Cattell 1966, "The Scree Test For The Number Of
 * Factors"): the bulk's top eigenvalues decay slowly and evenly, so on a log scale against rank they
 * lie near a line; the outliers are the leading eigenvalues that stand above the line fitted to the
 * ranks below them by at least `minRatio`. The count is the largest k for which lambda_k does,
 * keeping at least `minBulk` eigenvalues for the line. A single widest gap would miss outliers that
 * spread over a decade (as a 10-class model's do), which this rule does not need to be absent.
 */

export interface OutlierOptions {
  /** How far above the bulk's line an eigenvalue must stand, as a ratio; default 1.3. */
  minRatio?: number;
  /** Eigenvalues that must lie below the outliers to fit the bulk's line; default 5. */
  minBulk?: number;
}

export interface OutlierCount {
  count: number;
  /** lambda_count over the bulk line's value at that rank (NaN when there are no outliers). */
  ratio: number;
  /** The largest eigenvalue below the outliers: the bulk's edge as far as the top-k show it. */
  bulkEdge: number;
}

/** Least-squares line through (x_i, y_i); returns the fitted value at x. */
function lineAt(xs: number[], ys: number[], x: number): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return my + slope * (x - mx);
}

export function countOutliers(eigenvaluesDescending: readonly number[], opts: OutlierOptions = {}): OutlierCount {
  const minRatio = opts.minRatio ?? 1.3;
  const minBulk = opts.minBulk ?? 5;
  const ev = eigenvaluesDescending;
  for (let i = 1; i < ev.length; i++) {
    if (!(ev[i] <= ev[i - 1])) throw new Error('eigenvalues must be finite and in descending order');
  }
  const positive = ev.filter((v) => v > 0);
  const logs = positive.map(Math.log);
  const m = positive.length;
  for (let k = m - minBulk; k >= 1; k--) {
    const ranks = Array.from({ length: m - k }, (_, j) => k + 1 + j);
    const line = lineAt(ranks, logs.slice(k), k);
    const ratio = positive[k - 1] / Math.exp(line);
    if (ratio >= minRatio) return { count: k, ratio, bulkEdge: positive[k] };
  }
  return { count: 0, ratio: NaN, bulkEdge: positive[0] ?? NaN };
}
