/**
 * A person's own data as CSV: rows of inputs, the last column the label (classification) or the
 * target (regression). Read line by line in one pass (no recursion, no per-row spread) and checked
 * against the input budget (core/limits.ts) before anything reaches the engine.
 *
 * What it accepts:
 * - delimiters `,`, `;` or tab: the one that occurs most in the first data-bearing line (`;` and
 *   tab files may write decimals with a comma, `1,5`);
 * - a header: a first line with a cell that is not a number; quoted cells (`"x1"`);
 * - an index column: a header whose first cell is empty, `Unnamed: 0` or `index` (pandas
 *   `DataFrame.to_csv()` writes `,x1,x2,label`) drops the first column;
 * - blank lines and `#` comments.
 *
 * Classification or regression, from the last column: classification when every value is a
 * non-negative integer and there are at most MAX_AUTO_CLASSES distinct values; regression
 * otherwise (any fraction or negative value, or integers taking many values, such as counts).
 * Class labels must then lie in 0 .. LIMITS.classes - 1: a label of 1e8 is refused, not read as
 * a request for a hundred million outputs.
 */
import { LIMITS } from '../limits';

export type CsvTask = 'classification' | 'regression';

export interface CsvData {
  X: number[][];
  /** Class labels (classification) or one-value target rows (regression). */
  y: number[] | number[][];
  task: CsvTask;
  /** Classification: the largest label + 1 (the width a softmax head needs); 1 for regression. */
  classes: number;
  delimiter: ',' | ';' | '\t';
  /** Column names of the inputs and the label, from the header or x1, x2, ..., label. */
  columns: string[];
  /** Whether a leading index column was dropped. */
  droppedIndex: boolean;
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** At most this many distinct integer labels are read as classes without being told. */
export const MAX_AUTO_CLASSES = 20;

const INDEX_HEADERS = new Set(['', 'unnamed: 0', 'index']);
const DELIMITERS = [',', ';', '\t'] as const;

function count(line: string, ch: string): number {
  let n = 0;
  for (let k = line.indexOf(ch); k >= 0; k = line.indexOf(ch, k + 1)) n++;
  return n;
}

function pickDelimiter(line: string): CsvData['delimiter'] {
  let best: CsvData['delimiter'] = ',';
  let most = count(line, ',');
  for (const d of DELIMITERS) {
    const n = count(line, d);
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/** A number cell; with `;` or tab as delimiter a single decimal comma is read as a point. */
function toNumber(cell: string, decimalComma: boolean): number {
  if (cell === '') return Number.NaN;
  const t = decimalComma && /^[+-]?\d*,\d+([eE][+-]?\d+)?$/.test(cell) ? cell.replace(',', '.') : cell;
  return Number(t);
}

/** Calls `visit` with each line and its 1-based number; `\n` and `\r\n` endings. */
function forEachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    visit(line, lineNo);
    start = end + 1;
    lineNo++;
  }
}

/** Decides the task from the label column; see the module comment. */
export function detectTask(labels: readonly number[]): CsvTask {
  const distinct = new Set<number>();
  for (const v of labels) {
    if (!Number.isInteger(v) || v < 0) return 'regression';
    distinct.add(v);
    if (distinct.size > MAX_AUTO_CLASSES) return 'regression';
  }
  return 'classification';
}

/**
 * Parses CSV text into inputs and labels or targets; `task` forces the reading of the last column
 * instead of detecting it. Throws CsvError with the line and column of the first problem.
 */
export function parseCsv(text: string, task?: CsvTask): CsvData {
  if (text.length > LIMITS.fileBytes) throw new CsvError(`the file has ${text.length} characters; at most ${LIMITS.fileBytes} are read`);
  const X: number[][] = [];
  const last: number[] = [];
  const lastLine: number[] = [];
  let delimiter: CsvData['delimiter'] | null = null;
  let header: string[] | null = null;
  let width = -1;
  let skip = 0;
  forEachLine(text, (line, lineNo) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    // spaces only: a leading tab is an empty index cell of a tab-separated file
    const content = line.replace(/^ +| +$/g, '');
    if (delimiter === null) delimiter = pickDelimiter(content);
    const decimalComma = delimiter !== ',';
    const cells = content.split(delimiter).map(unquote);
    if (width < 0 && header === null && cells.some((c) => c !== '' && !Number.isFinite(toNumber(c, decimalComma)))) {
      header = cells;
      skip = INDEX_HEADERS.has(cells[0].toLowerCase()) && cells.length > 2 ? 1 : 0;
      width = cells.length;
      return;
    }
    if (width < 0) width = cells.length;
    if (width - skip < 2) throw new CsvError(`line ${lineNo}: expected at least 2 values (inputs, then the label or target), got ${width - skip}`);
    if (cells.length !== width) throw new CsvError(`line ${lineNo}: expected ${width} values like the ${header ? 'header' : 'first row'}, got ${cells.length}`);
    if (X.length >= LIMITS.rows) throw new CsvError(`more than ${LIMITS.rows} data rows; at most ${LIMITS.rows} are read`);
    const row = new Array<number>(width - skip - 1);
    for (let j = skip; j < width; j++) {
      const v = toNumber(cells[j], decimalComma);
      if (!Number.isFinite(v)) throw new CsvError(`line ${lineNo}, column ${j + 1}: "${cells[j]}" is not a number`);
      if (j === width - 1) last.push(v);
      else row[j - skip] = v;
    }
    X.push(row);
    lastLine.push(lineNo);
  });
  if (X.length === 0) throw new CsvError('no data rows');
  if (X.length < 2) throw new CsvError(`only 1 data row; a loss landscape needs at least 2 rows`);
  if (X.length * X[0].length > LIMITS.dataValues) throw new CsvError(`${X.length} rows x ${X[0].length} inputs is more than the ${LIMITS.dataValues} values the backend keeps`);
  const kind = task ?? detectTask(last);
  const names = (header as string[] | null)?.slice(skip) ?? [...Array.from({ length: width - skip - 1 }, (_, j) => `x${j + 1}`), kind === 'classification' ? 'label' : 'target'];
  // assigned inside the line callback, which the compiler does not follow
  const used = delimiter as CsvData['delimiter'] | null;
  const base: Omit<CsvData, 'y' | 'classes'> = { X, task: kind, delimiter: used ?? ',', columns: names, droppedIndex: skip === 1 };
  if (kind === 'regression') return { ...base, y: last.map((v) => [v]), classes: 1 };
  let top = 0;
  for (let i = 0; i < last.length; i++) {
    const v = last[i];
    if (!Number.isInteger(v) || v < 0) throw new CsvError(`line ${lastLine[i]}: label ${v} is not a class number 0, 1, 2, ...`);
    if (v >= LIMITS.classes) throw new CsvError(`line ${lastLine[i]}: label ${v}: at most ${LIMITS.classes} classes (labels 0..${LIMITS.classes - 1})`);
    if (v > top) top = v;
  }
  return { ...base, y: last, classes: top + 1 };
}
