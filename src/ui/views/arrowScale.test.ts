import { describe, expect, it } from 'vitest';
import { scaleArrows } from './arrowScale';

describe('scaleArrows', () => {
  it('scales by |eigenvalue| so the largest is 15% of the view span', () => {
    const glyphs = scaleArrows(
      { at: [1, 1], pairs: [{ value: 1001.6, vector: [0.8, 0.6] }, { value: -0.4, vector: [0, 2] }] },
      4,
    );
    expect(glyphs).toHaveLength(2);
    expect(glyphs[0].length).toBeCloseTo(0.6, 12);
    expect(glyphs[0].to[0]).toBeCloseTo(1 + 0.6 * 0.8, 12);
    expect(glyphs[0].to[1]).toBeCloseTo(1 + 0.6 * 0.6, 12);
    expect(glyphs[0].negative).toBe(false);
    expect(glyphs[1].length).toBeCloseTo((0.6 * 0.4) / 1001.6, 12);
    // the non-unit vector [0, 2] is normalised first
    expect(glyphs[1].to[1] - 1).toBeCloseTo(glyphs[1].length, 12);
    expect(glyphs[1].negative).toBe(true);
  });

  it('honours a custom fraction and drops non-finite eigenvalues', () => {
    const glyphs = scaleArrows(
      { at: [0, 0], pairs: [{ value: -2, vector: [1, 0] }, { value: Number.NaN, vector: [0, 1] }] },
      10,
      0.2,
    );
    expect(glyphs).toHaveLength(1);
    expect(glyphs[0].to).toEqual([2, 0]);
  });

  it('a zero spectrum gives zero-length arrows, not NaN', () => {
    const glyphs = scaleArrows({ at: [3, 4], pairs: [{ value: 0, vector: [1, 0] }] }, 1);
    expect(glyphs[0].to).toEqual([3, 4]);
  });
});
