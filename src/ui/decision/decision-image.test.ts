import { describe, expect, it } from 'vitest';
import { dataDomain, hexRgb, regionPixels } from './decision-image';

describe('regionPixels', () => {
  const color = (c: number): string => ['#ff0000', '#0000ff'][c];

  it('puts the top grid row (largest y) first and colours each cell by its class', () => {
    // 2 x 2 grid, rows by y: bottom row classes [0, 1], top row [1, 1]
    const px = regionPixels([0, 1, 1, 1], [1, 1, 1, 1], 2, 2, 2, color);
    expect(Array.from(px.subarray(0, 4))).toEqual([0, 0, 255, 140]);
    expect(Array.from(px.subarray(8, 12))).toEqual([255, 0, 0, 140]);
    expect(Array.from(px.subarray(12, 16))).toEqual([0, 0, 255, 140]);
  });

  it('is faint at chance and strongest at certainty', () => {
    const px = regionPixels([0, 0], [0.5, 1], 2, 1, 2, color);
    expect(px[3]).toBe(Math.round(255 * 0.15));
    expect(px[7]).toBe(Math.round(255 * 0.55));
  });
});

describe('dataDomain', () => {
  it('pads the bounding box by a tenth of each side', () => {
    expect(dataDomain([[0, -1], [2, 1], [1, 0]])).toEqual({ x: [-0.2, 2.2], y: [-1.2, 1.2] });
  });

  it('falls back to [-1, 1]^2 without finite points', () => {
    expect(dataDomain([[NaN, 1]])).toEqual({ x: [-1, 1], y: [-1, 1] });
  });

  it('reads hex colours', () => {
    expect(hexRgb('#56b4e9')).toEqual([0x56, 0xb4, 0xe9]);
  });
});
