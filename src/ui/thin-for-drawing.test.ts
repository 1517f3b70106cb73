import { describe, expect, it } from 'vitest';
import { MAX_DRAWN, thinForDrawing } from './trajectory-views';
import type { TrajectoryView } from './views/types';

function view(n: number): TrajectoryView {
  const k = Array.from({ length: n }, (_, i) => i);
  return { name: 'sgd', label: 'SGD', color: '#000', points: k.map((i) => [i, -i]), losses: k.map((i) => 1 / (i + 1)), gradNorms: k, cost: k.map((i) => 2 * i), timeMs: k };
}

describe('series thinned for drawing', () => {
  it('short runs are drawn whole', () => {
    const v = [view(MAX_DRAWN)];
    expect(thinForDrawing(v)).toEqual({ views: v, stride: 1 });
  });

  it('a 20,000-step run keeps one stride for all trajectories, the iterations of what it keeps, and each last iterate', () => {
    const { views, stride } = thinForDrawing([view(20001), view(7)]);
    expect(stride).toBe(Math.ceil(20001 / MAX_DRAWN));
    const [long, short] = views;
    expect(long.losses.length).toBeLessThanOrEqual(MAX_DRAWN + 1);
    expect(long.iterations![1]).toBe(stride);
    expect(long.iterations!.at(-1)).toBe(20000);
    expect(long.losses.at(-1)).toBe(1 / 20001);
    expect(long.points[3]).toEqual([3 * stride, -3 * stride]);
    expect(long.cost[3]).toBe(6 * stride);
    expect(short.iterations).toEqual([0, 6]);
  });
});
