/**
 * The UCI optical handwritten digits (Alpaydin and Kaynak, 1998, "Cascading Classifiers"; the
 * 1797-row test set scikit-learn ships, see src/data/digits/PROVENANCE.md): parsing, scaling to
 * [0, 1] (pixel / 16, as the shared model fixtures do), the fixed train/test split and the
 * restriction to the first C classes. Pure: the readers in src/data/digits/ fetch the text.
 */
import { createRng } from '../random';

export const DIGITS_ROWS = 1797;
export const DIGITS_PIXELS = 64;
export const DIGITS_CLASSES = 10;
/** Pixels are counts of on pixels in 4x4 blocks, 0..16; dividing by this puts them in [0, 1]. */
export const DIGITS_PIXEL_MAX = 16;
/** Rows per digit 0..9: the test-set class distribution in UCI's optdigits.names ("optdigits.tes"). */
export const DIGITS_CLASS_COUNTS: readonly number[] = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

/** A row of X is one 8x8 image flattened row-major: read as [8, 8, 1] (NHWC) or as a vector of 64. */
export type DigitsLayout = 'image' | 'vector';

export function digitsInputShape(layout: DigitsLayout): number[] {
  return layout === 'image' ? [8, 8, 1] : [DIGITS_PIXELS];
}

export interface Digits {
  /** Rows of 64 pixels in [0, 1]. */
  X: number[][];
  /** Labels 0..9 (0..C-1 after a class restriction). */
  y: number[];
  /** Each row's index in the 1797-row file, so a split can be named and checked. */
  rows: number[];
}

/** Parses the CSV (64 integer pixels 0..16 then the label, one image a line), scaling pixels by 1/16. */
export function parseDigitsCsv(text: string): Digits {
  const X: number[][] = [];
  const y: number[] = [];
  const rows: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const cells = line.split(',').map(Number);
    if (cells.length !== DIGITS_PIXELS + 1) throw new Error(`digits line ${i + 1}: expected ${DIGITS_PIXELS + 1} values, got ${cells.length}`);
    const label = cells[DIGITS_PIXELS];
    if (!Number.isInteger(label) || label < 0 || label >= DIGITS_CLASSES) throw new Error(`digits line ${i + 1}: bad label ${label}`);
    const pixels = cells.slice(0, DIGITS_PIXELS);
    if (pixels.some((p) => !Number.isInteger(p) || p < 0 || p > DIGITS_PIXEL_MAX)) {
      throw new Error(`digits line ${i + 1}: pixels must be integers 0..${DIGITS_PIXEL_MAX}`);
    }
    X.push(pixels.map((p) => p / DIGITS_PIXEL_MAX));
    y.push(label);
    rows.push(rows.length);
  }
  return { X, y, rows };
}

export interface DigitsSplitOptions {
  /** Keep digits 0..classes-1 only (2..10); default 10. */
  classes?: number;
  /** Share of each class held out for testing; default 0.25. */
  testFraction?: number;
  /** Seed of the per-class shuffle; default 0 (the documented split). */
  seed?: number;
  /** Keep at most this many training / test rows (the first in file order), for small runs. */
  maxTrain?: number;
  maxTest?: number;
}

export interface DigitsSplit {
  train: Digits;
  test: Digits;
}

export const DEFAULT_DIGITS_SPLIT = { classes: DIGITS_CLASSES, testFraction: 0.25, seed: 0 } as const;

function pick(all: Digits, rows: number[]): Digits {
  const at = new Map(all.rows.map((r, i) => [r, i]));
  const idx = rows.map((r) => at.get(r)!);
  return { X: idx.map((i) => all.X[i]), y: idx.map((i) => all.y[i]), rows: [...rows] };
}

/**
 * The fixed split: within each kept class, its rows (in file order) are shuffled by Fisher-Yates
 * with mulberry32(seed + class) and the first round(testFraction * count) go to the test set. Both
 * sets are then put back in file order, so each keeps the file's mix of classes. Stratified, so
 * every class keeps its share and restricting to C classes keeps the same rows per class.
 */
export function splitDigits(all: Digits, opts: DigitsSplitOptions = {}): DigitsSplit {
  const classes = opts.classes ?? DEFAULT_DIGITS_SPLIT.classes;
  const testFraction = opts.testFraction ?? DEFAULT_DIGITS_SPLIT.testFraction;
  const seed = opts.seed ?? DEFAULT_DIGITS_SPLIT.seed;
  if (!Number.isInteger(classes) || classes < 2 || classes > DIGITS_CLASSES) throw new Error(`classes must be an integer 2..10, got ${classes}`);
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be in (0, 1), got ${testFraction}`);
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < classes; c++) {
    const members = all.rows.filter((_, i) => all.y[i] === c);
    const rng = createRng(seed + c);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    const nTest = Math.round(testFraction * members.length);
    test.push(...members.slice(0, nTest));
    train.push(...members.slice(nTest));
  }
  const byFile = (a: number, b: number): number => a - b;
  train.sort(byFile);
  test.sort(byFile);
  return {
    train: pick(all, opts.maxTrain === undefined ? train : train.slice(0, opts.maxTrain)),
    test: pick(all, opts.maxTest === undefined ? test : test.slice(0, opts.maxTest)),
  };
}

/** Per-class counts of a label list, for classes 0..classes-1. */
export function classCounts(y: readonly number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const c of y) counts[c]++;
  return counts;
}
