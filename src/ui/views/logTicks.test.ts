import { describe, expect, it } from 'vitest';
import { decadeFilter } from './logTicks';

describe('decadeFilter', () => {
  it('keeps powers of ten and hides the 2..9 multiples', () => {
    expect(decadeFilter([0.1, 0.2, 0.5, 1, 2, 5, 10], 8)).toEqual([0.1, null, null, 1, null, null, 10]);
  });

  it('thins decades to at most maxLabels, anchored at the top', () => {
    const splits = Array.from({ length: 13 }, (_, k) => Number(`1e${k - 10}`));
    const kept = decadeFilter(splits, 5).filter((v) => v !== null);
    // 13 decades 1e-10..1e2, stride ceil(13 / 5) = 3 counted down from 1e2
    expect(kept).toEqual([1e-10, 1e-7, 1e-4, 0.1, 100]);
  });

  it('leaves splits alone when none is a decade', () => {
    expect(decadeFilter([2, 3, 4], 5)).toEqual([2, 3, 4]);
  });
});
