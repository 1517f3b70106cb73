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
export function bandIndices(series: readonly PlotSeries[], bands: readonly PlotBand[]): { series: [number, number]; fill: string }[] {
  return bands.flatMap((b) => {
    const upper = series.findIndex((s) => s.label === b.upper);
    const lower = series.findIndex((s) => s.label === b.lower);
    return upper < 0 || lower < 0 ? [] : [{ series: [upper + 1, lower + 1] as [number, number], fill: b.fill }];
  });
}

/** What a y value becomes in an aligned column: the value, a plotted number, or null (no point). */
export type CellValue = (v: number) => number | null;

const finiteOnly: CellValue = (v) => (Number.isFinite(v) ? v : null);
const positiveOnly: CellValue = (v) => (Number.isFinite(v) && v > 0 ? v : null);

/**
 * uPlot draws series over one shared, ascending x array; this merges each series' own x values
 * into that array and fills the gaps with null (uPlot's "no point here", bridged by spanGaps).
 * On a log axis, non-positive y values become null too: log10 of them is undefined, and a
 * converged run reaching exactly 0 should end its curve rather than break the axis.
 * A repeated x within one series keeps its last y; entries past the shorter of x and y are not drawn.
 */
export function alignSeries(series: readonly PlotSeries[], logY: boolean): AlignedColumns {
  const aligned: AlignedColumns = [[], ...series.map((): (number | null)[] => [])];
  alignFrom(aligned, series, -Infinity, logY ? positiveOnly : finiteOnly);
  return aligned;
}

/** uPlot's aligned data: the shared ascending x values, then one y column per series (null: no point). */
export type AlignedColumns = [number[], ...(number | null)[][]];

/**
 * The values a series had when it was last aligned, to find what an update changed: buffers kept
 * from one update to the next and rewritten from the first entry that changed (syncSnapshot), so a
 * series that grew by a few points copies those points, not the whole series again.
 */
export interface SeriesSnapshot {
  x: Float64Array;
  y: Float64Array;
  /** Entries in use (the buffers may be longer). */
  n: number;
}

/** A copy of the entries of `s` that alignSeries reads (the first min(x, y) of them). */
export function snapshotOf(s: PlotSeries): SeriesSnapshot {
  const snap: SeriesSnapshot = { x: new Float64Array(0), y: new Float64Array(0), n: 0 };
  syncSnapshot(snap, s);
  return snap;
}

const same = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/**
 * Brings `snap` to the entries of `s` in place and returns the smallest finite x of an entry that
 * differed (added, changed or dropped), Infinity when none did. Every aligned row below it is built
 * from unchanged entries only, so it stays as it was.
 */
export function syncSnapshot(snap: SeriesSnapshot, s: PlotSeries): number {
  const n = Math.min(s.x.length, s.y.length);
  const m = snap.n;
  const common = Math.min(n, m);
  const { x: oldX, y: oldY } = snap;
  let k = 0;
  while (k < common && same(oldX[k], s.x[k]) && same(oldY[k], s.y[k])) k++;
  let cut = Infinity;
  for (let j = k; j < m; j++) if (oldX[j] < cut && Number.isFinite(oldX[j])) cut = oldX[j];
  if (n > snap.x.length) {
    // room to grow: a streaming series is copied again only when it doubles
    const x = new Float64Array(Math.max(n, 2 * snap.x.length));
    const y = new Float64Array(x.length);
    x.set(oldX.subarray(0, k));
    y.set(oldY.subarray(0, k));
    snap.x = x;
    snap.y = y;
  }
  for (let j = k; j < n; j++) {
    const xj = s.x[j];
    if (xj < cut && Number.isFinite(xj)) cut = xj;
    snap.x[j] = xj;
    snap.y[j] = s.y[j];
  }
  snap.n = n;
  return cut;
}

/**
 * The smallest finite x of an entry that differs between `before` and `next` (syncSnapshot's
 * cut, taken over every series); Infinity when nothing changed. Brings `before` to `next`.
 */
export function changedFrom(before: readonly SeriesSnapshot[], next: readonly PlotSeries[]): number {
  let cut = Infinity;
  for (let i = 0; i < next.length; i++) cut = Math.min(cut, syncSnapshot(before[i], next[i]));
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
 * Whether every finite x of `s` from `cut` on is in the ascending `union`; false also when they do
 * not ascend (mergedAscending then merges or gives up).
 */
function coveredBy(union: readonly number[], s: PlotSeries, cut: number): boolean {
  const n = Math.min(s.x.length, s.y.length);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const x = s.x[k];
    if (!(x >= cut) || !Number.isFinite(x)) continue;
    while (at < union.length && union[at] < x) at++;
    if (at === union.length || union[at] !== x) return false;
  }
  return true;
}

