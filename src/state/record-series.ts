/**
 * One trajectory's step records on the page, kept as the worker sends them: one Float64Array per
 * field, in blocks of BLOCK records, so a run of 17 optimizers x 20,000 steps holds about 7,000
 * typed arrays instead of 340,000 record objects and their point arrays (CPU profile on Rosenbrock:
 * unpacking them, mapping them to series and collecting them took about a third of the time of
 * the page's long tasks).
 * Readers take the fields they need by index; recordAt builds one record for the few that want it.
 */
import { OPTIONAL_COLUMNS, packRecords, recordOf, REQUIRED_COLUMNS, type ColumnSet } from '../protocol/record-columns';
import type { StreamedRecord } from '../protocol/run';

/**
 * Records per block: a power of two, so record k is entry k & (BLOCK - 1) of block k >> BLOCK_BITS.
 * 512 rather than 2,048: a new block is fresh memory the page must have zeroed and mapped, and a
 * run's first store update adds one to every trajectory at once (17 fresh series in Node: 10.9 ms
 * with blocks of 2,048, 2.1 ms with 512).
 */
const BLOCK_BITS = 9;
export const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

/** A block's required columns as views of one buffer: one allocation per block rather than one per column. */
function newBlock(): ColumnSet {
  const buffer = new ArrayBuffer(REQUIRED_COLUMNS.length * BLOCK * Float64Array.BYTES_PER_ELEMENT);
  const block = {} as ColumnSet;
  REQUIRED_COLUMNS.forEach((name, j) => (block[name] = new Float64Array(buffer, j * BLOCK * Float64Array.BYTES_PER_ELEMENT, BLOCK)));
  return block;
}

export class RecordSeries {
  /**
   * Fixed-size blocks of columns, added as the series fills them: appending never moves what is
   * stored (a doubling array copied all 17 series at once, 55 ms in one task of the profile). An
   * optional column exists in a block only once a record in it has the field, NaN elsewhere.
   */
  private blocks: ColumnSet[] = [];
  private n = 0;

  /** A series holding `records` (tests, and anything that has records as objects). */
  static of(records: readonly StreamedRecord[]): RecordSeries {
    const s = new RecordSeries();
    s.append(packRecords(0, records));
    return s;
  }

  get length(): number {
    return this.n;
  }

  /** Records the blocks can hold before another is added. */
  get capacity(): number {
    return this.blocks.length * BLOCK;
  }

  /** Appends a batch's columns in place: only the new entries are written, into the last block and new ones. */
  append(batch: ColumnSet): void {
    const m = batch.iteration.length;
    for (let from = 0; from < m; ) {
      const at = this.n & MASK;
      if (this.n === this.capacity) this.blocks.push(newBlock());
      const block = this.blocks[this.n >> BLOCK_BITS];
      const count = Math.min(m - from, BLOCK - at);
      // the whole batch (the usual case) is written as it came; only one across a block's end is cut
      const part = (c: Float64Array): Float64Array => (count === m ? c : c.subarray(from, from + count));
      for (const name of REQUIRED_COLUMNS) block[name].set(part(batch[name]), at);
      for (const name of OPTIONAL_COLUMNS) {
        const src = batch[name];
        if (!src) continue;
        // a field first seen in this block: its earlier records lack it
        const into = block[name] ?? (block[name] = new Float64Array(BLOCK).fill(NaN));
        into.set(part(src), at);
      }
      this.n += count;
      from += count;
    }
  }

  private block(k: number): ColumnSet {
    return this.blocks[k >> BLOCK_BITS];
  }

  iteration(k: number): number {
    return this.block(k).iteration[k & MASK];
  }
  x(k: number): number {
    return this.block(k).x[k & MASK];
  }
  y(k: number): number {
    return this.block(k).y[k & MASK];
  }
  /** Record k's point (plane coordinates for networks), as a new pair. */
  point(k: number): [number, number] {
    const b = this.block(k);
    return [b.x[k & MASK], b.y[k & MASK]];
  }
  loss(k: number): number {
    return this.block(k).loss[k & MASK];
  }
  gradNorm(k: number): number {
    return this.block(k).gradNorm[k & MASK];
  }
  timeMs(k: number): number {
    return this.block(k).timeMs[k & MASK];
  }
  /** Every product record k's step spent so far: Gauss-Newton products and K-FAC factor passes count like an HVP (each about one forward and backward pass). */
  cost(k: number): number {
    const { ngev, nhvp, nggnvp, nkfac } = this.block(k);
    const i = k & MASK;
    const ggn = nggnvp ? nggnvp[i] : NaN;
    const kfac = nkfac ? nkfac[i] : NaN;
    return ngev[i] + nhvp[i] + (Number.isNaN(ggn) ? 0 : ggn) + (Number.isNaN(kfac) ? 0 : kfac);
  }
  /** Record k's distance from the drawing plane (networks), undefined where it has none. */
  planeDistance(k: number): number | undefined {
    const v = this.block(k).planeDistance?.[k & MASK];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }

  /** One field of every record so far, in a new array (full-length views ask for it, the drawing does not). */
  values(name: 'loss' | 'gradNorm' | 'timeMs'): number[] {
    const out = new Array<number>(this.n);
    for (let k = 0; k < this.n; k++) out[k] = this.blocks[k >> BLOCK_BITS][name][k & MASK];
    return out;
  }

  /** Record k as the worker made it (a new object). */
  recordAt(k: number): StreamedRecord {
    return recordOf(this.block(k), k & MASK);
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
