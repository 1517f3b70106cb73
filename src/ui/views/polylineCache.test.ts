import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clipPolyline, finitePrefix, type Point2 } from './clipPolyline';
import { frameScales } from './contourPaths';
import { decimateMapped } from './decimate';
import { PolylineCache, type PolylineView } from './polylineCache';

// the contour view's frame for x, y in [-2, 2]: sx(x) = 276 + 115 x, sy(y) = 240 - 115 y
const view: PolylineView = {
  frame: { left: 46, top: 10, width: 460, height: 460, x: [-2, 2], y: [-2, 2] },
  box: { x0: -2.2, x1: 2.2, y0: -2.2, y1: 2.2 },
  tolerance: 0.5,
};

/** The uncached drawing (what Contour2D did on every update): finite prefix, clip, map, decimate, format. */
function uncached(points: readonly Point2[], n: number, v: PolylineView): { runs: string[]; finite: number } {
  const pts = finitePrefix(points.slice(0, n));
  const { sx, sy } = frameScales(v.frame);
  const runs = pts.length === 0 ? [] : clipPolyline(pts, v.box).map((run) => decimateMapped(run, sx, sy, v.tolerance).map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
  return { runs, finite: pts.length };
}

/** Gradient descent on f = (x^2 + 10 y^2) / 2 from (-1.5, 1): x_k = (1 - eta)^k x_0, y_k = (1 - 10 eta)^k y_0. */
function descent(eta: number, steps: number): Point2[] {
  return Array.from({ length: steps + 1 }, (_, k) => [-1.5 * (1 - eta) ** k, (1 - 10 * eta) ** k] as Point2);
}

function draw(cache: PolylineCache, points: readonly Point2[], n = points.length) {
  return cache.drawAll([{ key: 'gd', points, length: n }], view)[0];
}

describe('PolylineCache', () => {
  const converging = descent(0.15, 400);

  test('draws a known descent at its analytic screen coordinates, as the uncached drawing does', () => {
    const drawn = draw(new PolylineCache(), converging);
    const ref = uncached(converging, converging.length, view);
    expect(drawn.runs).toEqual(ref.runs);
    expect(drawn.finite).toBe(401);
    const pts = drawn.runs[0].split(' ');
    // (-1.5, 1) -> (103.5, 125); (-1.275, -0.5) -> (129.375, 297.5); the limit (0, 0) -> (276, 240)
    expect(pts.slice(0, 2)).toEqual(['103.5,125.0', '129.4,297.5']);
    expect(pts.at(-1)).toBe('276.0,240.0');
    // hundreds of iterates on one pixel are left out
    expect(pts.length).toBeLessThan(60);
  });

  test('the same input reuses the last output; a changed point rebuilds it from zero', () => {
    const cache = new PolylineCache();
    expect(draw(cache, converging).stepped).toBe(401);
    const again = draw(cache, converging.slice());
    expect(again.stepped).toBe(0);
    expect(again.runs).toEqual(uncached(converging, 401, view).runs);
    const moved = converging.slice();
    moved[3] = [1.9, -1.9];
    const rebuilt = draw(cache, moved);
    expect(rebuilt.stepped).toBe(401);
    expect(rebuilt.runs).toEqual(uncached(moved, 401, view).runs);
  });

  test('a growing series steps only its new points and its last one', () => {
    const cache = new PolylineCache();
    draw(cache, converging, 100);
    const grown = draw(cache, converging, 130);
    expect(grown.stepped).toBe(31);
    expect(grown.runs).toEqual(uncached(converging, 130, view).runs);
  });

  test('a run leaving the plot and ending in NaN is cut where the uncached drawing cuts it, while it grows', () => {
    // eta = 0.25: y_k = (-1.5)^k, so the iterates leave the box and come back no more; then the run diverges to NaN
    const diverging = [...descent(0.25, 12), [Number.NaN, 0] as Point2, [0, 0] as Point2];
    const cache = new PolylineCache();
    for (let n = 1; n <= diverging.length; n++) {
      const drawn = draw(cache, diverging, n);
      expect(drawn).toEqual({ ...uncached(diverging, n, view), stepped: drawn.stepped });
    }
    // (-1.5, 1) -> (103.5, 125), (-1.125, -1.5) -> (146.625, 412.5), then out through y = 2.2 at x = -0.8475 -> (178.5375, -13);
    // each later step crosses the box (y flips sign and grows), so is a run of its own: the first from (-0.841875, 2.2) to (-0.676875, -2.2)
    const runs = draw(cache, diverging).runs;
    expect(runs.slice(0, 2)).toEqual(['103.5,125.0 146.6,412.5 178.5,-13.0', '179.2,-13.0 198.2,493.0']);
    expect(runs).toHaveLength(11);
  });

  test('a new plot extent redraws from zero', () => {
    const cache = new PolylineCache();
    draw(cache, converging);
    const wider: PolylineView = { ...view, frame: { ...view.frame, x: [-4, 4] }, box: { ...view.box, x0: -4.4, x1: 4.4 } };
    const drawn = cache.drawAll([{ key: 'gd', points: converging, length: 401 }], wider)[0];
    expect(drawn.stepped).toBe(401);
    expect(drawn.runs).toEqual(uncached(converging, 401, wider).runs);
  });

  test('any sequence of thinned, growing or replaced series draws what the uncached drawing does', () => {
    const coord = fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(Number.NaN, 1e27, -2.2, 2.2));
    const point = fc.tuple(coord, coord) as fc.Arbitrary<Point2>;
    const update = fc.record({ n: fc.nat(60), stride: fc.integer({ min: 1, max: 3 }), fresh: fc.boolean() });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), fc.array(update, { minLength: 1, maxLength: 8 }), (series, updates) => {
        const cache = new PolylineCache();
        for (const u of updates) {
          const n = Math.min(u.n, series.length);
          // thinForDrawing's shape: every stride-th point with the last one, copied or new tuples of the same values
          const thinned = series.slice(0, n).filter((_, k) => k % u.stride === 0 || k === n - 1);
          const points = u.fresh ? thinned.map(([x, y]) => [x, y] as Point2) : thinned;
          const drawn = cache.drawAll([{ key: 'run', points, length: points.length }], view)[0];
          const ref = uncached(points, points.length, view);
          if (drawn.finite !== ref.finite || JSON.stringify(drawn.runs) !== JSON.stringify(ref.runs)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
