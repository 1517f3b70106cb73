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

  it('a series growing in place: the next thinning picks what was added, and the earlier result keeps its entries', () => {
    const v = view(14001);
    const grow = (to: number): void => {
      for (let i = v.losses.length; i < to; i++) {
        v.points.push([i, -i]);
        v.losses.push(1 / (i + 1));
        v.gradNorms.push(i);
        v.cost.push(2 * i);
        v.timeMs.push(i);
      }
    };
    const first = thinForDrawing([v]);
    expect(first.stride).toBe(8);
    // appended to the same arrays, as the store's records grow during a run: the same stride, two more kept entries per 16 steps
    grow(16000);
    const same = thinForDrawing([v]);
    expect(same.stride).toBe(8);
    const [t] = same.views;
    expect(t.iterations).toEqual([...Array.from({ length: 2000 }, (_, j) => 8 * j), 15999]);
    expect(t.losses.at(-2)).toBe(1 / 15993);
    expect(t.losses.at(-1)).toBe(1 / 16000);
    expect(t.points[1234]).toEqual([9872, -9872]);
    expect(t.cost.slice(-3)).toEqual([31968, 31984, 31998]);
    // past 16,000 entries the stride grows to 10 and the pick starts over
    grow(20000);
    const [u] = thinForDrawing([v]).views;
    expect(u.iterations!.slice(-3)).toEqual([19980, 19990, 19999]);
    expect(u.gradNorms.slice(0, 3)).toEqual([0, 10, 20]);
    // the earlier results are copies: still what they were
    expect(t.iterations!.length).toBe(2001);
    expect(first.views[0].iterations!.at(-1)).toBe(14000);
    expect(first.views[0].losses.at(-1)).toBe(1 / 14001);
  });
});
