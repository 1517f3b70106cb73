import { describe, expect, it } from 'vitest';
import { contourBands } from './contourPaths';
import { makeLossScale } from './lossScale';
import type { SurfaceGrid } from './types';

function bowl(n: number): SurfaceGrid {
  const xs = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return { xs, ys: xs, values: xs.map((y) => xs.map((x) => x * x + y * y)) };
}

describe('contourBands', () => {
  it('the band {x^2 + y^2 >= r^2} of a bowl has its inner ring on the circle of radius r', () => {
    const g = bowl(81);
    const scale = makeLossScale(g, false);
    const bands = contourBands(g, scale, 4);
    expect(bands.map((b) => b.level)).toEqual([0, 0.5, 1, 1.5]);
    // level 0.5: the inner boundary is the circle r = sqrt(0.5); linear interpolation of r^2
    // between samples 0.025 apart is accurate to well under one grid step
    const ring = bands[1].rings.reduce((a, b) => (a.length < b.length ? a : b));
    for (const [x, y] of ring) {
      const r = Math.hypot(x, y);
      if (Math.abs(x) < 0.99 && Math.abs(y) < 0.99) expect(Math.abs(r - Math.sqrt(0.5))).toBeLessThan(0.005);
    }
  });

  it('log scale puts levels evenly in log10(loss - min + eps)', () => {
    const g = bowl(21);
    const scale = makeLossScale(g, true);
    const bands = contourBands(g, scale, 5);
    const step = (scale.hi - scale.lo) / 5;
    bands.forEach((b, k) => expect(b.level).toBeCloseTo(scale.lo + k * step, 12));
  });

  it('a degenerate grid gives no bands', () => {
    expect(contourBands({ xs: [0], ys: [0, 1], values: [[1], [2]] }, makeLossScale(bowl(3), false), 4)).toEqual([]);
  });
});
