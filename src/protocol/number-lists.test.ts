import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countArray, measuredArray, measuredTable } from './number-lists';
import { count, measuredList } from './numbers';

describe('number lists checked in one loop', () => {
  it('measuredArray passes and fails exactly what measuredList does, naming the first bad index', () => {
    const cases: unknown[] = [[], [0, -1.5, NaN, Infinity, -Infinity, 1e308], [1, '2', 3], [1, null], [undefined], 'x', [[1]], { 0: 1, length: 1 }];
    for (const v of cases) expect(measuredArray.safeParse(v).success, JSON.stringify(v)).toBe(measuredList.safeParse(v).success);
    expect(measuredArray.safeParse([1, 2, '3', null]).error!.issues[0]).toMatchObject({ path: [2], message: 'expected a number' });
  });

  it('countArray passes and fails exactly what z.array(count) does', () => {
    const reference = z.array(count);
    const cases: unknown[] = [[], [0, 1, 7, 2 ** 40], [1, 1.5], [-1], [NaN], [Infinity], ['1'], [0, -0]];
    for (const v of cases) expect(countArray.safeParse(v).success, JSON.stringify(v)).toBe(reference.safeParse(v).success);
    expect(countArray.safeParse([0, 2, 0.5]).error!.issues[0].path).toEqual([2]);
  });

  it('measuredTable names the row and column of a bad entry', () => {
    const schema = z.object({ values: measuredTable });
    expect(schema.safeParse({ values: [[1, NaN], [3, 4]] }).success).toBe(true);
    expect(schema.safeParse({ values: [[1, 2], [3, 'x']] }).error!.issues[0].path).toEqual(['values', 1, 1]);
    expect(schema.safeParse({ values: [[1, 2], 3] }).error!.issues[0].path).toEqual(['values', 1]);
  });
});
