import { describe, expect, it } from 'vitest';
import { classColor, viridisCss } from '../colormap';
import { isClassTarget, pointColors } from './scatterColors';

describe('scatter colours', () => {
  it('few integer targets are classes, coloured by rank', () => {
    expect(isClassTarget([-1, 1, 1, -1])).toBe(true);
    expect(pointColors([-1, 1, -1])).toEqual([classColor(0), classColor(1), classColor(0)]);
    expect(pointColors([2, 0, 1])).toEqual([classColor(2), classColor(0), classColor(1)]);
    expect(new Set(Array.from({ length: 10 }, (_, k) => classColor(k))).size).toBe(10);
  });

  it('real or many-valued targets are continuous, viridis over their range', () => {
    expect(isClassTarget([0.5, 1])).toBe(false);
    expect(isClassTarget([...Array(11).keys()])).toBe(false);
    expect(pointColors([0, 0.5, 2])).toEqual([viridisCss(0), viridisCss(0.25), viridisCss(1)]);
  });
});