/**
 * The union of every series' finite x values from `cut` on, ascending, each value once; null when the finite x values of some
 * series do not ascend. Series of one run share most x values (an iteration axis thinned with one
 * stride), so this is mostly one walk per series finding its x values already there: about one
 * comparison per entry, where a Set, a sort and a Map hash every entry.
 */
function mergedAscending(series: readonly PlotSeries[], cut: number): number[] | null {
  let union: number[] = [];
  for (const s of series) {
    if (coveredBy(union, s, cut)) continue;
    const n = Math.min(s.x.length, s.y.length);
    const merged: number[] = [];
    let at = 0;
    let last = -Infinity;
    for (let k = 0; k < n; k++) {
      const x = s.x[k];
      if (!Number.isFinite(x)) continue;
      if (x < last) return null;
      last = x;
      if (x < cut) continue;
      while (at < union.length && union[at] < x) merged.push(union[at++]);
      if (at < union.length && union[at] === x) merged.push(union[at++]);
      // + 0: an x of -0 is the row 0, as a Set keeps it
      else if (merged.length === 0 || merged[merged.length - 1] !== x) merged.push(x + 0);
    }
    while (at < union.length) merged.push(union[at++]);
    union = merged;
  }
  return union;
}

/** Sets col[from..] to `values` in place: the array uPlot holds keeps its storage instead of being emptied and grown again. */
function overwriteFrom<T>(col: T[], from: number, values: readonly T[]): void {
  const end = from + values.length;
  if (col.length > end) col.length = end;
  const inPlace = col.length;
  for (let j = from; j < inPlace; j++) col[j] = values[j - from];
  for (let j = inPlace; j < end; j++) col.push(values[j - from]);
}

/**
 * Rebuilds `aligned` in place from its first row whose x is at least `cut` (every row for
 * -Infinity): the rows below are kept, the x values from `cut` on are merged from `series`, and
 * each series' column gets cell(y) at its x values and null elsewhere. `aligned` holds one column
 * per series. Returns the first rebuilt row.
 */
export function alignFrom(aligned: AlignedColumns, series: readonly PlotSeries[], cut: number, cell: CellValue): number {
  const xs = aligned[0];
  const from = lowerBound(xs, cut);
  const tail = mergedAscending(series, cut);
  if (tail === null) return alignUnsorted(aligned, series, cut, from, cell);
  overwriteFrom(xs, from, tail);
  const rows = xs.length;
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const col = aligned[i + 1] as (number | null)[];
    if (col.length > rows) col.length = rows;
    const inPlace = col.length;
    for (let r = from; r < inPlace; r++) col[r] = null;
    for (let r = inPlace; r < rows; r++) col.push(null);
    const n = Math.min(s.x.length, s.y.length);
    // both ascend: each entry's row is found by walking on from the last one
    let at = from;
    for (let k = 0; k < n; k++) {
      const x = s.x[k];
      if (!(x >= cut) || !Number.isFinite(x)) continue;
      while (xs[at] < x) at++;
      col[at] = cell(s.y[k]);
    }
  }
  return from;
}

/** alignFrom for series whose x values are in any order: rows found through a Set, a sort and a Map. */
function alignUnsorted(aligned: AlignedColumns, series: readonly PlotSeries[], cut: number, from: number, cell: CellValue): number {
  const xs = aligned[0];
  const tail = new Set<number>();
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let k = 0; k < n; k++) if (Number.isFinite(s.x[k]) && s.x[k] >= cut) tail.add(s.x[k]);
  }
  xs.length = from;
  const index = new Map<number, number>();
  for (const x of [...tail].sort((a, b) => a - b)) {
    index.set(x, xs.length);
    xs.push(x);
  }
  series.forEach((s, i) => {
    const col = aligned[i + 1] as (number | null)[];
    col.length = from;
    for (let k = from; k < xs.length; k++) col.push(null);
    const n = Math.min(s.x.length, s.y.length);
    for (let k = 0; k < n; k++) {
      const at = s.x[k] >= cut ? index.get(s.x[k]) : undefined;
      if (at !== undefined) col[at] = cell(s.y[k]);
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
