import { describe, expect, it } from 'vitest';
import { Latest } from './latest';

describe('Latest', () => {
  it('gives a subscriber the current value at once, then each new one until it unsubscribes', () => {
    const latest = new Latest(1);
    const seen: number[] = [];
    const stop = latest.subscribe((v) => seen.push(v));
    latest.set(2);
    latest.set(3);
    stop();
    latest.set(4);
    expect(seen).toEqual([1, 2, 3]);
    expect(latest.get()).toBe(4);
  });

  it('a late subscriber sees only the newest value', () => {
    const latest = new Latest('a');
    latest.set('b');
    const seen: string[] = [];
    latest.subscribe((v) => seen.push(v));
    expect(seen).toEqual(['b']);
  });
});
