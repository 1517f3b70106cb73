import { contours } from 'd3-contour';
import { interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { bandPaths, contourBands } from './contourPaths';
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

/** The (x, y) pairs of each ring of SVG path data made of M, L and Z commands. */
function pathRings(d: string): [number, number][][] {
  return d
    .split('Z')
    .filter((r) => r.length > 0)
    .map((r) => r.split(/[ML]/).filter((p) => p.length > 0).map((p) => p.split(',').map(Number) as [number, number]));
}

describe('bandPaths (the contour worker\'s paths)', () => {
  // plot frame 400 x 200 at (40, 10) over [-1, 1] x [-1, 1]: screen x = 40 + 200 (x + 1), y = 210 - 100 (y + 1)
  const frame = { left: 40, top: 10, width: 400, height: 200, x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] };

  it('are d3-contour\'s rings of the grid at the same levels, in screen units to 0.05', () => {
    const g = bowl(41);
    const paths = bandPaths(g, false, 4, frame);
    // d3-contour on the raw values (linear scale: mapped = loss) at 0, 0.5, 1, 1.5: grid index i + 0.5 is x = -1 + i / 20
    const raw = contours().size([41, 41]).thresholds([0, 0.5, 1, 1.5])(g.values.flat());
    expect(paths.map((p) => p.level)).toEqual([0, 0.5, 1, 1.5]);
    raw.forEach((mp, k) => {
      const expected = mp.coordinates.flat().map((ring) => ring.map(([cx, cy]) => [40 + 200 * ((cx - 0.5) / 20), 210 - 100 * ((cy - 0.5) / 20)]));
      const got = pathRings(paths[k].d);
      expect(got.map((r) => r.length)).toEqual(expected.map((r) => r.length));
      got.forEach((ring, r) => ring.forEach(([x, y], i) => {
        expect(Math.abs(x - expected[r][i][0])).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Math.abs(y - expected[r][i][1])).toBeLessThanOrEqual(0.05 + 1e-9);
      }));
    });
  });

  it('the band at r^2 = 0.5 has its inner ring on the circle of radius sqrt(0.5), an ellipse of semi-axes 141.4 and 70.7 on screen', () => {
    const paths = bandPaths(bowl(81), false, 4, frame);
    const rings = pathRings(paths[1].d);
    const inner = rings.reduce((a, b) => (a.length < b.length ? a : b));
    for (const [x, y] of inner) {
      const u = (x - 240) / 200;
      const v = (110 - y) / 100;
      expect(Math.abs(Math.hypot(u, v) - Math.sqrt(0.5))).toBeLessThan(0.006);
    }
  });

  it('fills each band with viridis at its level between the smallest and largest loss', () => {
    const paths = bandPaths(bowl(21), false, 4, frame);
    // levels 0, 0.5, 1, 1.5 over losses 0 .. 2
    expect(paths.map((p) => p.fill)).toEqual([0, 0.25, 0.5, 0.75].map((t) => interpolateViridis(t)));
  });

  it('log scale: levels evenly spaced from log10(eps) to log10(max - min + eps)', () => {
    // bowl(21): samples 0.1 apart, min 0 at the centre, max 2; the 1st percentile of 441 values (rank 4) is 0.01 = eps
    const levels = bandPaths(bowl(21), true, 5, frame).map((p) => p.level);
    const hi = Math.log10(2.01);
    levels.forEach((l, k) => expect(l).toBeCloseTo(-2 + (k * (hi + 2)) / 5, 12));
  });
});
