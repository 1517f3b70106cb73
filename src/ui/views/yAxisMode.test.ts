import { describe, expect, test } from 'vitest';
import { yAxisMode } from './yAxisMode';

describe('yAxisMode', () => {
  test('positive losses keep the log axis', () => {
    expect(yAxisMode([[1, 1e-3, 1e-12], [5, 2]], true)).toEqual({ log: true, note: null });
  });

  test('a negative loss anywhere (the saddle demo) switches to linear and says why', () => {
    const m = yAxisMode([[1, 1e-8], [1, 0.5, -11.56]], true);
    expect(m.log).toBe(false);
    expect(m.note).toMatch(/< 0/);
  });

  test('an exact zero beside positive values keeps log; all zeros do not', () => {
    expect(yAxisMode([[3, 0]], true).log).toBe(true);
    expect(yAxisMode([[0, 0]], true)).toEqual({ log: false, note: 'linear: no value > 0' });
    expect(yAxisMode([[], [Number.NaN]], true)).toEqual({ log: true, note: null });
  });

  test('non-finite values neither force nor block the log axis', () => {
    expect(yAxisMode([[Number.NaN, Infinity, 2]], true).log).toBe(true);
    expect(yAxisMode([[-Infinity, 2]], true).log).toBe(true);
  });

  test('a linear request stays linear without a note', () => {
    expect(yAxisMode([[-1, 2]], false)).toEqual({ log: false, note: null });
  });
});
