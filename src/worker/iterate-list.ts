/**
 * One explorer run's iterates in one growing Float64Array, row after row. A run of 2-D functions
 * is 20,000 iterates per optimizer; held as one small Float64Array each, they all survived into
 * V8's old space, and copying them there was most of the worker's garbage collection: in a trace
 * of 17 optimizers x 20,000 steps (2 cores), its scavenges took 150 ms of the worker's thread and
 * 352 ms of helper threads, against 85 ms and 131 ms without them, helpers that took cores from
 * the page's thread. Rows are copied in; reads copy out or view the buffer.
 */
export class IterateList {
  private data = new Float64Array(0);
  private rows = 0;
  /** Values per iterate, set by the first one. */
  private dim = 0;

  get length(): number {
    return this.rows;
  }

  /** Values per iterate (0 before the first). */
  get dimension(): number {
    return this.dim;
  }

  push(x: ArrayLike<number>): void {
    if (this.rows === 0) this.dim = x.length;
    else if (x.length !== this.dim) throw new Error(`iterate of ${x.length} values in a run of ${this.dim}`);
    const end = (this.rows + 1) * this.dim;
    if (end > this.data.length) {
      // doubling: each value is copied a bounded number of times however long the run
      const grown = new Float64Array(Math.max(end, 2 * this.data.length, 64));
      grown.set(this.data.subarray(0, this.rows * this.dim));
      this.data = grown;
    }
    this.data.set(x, this.rows * this.dim);
    this.rows++;
  }

  /** A copy of iterate `k`. */
  at(k: number): Float64Array {
    if (k < 0 || k >= this.rows) throw new RangeError(`iterate ${k} of ${this.rows}`);
    return this.data.slice(k * this.dim, (k + 1) * this.dim);
  }

  /** A copy of the newest iterate. */
  last(): Float64Array {
    return this.at(this.rows - 1);
  }

  /** Every iterate as a view of the buffer, for one reading (a later push may move the buffer). */
  views(): Float64Array[] {
    return Array.from({ length: this.rows }, (_, k) => this.data.subarray(k * this.dim, (k + 1) * this.dim));
  }
}
