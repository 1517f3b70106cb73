import { describe, expect, it } from 'vitest';
import { chartFactor, everyNth, MAX_CHART_POINTS } from './chartThin';

describe('a chart\'s share of a drawn run', () => {
  it('keeps entries 0, f, 2f, ... and the last, so series of one grid stay on it', () => {
    expect(everyNth([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([0, 3, 6]);
    expect(everyNth([0, 1, 2, 3, 4, 5, 6, 7], 3)).toEqual([0, 3, 6, 7]);
    const same = [1, 2];
    expect(everyNth(same, 1)).toBe(same);
    expect(everyNth([9], 4)).toEqual([9]);
  });

  it('brings the longest series to MAX_CHART_POINTS entries or fewer, and no further than that', () => {
    expect(chartFactor([])).toBe(1);
    expect(chartFactor([MAX_CHART_POINTS, 3])).toBe(1);
    for (const n of [MAX_CHART_POINTS + 1, 2 * MAX_CHART_POINTS, 2 * MAX_CHART_POINTS + 1, 20_000]) {
      const f = chartFactor([5, n]);
      const xs = Array.from({ length: n }, (_, k) => k);
      const kept = everyNth(xs, f);
      // at most MAX_CHART_POINTS on the grid, plus the last entry
      expect(kept.length).toBeLessThanOrEqual(MAX_CHART_POINTS + 1);
      expect(kept.at(-1)).toBe(n - 1);
      // a factor one smaller would keep too many
      if (f > 1) expect(Math.ceil(n / (f - 1))).toBeGreaterThan(MAX_CHART_POINTS);
    }
  });
});
