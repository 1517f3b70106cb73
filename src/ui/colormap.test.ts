import { describe, expect, it } from 'vitest';
import { divergingCss, maxAbsFinite, optimizerColor, parseColor, viridisCss, viridisRgb, withAlpha } from './colormap';

describe('colormap', () => {
  it('viridis ends at the published endpoints #440154 and #fde725', () => {
    expect(viridisCss(0)).toBe('#440154');
    expect(viridisCss(1)).toBe('#fde725');
    expect(viridisCss(-3)).toBe('#440154');
    expect(viridisCss(Number.NaN)).toBe('#440154');
    const [r, g, b] = viridisRgb(1);
    expect([r * 255, g * 255, b * 255].map(Math.round)).toEqual([0xfd, 0xe7, 0x25]);
  });

  it('parses hex and rgb() colours into [0, 1] channels', () => {
    expect(parseColor('#ff8000')).toEqual([1, 128 / 255, 0]);
    expect(parseColor('#0f0')).toEqual([0, 1, 0]);
    expect(parseColor('rgb(255, 0, 51)')).toEqual([1, 0, 0.2]);
    expect(() => parseColor('teal')).toThrow(/unsupported/);
    expect(withAlpha('#ff0000', 0.5)).toBe('rgba(255, 0, 0, 0.5)');
  });

  it('diverging map is near-white at 0, red below and blue above (RdBu), clamped at +-max', () => {
    const [r0, g0, b0] = parseColor(divergingCss(0, 3));
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(0.9);
    const [rn, , bn] = parseColor(divergingCss(-3, 3));
    expect(rn).toBeGreaterThan(bn + 0.2);
    const [rp, , bp] = parseColor(divergingCss(3, 3));
    expect(bp).toBeGreaterThan(rp + 0.2);
    expect(divergingCss(-30, 3)).toBe(divergingCss(-3, 3));
    expect(divergingCss(1, 0)).toBe(divergingCss(0, 3));
  });

  it('optimizer colours are distinct for the first ten and cycle after', () => {
    const first = Array.from({ length: 10 }, (_, i) => optimizerColor(i));
    expect(new Set(first).size).toBe(10);
    expect(optimizerColor(10)).toBe(optimizerColor(0));
    expect(optimizerColor(-1)).toBe(optimizerColor(9));
  });

  it('maxAbsFinite ignores non-finite entries', () => {
    expect(maxAbsFinite(new Float64Array([1, -7.5, Number.NaN, Number.NEGATIVE_INFINITY, 3]))).toBe(7.5);
    expect(maxAbsFinite([])).toBe(0);
  });
});
