/**
 * A run's step records on their way from the worker to the page, as one Float64Array per field.
 *
 * Sent as objects, every record cost the page's thread a structured-clone deserialisation and a
 * zod parse field by field (CPU profile of 17 optimizers x 20,000 steps on Rosenbrock at load ~20:
 * 3.9 s in zod and 1.5 s deserialising, inside tasks over 50 ms). Columns travel as transferred
 * buffers, and the page checks them in one pass:
 * the header against its schema, then each column's length and each value's range, the same
 * ranges streamedRecordSchema states for a record (finite numbers, counts as integers >= 0).
 */
import { z } from 'zod';
import { InvalidResultError } from './parse';
import type { StreamedRecord } from './run';

/** One optimizer's new records, field by field; record k is entry k of every column. */
export interface RecordColumns {
  /** Index into the request's optimizers. */
  index: number;
  iteration: Float64Array;
  /** The record's point (plane coordinates for networks): x = point[0], y = point[1]. */
  x: Float64Array;
  y: Float64Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  stepSize: Float64Array;
  nfev: Float64Array;
  ngev: Float64Array;
  nhvp: Float64Array;
  /** Optional fields: a column where any record in the batch has the field, NaN where one does not. */
  nggnvp?: Float64Array;
  nkfac?: Float64Array;
  timeMs: Float64Array;
  planeDistance?: Float64Array;
}

type Column = Exclude<keyof RecordColumns, 'index'>;
/** The fields only some records have: the optional ones of RecordColumns. */
type OptionalColumn = { [K in Column]-?: undefined extends RecordColumns[K] ? K : never }[Column];
type RequiredColumn = Exclude<Column, OptionalColumn>;
/** How a value in the column is checked (the ranges of streamedRecordSchema); an optional column's rule says so, as the type requires. */
type Rule = 'count' | 'finite' | 'time' | 'optional count' | 'optional finite';
type RuleOf<K extends Column> = K extends OptionalColumn ? Extract<Rule, `optional ${string}`> : Exclude<Rule, `optional ${string}`>;

/** Every column in the order a record's fields come (the page rebuilds records in this order, as the worker made them). */
const RULES: { readonly [K in Column]: RuleOf<K> } = {
  iteration: 'count',
  x: 'finite',
  y: 'finite',
  loss: 'finite',
  gradNorm: 'finite',
  stepSize: 'finite',
  nfev: 'count',
  ngev: 'count',
  nhvp: 'count',
  nggnvp: 'optional count',
  nkfac: 'optional count',
  timeMs: 'time',
  planeDistance: 'optional finite',
};
const RULE_LIST = Object.entries(RULES) as [Column, Rule][];

const f64 = z.instanceof(Float64Array);
const headerSchema = z.array(
  z.object(Object.fromEntries([['index', z.int().min(0)], ...RULE_LIST.map(([name, rule]) => [name, rule.startsWith('optional') ? f64.optional() : f64])])),
);

/** The columns every record has, and those only some records have (NaN where one does not), from RULES. */
export const REQUIRED_COLUMNS = RULE_LIST.filter(([, rule]) => !rule.startsWith('optional')).map(([name]) => name) as readonly RequiredColumn[];
export const OPTIONAL_COLUMNS = RULE_LIST.filter(([, rule]) => rule.startsWith('optional')).map(([name]) => name) as readonly OptionalColumn[];

/** Columns of `records` (all of one optimizer), in new buffers the caller may transfer. */
export function packRecords(index: number, records: readonly StreamedRecord[]): RecordColumns {
  const n = records.length;
  const col = (): Float64Array => new Float64Array(n);
  const c: RecordColumns = { index, iteration: col(), x: col(), y: col(), loss: col(), gradNorm: col(), stepSize: col(), nfev: col(), ngev: col(), nhvp: col(), timeMs: col() };
  for (const name of OPTIONAL_COLUMNS) if (records.some((r) => r[name] !== undefined)) c[name] = new Float64Array(n).fill(NaN);
  records.forEach((r, k) => {
    c.iteration[k] = r.iteration;
    c.x[k] = r.point[0];
    c.y[k] = r.point[1];
    c.loss[k] = r.loss;
    c.gradNorm[k] = r.gradNorm;
    c.stepSize[k] = r.stepSize;
    c.nfev[k] = r.nfev;
    c.ngev[k] = r.ngev;
    c.nhvp[k] = r.nhvp;
    c.timeMs[k] = r.timeMs;
    for (const name of OPTIONAL_COLUMNS) {
      const v = r[name];
      if (v !== undefined) c[name]![k] = v;
    }
  });
  return c;
}

