/**
 * The worker's streamed columns as record objects, for tests that read a run's records one by one.
 * The page keeps them as columns (src/state/record-series.ts) and builds a record only on demand.
 */
import { recordOf, type RecordColumns } from '../src/protocol/record-columns';
import type { StreamedRecord } from '../src/protocol/run';

export interface RecordBatch {
  /** Index into the request's optimizers. */
  index: number;
  records: StreamedRecord[];
}

/** `c` as { index, records }, each record field for field as the worker made it. */
export function unpackBatch(c: RecordColumns): RecordBatch {
  return { index: c.index, records: Array.from({ length: c.iteration.length }, (_, k) => recordOf(c, k)) };
}
