import { describe, expect, it } from 'vitest';
import { readDigits } from '../../data/digits/read-node';
import {
  DIGITS_CLASS_COUNTS,
  DIGITS_PIXELS,
  DIGITS_ROWS,
  classCounts,
  digitsInputShape,
  parseDigitsCsv,
  splitDigits,
} from './digits';

describe('digits', () => {
  const all = readDigits();

  it('has 1797 rows of 64 pixels in [0, 1] and the per-class counts UCI lists', () => {
    expect(all.X.length).toBe(DIGITS_ROWS);
    expect(all.X.every((r) => r.length === DIGITS_PIXELS && r.every((p) => p >= 0 && p <= 1))).toBe(true);
    expect(classCounts(all.y, 10)).toEqual([...DIGITS_CLASS_COUNTS]);
    expect(DIGITS_CLASS_COUNTS.reduce((a, b) => a + b, 0)).toBe(DIGITS_ROWS);
    // pixels are integers over 16: the largest value in the file is 16, so some pixel is exactly 1
    expect(Math.max(...all.X.flat())).toBe(1);
    expect(digitsInputShape('image').reduce((a, b) => a * b, 1)).toBe(DIGITS_PIXELS);
  });

  it('scales the first row of the file by 1/16 (its pixels read from the CSV text)', () => {
    const first = '0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0';
    const one = parseDigitsCsv(first + '\n');
    expect(one.y).toEqual([0]);
    expect(all.X[0]).toEqual(one.X[0]);
    expect(one.X[0][2]).toBe(5 / 16);
  });

  it('rejects malformed lines', () => {
    expect(() => parseDigitsCsv('1,2,3\n')).toThrow(/expected 65/);
    expect(() => parseDigitsCsv(new Array(64).fill(17).join(',') + ',0\n')).toThrow(/pixels/);
  });

  it('splits each class by round(count / 4), disjoint and covering, the documented rows first', () => {
    const { train, test } = splitDigits(all);
    const expectedTest = DIGITS_CLASS_COUNTS.map((n) => Math.round(0.25 * n));
    expect(classCounts(test.y, 10)).toEqual(expectedTest);
    expect(train.X.length + test.X.length).toBe(DIGITS_ROWS);
    expect(new Set([...train.rows, ...test.rows]).size).toBe(DIGITS_ROWS);
    // PROVENANCE.md documents these; any change to the split changes them
    expect(test.rows.slice(0, 10)).toEqual([10, 19, 21, 31, 33, 39, 42, 43, 44, 49]);
    expect(test.X[0]).toBe(all.X[10]);
    expect(test.y.every((c, i) => c === all.y[test.rows[i]])).toBe(true);
  });

  it('is fixed: the same rows every call, other rows for another seed', () => {
    expect(splitDigits(all).test.rows).toEqual(splitDigits(all).test.rows);
    expect(splitDigits(all, { seed: 1 }).test.rows).not.toEqual(splitDigits(all).test.rows);
  });

  it('restricts to C classes keeping the same per-class split', () => {
    const full = splitDigits(all);
    for (const C of [2, 5, 10]) {
      const { train, test } = splitDigits(all, { classes: C });
      expect(new Set([...train.y, ...test.y]).size).toBe(C);
      expect(test.rows).toEqual(full.test.rows.filter((r) => all.y[r] < C));
      expect(train.X.length + test.X.length).toBe(DIGITS_CLASS_COUNTS.slice(0, C).reduce((a, b) => a + b, 0));
    }
    expect(() => splitDigits(all, { classes: 1 })).toThrow(/classes/);
  });

  it('caps the sets for small runs', () => {
    const { train, test } = splitDigits(all, { maxTrain: 50, maxTest: 20 });
    expect(train.X.length).toBe(50);
    expect(test.X.length).toBe(20);
    expect(train.rows).toEqual(splitDigits(all).train.rows.slice(0, 50));
  });
});
