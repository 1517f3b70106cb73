import { describe, expect, it } from 'vitest';
import { Generations } from './generations';

describe('worker generations', () => {
  it('a newer request of a kind makes older ones stale; a late older arrival changes nothing', () => {
    const g = new Generations();
    g.begin('surface', 2);
    g.begin('surface', 1);
    expect(g.isStale('surface', 1)).toBe(true);
    expect(g.isStale('surface', 2)).toBe(false);
    expect(g.isStale('training', 1)).toBe(false);
  });

  it('cancel stops every request received so far, not the ones after it', () => {
    const g = new Generations();
    g.begin('training', 3);
    g.cancel('training');
    expect(g.isStale('training', 3)).toBe(true);
    g.begin('training', 4);
    expect(g.isStale('training', 4)).toBe(false);
  });
});
