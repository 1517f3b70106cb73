/** One curve of a line plot: its own x values, not necessarily shared with the others. */
export interface PlotSeries {
  label: string;
  color: string;
  x: number[];
  y: number[];
  /** A thin, pale line: a bound around another series rather than a quantity of its own. */
  faint?: boolean;
}

/** The area between two series (by label), filled: an uncertainty band. */
export interface PlotBand {
  upper: string;
  lower: string;
  fill: string;
}

/** uPlot's bands refer to series by their data index (x is 0); bands whose series are missing are dropped. */
export function bandIndices(series: PlotSeries[], bands: PlotBand[]): { series: [number, number]; fill: string }[] {
  return bands.flatMap((b) => {
    const upper = series.findIndex((s) => s.label === b.upper);
    const lower = series.findIndex((s) => s.label === b.lower);
    return upper < 0 || lower < 0 ? [] : [{ series: [upper + 1, lower + 1] as [number, number], fill: b.fill }];
  });
}

/**
 * uPlot draws series over one shared, ascending x array; this merges each series' own x values
 * into that array and fills the gaps with null (uPlot's "no point here", bridged by spanGaps).
 * On a log axis, non-positive y values become null too: log10 of them is undefined, and a
 * converged run reaching exactly 0 should end its curve rather than break the axis.
 * A repeated x within one series keeps its last y.
 */
export function alignSeries(series: PlotSeries[], logY: boolean): [number[], ...(number | null)[][]] {
  const xsSet = new Set<number>();
  for (const s of series) for (const x of s.x) if (Number.isFinite(x)) xsSet.add(x);
  const xs = [...xsSet].sort((a, b) => a - b);
  const index = new Map<number, number>();
  xs.forEach((x, k) => index.set(x, k));
  const columns = series.map((s) => {
    const col = new Array<number | null>(xs.length).fill(null);
    const n = Math.min(s.x.length, s.y.length);
    for (let k = 0; k < n; k++) {
      const at = index.get(s.x[k]);
      if (at === undefined) continue;
      const v = s.y[k];
      col[at] = Number.isFinite(v) && (!logY || v > 0) ? v : null;
    }
    return col;
  });
  return [xs, ...columns];
}

/** Smallest and largest non-null value over the aligned y columns; null when there is none. */
export function alignedExtent(columns: (number | null)[][]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of columns) {
    for (const v of col) {
      if (v === null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
