import { describe, expect, it } from 'vitest';
import { legendLayout, parseGradient } from './png-layout';

const chars = (t: string): number => 7 * t.length;

describe('legendLayout', () => {
  it('takes no height without entries', () => {
    expect(legendLayout([], 600, chars)).toEqual({ items: [], height: 0, swatch: 18 });
  });

  it('places entries left to right and wraps the one that would pass the right edge', () => {
    const entries = ['Gradient descent', 'Newton', 'L-BFGS', 'Hessian-free'].map((label, k) => ({ label, color: `#00000${k}` }));
    // widths 18 + 5 + 7 * chars: 135, 65, 65, 107; gap 16, padding 8: the fourth would start at 321 > 312
    const l = legendLayout(entries, 320, chars);
    expect(l.items.map((i) => [i.x, i.y])).toEqual([
      [8, 17],
      [8 + 135 + 16, 17],
      [8 + 135 + 16 + 65 + 16, 17],
      [8, 35],
    ]);
    expect(l.height).toBe(2 * 8 + 2 * 18);
  });
});

describe('parseGradient', () => {
  it('reads the direction and stops of a computed linear-gradient', () => {
    const g = parseGradient('linear-gradient(to top, rgb(68, 1, 84) 0%, rgb(33, 145, 140) 50%, rgb(253, 231, 37) 100%)');
    expect(g).toEqual({
      direction: 'to top',
      stops: [
        { color: 'rgb(68, 1, 84)', offset: 0 },
        { color: 'rgb(33, 145, 140)', offset: 0.5 },
        { color: 'rgb(253, 231, 37)', offset: 1 },
      ],
    });
  });

  it('defaults to top-to-bottom and rejects what is not a gradient', () => {
    expect(parseGradient('linear-gradient(#fff 0%, #000 100%)')?.direction).toBe('to bottom');
    expect(parseGradient('none')).toBeNull();
    expect(parseGradient('url(x.png)')).toBeNull();
  });
});
