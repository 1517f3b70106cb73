import { describe, expect, it } from 'vitest';
import { IterateList } from './iterate-list';

describe('IterateList', () => {
  it('holds every pushed iterate in order across the buffer growing, and reads copies', () => {
    const list = new IterateList();
    // 200 iterates of 3 values: past the first buffer (64 values) and several doublings
    for (let k = 0; k < 200; k++) list.push([k, -k, k / 2]);
    expect(list.length).toBe(200);
    expect(list.dimension).toBe(3);
    expect(Array.from(list.at(0))).toEqual([0, -0, 0]);
    expect(Array.from(list.at(137))).toEqual([137, -137, 68.5]);
    expect(Array.from(list.last())).toEqual([199, -199, 99.5]);
    const copy = list.at(5);
    copy[0] = 1e9;
    expect(list.at(5)[0]).toBe(5);
    const views = list.views();
    expect(views).toHaveLength(200);
    expect(views.map((v) => v[0])).toEqual(Array.from({ length: 200 }, (_, k) => k));
    expect(views.every((v) => v.length === 3)).toBe(true);
  });

  it('refuses an iterate of another size and a read outside the run', () => {
    const list = new IterateList();
    expect(() => list.last()).toThrow(RangeError);
    list.push(Float64Array.of(1, 2));
    expect(() => list.push([1, 2, 3])).toThrow('iterate of 3 values in a run of 2');
    expect(() => list.at(1)).toThrow(RangeError);
    expect(list.length).toBe(1);
  });
});
