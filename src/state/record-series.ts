/**
 * One trajectory's step records on the page, kept as the worker sends them: one Float64Array per
 * field, in the batches that came and blocks gathering small ones, so a run of 17 optimizers x
 * 20,000 steps holds a few thousand typed arrays instead of 340,000 record objects and their point
 * arrays (CPU profile on Rosenbrock: unpacking them, mapping them to series and collecting them
 * took about a third of the time of the page's long tasks).
 * Readers take the fields they need by index; recordAt builds one record for the few that want it.
 */
import { OPTIONAL_COLUMNS, packRecords, recordOf, REQUIRED_COLUMNS, type ColumnSet } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';

/**
 * Records per gathering block. Small batches (a slow optimizer's few records a flush) are copied
 * into blocks of this size; a batch of at least KEEP records is kept as it came. A copy writes
 * fresh memory the page must have zeroed and mapped, and in a CPU profile of 17 optimizers x
 * 20,000 steps on Rosenbrock copying every batch into blocks was the page's largest function
 * (append: about 190 ms of samples, most of it in the run's last store update); a transferred
 * batch is already the page's memory.
 */
export const BLOCK = 512;
/** Batches with at least this many records are kept as they came, not copied. */
export const KEEP = 128;

/** A gathering block's required columns as views of one buffer, and no optional column yet. */
function newBlock(): ColumnSet {
  const buffer = new ArrayBuffer(REQUIRED_COLUMNS.length * BLOCK * Float64Array.BYTES_PER_ELEMENT);
  const block = {} as ColumnSet;
  REQUIRED_COLUMNS.forEach((name, j) => (block[name] = new Float64Array(buffer, j * BLOCK * Float64Array.BYTES_PER_ELEMENT, BLOCK)));
  return block;
}

export class RecordSeries {
  /**
   * The records in chunks that never move: batches kept as they came, and blocks gathering small
   * batches. Chunk c holds records starts[c] up to starts[c + 1] (n for the last). An optional
   * column exists in a chunk only where a record in it has the field, NaN elsewhere.
   */
  private chunks: ColumnSet[] = [];
  private starts: number[] = [];
  private n = 0;
  /** Room left in the last chunk when it is a gathering block (0 when it is a kept batch). */
  private room = 0;
  /** The chunk the last lookup found: readers mostly walk forward, so the next one is usually in it. */
  private cursor = 0;

  /** A series holding `records` (tests, and anything that has records as objects). */
  static of(records: readonly StreamedRecord[]): RecordSeries {
    const s = new RecordSeries();
    s.append(packRecords(0, records));
    return s;
  }

  get length(): number {
    return this.n;
  }

  /** How many chunks hold the records (tests: which batches were kept and which gathered). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Appends a batch: kept as it is when large, else copied into the gathering block (a new one when it has no room). */
  append(batch: ColumnSet): void {
    const m = batch.iteration.length;
    if (m === 0) return;
    if (m >= KEEP) {
      this.push(batch);
      this.room = 0;
      this.n += m;
      return;
    }
    if (this.room < m) {
      this.push(newBlock());
      this.room = BLOCK;
    }
    const block = this.chunks[this.chunks.length - 1];
    const at = this.n - this.starts[this.starts.length - 1];
    for (const name of REQUIRED_COLUMNS) block[name].set(batch[name], at);
    for (const name of OPTIONAL_COLUMNS) {
      const src = batch[name];
      if (!src) continue;
      // a field first seen in this block: its earlier records lack it
      const into = block[name] ?? (block[name] = new Float64Array(BLOCK).fill(NaN));
      into.set(src, at);
    }
    this.room -= m;
    this.n += m;
  }

  private push(chunk: ColumnSet): void {
    this.chunks.push(chunk);
    this.starts.push(this.n);
  }

  /** The chunk holding record k; its index in the chunk is k - starts[cursor]. */
  private chunk(k: number): ColumnSet {
    const starts = this.starts;
    let c = this.cursor;
    if (k < starts[c] || (c + 1 < starts.length && k >= starts[c + 1])) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= k) lo = mid;
        else hi = mid - 1;
      }
      c = this.cursor = lo;
    }
    return this.chunks[c];
  }

  private local(k: number): number {
    return k - this.starts[this.cursor];
  }

  iteration(k: number): number {
    return this.chunk(k).iteration[this.local(k)];
  }
  x(k: number): number {
    return this.chunk(k).x[this.local(k)];
  }
  y(k: number): number {
    return this.chunk(k).y[this.local(k)];
  }
  /** Record k's point (plane coordinates for networks), as a new pair. */
  point(k: number): [number, number] {
    const c = this.chunk(k);
    const i = this.local(k);
    return [c.x[i], c.y[i]];
  }
  loss(k: number): number {
    return this.chunk(k).loss[this.local(k)];
  }
  gradNorm(k: number): number {
    return this.chunk(k).gradNorm[this.local(k)];
  }
  timeMs(k: number): number {
    return this.chunk(k).timeMs[this.local(k)];
  }
  /** Every product record k's step spent so far: Gauss-Newton products and K-FAC factor passes count like an HVP (each about one forward and backward pass). */
  cost(k: number): number {
    const { ngev, nhvp, nggnvp, nkfac } = this.chunk(k);
    const i = this.local(k);
    const ggn = nggnvp ? nggnvp[i] : NaN;
    const kfac = nkfac ? nkfac[i] : NaN;
    return ngev[i] + nhvp[i] + (Number.isNaN(ggn) ? 0 : ggn) + (Number.isNaN(kfac) ? 0 : kfac);
  }
  /** Record k's distance from the drawing plane (networks), undefined where it has none. */
  planeDistance(k: number): number | undefined {
    const v = this.chunk(k).planeDistance?.[this.local(k)];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  /** One field of every record so far, in a new array (full-length views ask for it, the drawing does not). */
  values(name: 'loss' | 'gradNorm' | 'timeMs'): number[] {
    const out = new Array<number>(this.n);
    this.chunks.forEach((chunk, c) => {
      const from = this.starts[c];
      const to = c + 1 < this.starts.length ? this.starts[c + 1] : this.n;
      const col = chunk[name];
      for (let k = from; k < to; k++) out[k] = col[k - from];
    });
    return out;
  }

  /** Record k as the worker made it (a new object). */
  recordAt(k: number): StreamedRecord {
    return recordOf(this.chunk(k), this.local(k));
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