/** The buffers of `batches`, to transfer rather than copy. */
export function columnBuffers(batches: readonly RecordColumns[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const b of batches) for (const [name] of RULE_LIST) if (b[name]) out.add(b[name]!.buffer as ArrayBuffer);
  return [...out];
}

function valueOk(v: number, rule: Rule): boolean {
  switch (rule) {
    case 'count':
      return Number.isInteger(v) && v >= 0;
    case 'finite':
      return Number.isFinite(v);
    case 'time':
      return Number.isFinite(v) && v >= 0;
    case 'optional count':
      return Number.isNaN(v) || (Number.isInteger(v) && v >= 0);
    case 'optional finite':
      return Number.isNaN(v) || Number.isFinite(v);
  }
}

const RULE_TEXT: Record<Rule, string> = {
  count: 'expected an integer >= 0',
  finite: 'expected a finite number',
  time: 'expected a finite number >= 0',
  'optional count': 'expected an integer >= 0',
  'optional finite': 'expected a finite number',
};

/**
 * The page's check of streamed columns: the header by schema (zod), then lengths and values in one
 * loop over the typed arrays. Throws InvalidResultError naming `batch.column.record`.
 */
export function checkRecordColumns(batches: readonly RecordColumns[]): RecordColumns[] {
  const header = headerSchema.safeParse(batches);
  if (!header.success) {
    const issue = header.error.issues[0];
    throw new InvalidResultError('run records', issue.path.join('.'), issue.message);
  }
  batches.forEach((b, i) => {
    const n = b.iteration.length;
    for (const [name, rule] of RULE_LIST) {
      const c = b[name];
      if (!c) continue;
      if (c.length !== n) throw new InvalidResultError('run records', `${i}.${name}`, `${c.length} entries for ${n} records`);
      for (let k = 0; k < n; k++) if (!valueOk(c[k], rule)) throw new InvalidResultError('run records', `${i}.${name}.${k}`, `${RULE_TEXT[rule]}, received ${c[k]}`);
    }
  });
  return batches as RecordColumns[];
}

/** A run's columns without the batch's index: what a batch carries and what the page's series (state/record-series.ts) holds. */
export type ColumnSet = Omit<RecordColumns, 'index'>;

/** Record k of `c` as an object, field for field as the worker made it (an optional field only where it was set). */
export function recordOf(c: ColumnSet, k: number): StreamedRecord {
  const { nggnvp, nkfac, planeDistance } = c;
  if (!nggnvp && !nkfac && !planeDistance)
    // the common case (2-D functions, first-order runs) as one object literal: one shape, allocated in one go
    return { iteration: c.iteration[k], point: [c.x[k], c.y[k]], loss: c.loss[k], gradNorm: c.gradNorm[k], stepSize: c.stepSize[k], nfev: c.nfev[k], ngev: c.ngev[k], nhvp: c.nhvp[k], timeMs: c.timeMs[k] };
  // built field by field in the worker's order, so an export lists them as before
  const r = { iteration: c.iteration[k], point: [c.x[k], c.y[k]], loss: c.loss[k], gradNorm: c.gradNorm[k], stepSize: c.stepSize[k], nfev: c.nfev[k], ngev: c.ngev[k], nhvp: c.nhvp[k] } as StreamedRecord;
  if (nggnvp && !Number.isNaN(nggnvp[k])) r.nggnvp = nggnvp[k];
  if (nkfac && !Number.isNaN(nkfac[k])) r.nkfac = nkfac[k];
  r.timeMs = c.timeMs[k];
  if (planeDistance && !Number.isNaN(planeDistance[k])) r.planeDistance = planeDistance[k];
  return r;
}
