/**
 * Which log-axis splits to keep: powers of ten only, every `stride`-th decade so that no more
 * than about `maxLabels` remain, returned in uPlot's axis-filter form (null hides a split).
 */
export function decadeFilter(splits: number[], maxLabels: number): (number | null)[] {
  const exps = splits.map((v) => (v > 0 ? Math.log10(v) : Number.NaN));
  const isDecade = exps.map((e) => Number.isFinite(e) && Math.abs(e - Math.round(e)) < 1e-9);
  const decades = exps.filter((_, k) => isDecade[k]).map(Math.round);
  if (decades.length === 0) return splits;
  const lo = Math.min(...decades);
  const hi = Math.max(...decades);
  const stride = Math.max(1, Math.ceil((hi - lo + 1) / maxLabels));
  return splits.map((v, k) => (isDecade[k] && (Math.round(exps[k]) - hi) % stride === 0 ? v : null));
}
