/** Node's reader of the shipped digits file (CLI, bench, tests): gunzip with zlib, then the pure parser. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type Digits, parseDigitsCsv } from '../../core/data/digits';

export const DIGITS_FILE = new URL('./digits.csv.gz', import.meta.url);

let cached: Digits | null = null;

/** The 1797 digits, parsed once per process. */
export function readDigits(): Digits {
  cached ??= parseDigitsCsv(gunzipSync(readFileSync(DIGITS_FILE)).toString('utf8'));
  return cached;
}
