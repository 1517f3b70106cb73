/**
 * One trajectory's step records on the page, kept as the worker sends them: one Float64Array per
 * field, grown by doubling, so a run of 17 optimizers x 20,000 steps holds 13 arrays per optimizer
 * instead of 340,000 record objects and their point arrays (CPU profile on Rosenbrock: unpacking,
 * mapping them to series and collecting them took about a third of the page's long tasks).
 * Readers take the fields they need by index; recordAt builds one record for the few that want it.
 */
import { OPTIONAL_COLUMNS, packRecords, recordOf, REQUIRED_COLUMNS, type ColumnSet } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';

/** Entries a series first makes room for: a short run never regrows. */
const FIRST_CAPACITY = 256;

export class RecordSeries {
  /** Columns with room past `length`; entries at `length` and beyond are not records yet. */
  private cols: ColumnSet;
  private n = 0;

  constructor() {
    const empty = (): Float64Array => new Float64Array(0);
    this.cols = { iteration: empty(), x: empty(), y: empty(), loss: empty(), gradNorm: empty(), stepSize: empty(), nfev: empty(), ngev: empty(), nhvp: empty(), timeMs: empty() };
  }

  /** A series holding `records` (tests, and anything that has records as objects). */
  static of(records: readonly StreamedRecord[]): RecordSeries {
    const s = new RecordSeries();
    s.append(packRecords(0, records));
    return s;
  }

  get length(): number {
    return this.n;
  }

  /** Records the columns can hold before they next grow. */
  get capacity(): number {
    return this.cols.iteration.length;
  }

  /**
   * Appends a batch's columns in place: only the new entries are written, and the columns are
   * reallocated (doubling) only when full, so a run's appends cost linear time in all.
   */
  append(batch: ColumnSet): void {
    const m = batch.iteration.length;
    const n = this.n;
    if (n + m > this.capacity) this.grow(Math.max(FIRST_CAPACITY, 2 * this.capacity, n + m));
    const c = this.cols;
    for (const name of REQUIRED_COLUMNS) c[name].set(batch[name], n);
    for (const name of OPTIONAL_COLUMNS) {
      const src = batch[name];
      const dst = c[name];
      if (src) {
        // a field first seen in this batch: the earlier records lack it
        const into = dst ?? (c[name] = new Float64Array(this.capacity).fill(NaN));
        into.set(src, n);
      } else dst?.fill(NaN, n, n + m);
    }
    this.n = n + m;
  }

  private grow(capacity: number): void {
    const c = this.cols;
    const moved = (old: Float64Array, fill: number): Float64Array => {
      const next = new Float64Array(capacity);
      if (fill !== 0) next.fill(fill, this.n);
      next.set(old.subarray(0, this.n));
      return next;
    };
    for (const name of REQUIRED_COLUMNS) c[name] = moved(c[name], 0);
    for (const name of OPTIONAL_COLUMNS) {
      const old = c[name];
      if (old) c[name] = moved(old, NaN);
    }
  }

  iteration(k: number): number {
    return this.cols.iteration[k];
  }
  x(k: number): number {
    return this.cols.x[k];
  }
  y(k: number): number {
    return this.cols.y[k];
  }
  /** Record k's point (plane coordinates for networks), as a new pair. */
  point(k: number): [number, number] {
    return [this.cols.x[k], this.cols.y[k]];
  }
  loss(k: number): number {
    return this.cols.loss[k];
  }
  gradNorm(k: number): number {
    return this.cols.gradNorm[k];
  }
  timeMs(k: number): number {
    return this.cols.timeMs[k];
  }
  /** Every product record k's step spent so far: Gauss-Newton products and K-FAC factor passes count like an HVP (each about one forward and backward pass). */
  cost(k: number): number {
    const { ngev, nhvp, nggnvp, nkfac } = this.cols;
    const ggn = nggnvp ? nggnvp[k] : NaN;
    const kfac = nkfac ? nkfac[k] : NaN;
    return ngev[k] + nhvp[k] + (Number.isNaN(ggn) ? 0 : ggn) + (Number.isNaN(kfac) ? 0 : kfac);
  }
  /** Record k's distance from the drawing plane (networks), undefined where it has none. */
  planeDistance(k: number): number | undefined {
    const v = this.cols.planeDistance?.[k];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  /** One field of every record so far: a view of the column, valid until the next append. */
  column(name: 'loss' | 'gradNorm' | 'x' | 'y' | 'timeMs'): Float64Array {
    return this.cols[name].subarray(0, this.n);
  }

  /** Record k as the worker made it (a new object). */
  recordAt(k: number): StreamedRecord {
    return recordOf(this.cols, k);
  }

  /** Record k, counting from the end when negative (as Array.prototype.at); undefined outside the series. */
  at(k: number): StreamedRecord | undefined {
    const i = k < 0 ? this.n + k : k;
    return i >= 0 && i < this.n ? this.recordAt(i) : undefined;
  }

  /** Every record as an object, for exports (built on each call). */
  toArray(): StreamedRecord[] {
    const out: StreamedRecord[] = [];
    for (let k = 0; k < this.n; k++) out.push(this.recordAt(k));
    return out;
  }
}
