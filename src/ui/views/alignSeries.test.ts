import { describe, expect, it } from 'vitest';
import { alignSeries, alignedExtent } from './alignSeries';

describe('alignSeries', () => {
  it('merges x values into one ascending array with nulls where a series has no point', () => {
    const [xs, a, b] = alignSeries(
      [
        { label: 'a', color: '#000', x: [0, 2, 4], y: [10, 5, 1] },
        { label: 'b', color: '#111', x: [0, 3, 4, 4], y: [8, 4, 2, 3] },
      ],
      false,
    );
    expect(xs).toEqual([0, 2, 3, 4]);
    expect(a).toEqual([10, 5, null, 1]);
    expect(b).toEqual([8, null, 4, 3]);
  });

  it('drops non-positive and non-finite values on a log axis only', () => {
    const s = [{ label: 'a', color: '#000', x: [0, 1, 2, 3], y: [1, 0, -2, Number.NaN] }];
    expect(alignSeries(s, true)[1]).toEqual([1, null, null, null]);
    expect(alignSeries(s, false)[1]).toEqual([1, 0, -2, null]);
  });

  it('reports the extent of what will be drawn', () => {
    expect(alignedExtent([[null, 3, 1e-8], [null, 7]])).toEqual([1e-8, 7]);
    expect(alignedExtent([[null]])).toBeNull();
  });
});
