import { describe, expect, it } from 'vitest';
import { droppedNegative, stripScale } from './spectrum-strip';

describe('curvature-matrix strip scale', () => {
  it('maps the ends to 0 and 1, zero between, and keeps order (signed log is monotone)', () => {
    const s = stripScale([-0.01, 0.5, 12]);
    expect(s.at(-0.01)).toBeCloseTo(0, 12);
    expect(s.at(12)).toBeCloseTo(1, 12);
    // c = 0.012: t(-0.01) = -log10(1 + 0.01/0.012), t(12) = log10(1001); zero sits at -t(lo) / (t(hi) - t(lo)).
    const tlo = -Math.log10(1 + 0.01 / 0.012);
    const thi = Math.log10(1001);
    expect(s.at(0)).toBeCloseTo(-tlo / (thi - tlo), 12);
    expect(s.at(0.5)).toBeGreaterThan(s.at(0));
    expect(s.at(0.5)).toBeLessThan(s.at(12));
  });

  it("a positive-only spectrum still has 0 at the left end; H's negative bottom is what G drops", () => {
    expect(stripScale([0.1, 3]).at(0)).toBe(0);
    expect(droppedNegative([-0.2, -1e-5, 0.3])).toEqual([-0.2, -1e-5]);
    expect(droppedNegative([0, 0.3])).toEqual([]);
  });
});
