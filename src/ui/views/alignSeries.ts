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
export function alignSeries(series: readonly PlotSeries[], logY: boolean): AlignedColumns {
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

/** uPlot's aligned data: the shared ascending x values, then one y column per series (null: no point). */
export type AlignedColumns = [number[], ...(number | null)[][]];

/** The values a series had when it was last aligned, to find what an update changed. */
export interface SeriesSnapshot {
  x: Float64Array;
  y: Float64Array;
}

/** A copy of the entries of `s` that alignSeries reads (the first min(x, y) of them). */
export function snapshotOf(s: PlotSeries): SeriesSnapshot {
  const n = Math.min(s.x.length, s.y.length);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = s.x[k];
    y[k] = s.y[k];
  }
  return { x, y };
}

const same = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/**
 * The smallest finite x of an entry that differs between `before` and `next` (added, changed or
 * dropped), series by series from the first entry that differs; Infinity when nothing changed.
 * Every aligned row below it is built from unchanged entries only, so it stays as it was.
 */
export function changedFrom(before: readonly SeriesSnapshot[], next: readonly PlotSeries[]): number {
  let cut = Infinity;
  for (let i = 0; i < next.length; i++) {
    const old = before[i];
    const s = next[i];
    const n = Math.min(s.x.length, s.y.length);
    const m = old.x.length;
    const common = Math.min(n, m);
    let k = 0;
    while (k < common && same(old.x[k], s.x[k]) && same(old.y[k], s.y[k])) k++;
    for (let j = k; j < n; j++) if (Number.isFinite(s.x[j]) && s.x[j] < cut) cut = s.x[j];
    for (let j = k; j < m; j++) if (Number.isFinite(old.x[j]) && old.x[j] < cut) cut = old.x[j];
  }
  return cut;
}

/** First index of the ascending `xs` whose value is at least `x` (xs.length when none is). */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Brings `aligned`, alignSeries(before, logY), to alignSeries(next, logY) in place, rebuilding
 * only the rows from the smallest x that changed (changedFrom): a run that grew by a few points
 * re-aligns its new tail, not the whole chart. `before` and `next` hold the same series in the same
 * order. Returns the first rebuilt row (aligned[0].length when nothing changed).
 */
export function realignTail(aligned: AlignedColumns, before: readonly SeriesSnapshot[], next: readonly PlotSeries[], logY: boolean): number {
  const cut = changedFrom(before, next);
  const xs = aligned[0];
  if (cut === Infinity) return xs.length;
  const from = lowerBound(xs, cut);
  const tail = new Set<number>();
  for (const s of next) {
    const n = Math.min(s.x.length, s.y.length);
    for (let k = 0; k < n; k++) if (Number.isFinite(s.x[k]) && s.x[k] >= cut) tail.add(s.x[k]);
  }
  const tailXs = [...tail].sort((a, b) => a - b);
  xs.length = from;
  const index = new Map<number, number>();
  for (const x of tailXs) {
    index.set(x, xs.length);
    xs.push(x);
  }
  next.forEach((s, i) => {
    const col = aligned[i + 1] as (number | null)[];
    col.length = from;
    for (let k = from; k < xs.length; k++) col.push(null);
    const n = Math.min(s.x.length, s.y.length);
    for (let k = 0; k < n; k++) {
      const at = s.x[k] >= cut ? index.get(s.x[k]) : undefined;
      if (at === undefined) continue;
      const v = s.y[k];
      col[at] = Number.isFinite(v) && (!logY || v > 0) ? v : null;
    }
  });
  return from;
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
