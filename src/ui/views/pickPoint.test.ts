import { describe, expect, it } from 'vitest';
import { pickPoint, tidy } from './pickPoint';

const frame = { left: 46, top: 10, width: 460, height: 460, x: [-2, 2] as [number, number], y: [-1, 3] as [number, number] };

describe('pickPoint', () => {
  it('maps the plot corners to the window corners (y grows upwards)', () => {
    expect(pickPoint(46, 470, frame)).toEqual([-2, -1]);
    expect(pickPoint(506, 10, frame)).toEqual([2, 3]);
    expect(pickPoint(46 + 230, 10 + 230, frame)).toEqual([0, 1]);
  });

  it('is null outside the plot rectangle', () => {
    expect(pickPoint(45.9, 100, frame)).toBeNull();
    expect(pickPoint(100, 470.1, frame)).toBeNull();
  });

  it('rounds to the power of ten below span/1000: a 4-wide window gives 0.001 steps', () => {
    // x = -2 + 4 * 100 / 460 = -1.1304347...
    expect(pickPoint(146, 240, frame)![0]).toBe(-1.13);
    expect(tidy(-1.130434, 4)).toBe(-1.13);
    expect(tidy(0.30000000000000004, 4)).toBe(0.3);
    expect(tidy(12345.678, 20000)).toBe(12350);
  });
});
