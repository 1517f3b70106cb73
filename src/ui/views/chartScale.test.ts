import { describe, expect, it } from 'vitest';
import { chartYScale, decadeTicks, plottedRange } from './chartScale';
import { makeLossScale } from './lossScale';
import { lossScaleTicks, niceTicks } from './ticks';
import type { SurfaceGrid } from './types';

/** Ticks a chart would draw for these series: plotted range, tick positions, labels. */
function drawnTicks(ys: number[][], log: boolean, count = 6): { ticks: number[]; labels: string[]; range: [number, number] } {
  const scale = chartYScale(ys, log);
  const plotted = ys.flat().map((v) => scale.forward(v));
  const range = plottedRange(plotted, 0.05);
  const ticks = scale.ticks(range[0], range[1], count);
  return { ticks, labels: ticks.map((t) => scale.label(t)), range };
}

describe('chartYScale', () => {
  it('a loss falling from 10 to 1e-300 gets decade ticks down to 1e-300 on the log axis', () => {
    // Newton on Himmelblau reaches ~1e-30 in a few steps; uPlot's log ticks failed there
    const ys = [[10, 1, 1e-5, 1e-30, 1e-300]];
    const { ticks, labels, range } = drawnTicks(ys, true);
    expect(chartYScale(ys, true).log).toBe(true);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(13);
    for (const t of ticks) {
      expect(Number.isInteger(t)).toBe(true);
      expect(t).toBeGreaterThanOrEqual(range[0]);
      expect(t).toBeLessThanOrEqual(range[1]);
    }
    expect(labels).toContain('1e-300');
    expect(labels).toContain('1');
  });

  it('1e300 and 1e-300 in one chart: 600 decades, every label a power of ten', () => {
    const { ticks, labels } = drawnTicks([[1e300, 1e-300]], true);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const l of labels) expect(l).toMatch(/^1(e-?\d+)?$|^10*$/);
    expect(labels).toContain('1e300');
    expect(labels).toContain('1e-300');
  });

  it('zero losses are left out of a log axis, the positive rest still ticked', () => {
    const scale = chartYScale([[1, 0.1, 0]], true);
    expect(scale.log).toBe(true);
    expect(scale.forward(0)).toBeNull();
    expect(scale.forward(0.1)).toBeCloseTo(-1, 15);
  });

  it('a saddle run down to -8e284 with a log axis asked for falls back to linear, ticked in units of 1e284', () => {
    const ys = [[0, -1, -1e10, -8e284]];
    expect(chartYScale(ys, true).log).toBe(false);
    const { ticks, labels } = drawnTicks(ys, true);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(labels).toContain('-4e284');
  });

  it('negative losses: linear axis with labels in data units even at 1e284', () => {
    const ys = [[0.5, -1, -1e10, -8e284]];
    const scale = chartYScale(ys, false);
    expect(scale.log).toBe(false);
    expect(scale.forward(-8e284)).toBeCloseTo(-8, 12);
    const { ticks, labels } = drawnTicks(ys, false);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(labels).toContain('-8e284');
    expect(labels).toContain('0');
  });

  it('a flat series still gets a range and a tick', () => {
    const { ticks, range } = drawnTicks([[1e-300, 1e-300]], true);
    expect(range[1]).toBeGreaterThan(range[0]);
    expect(ticks.length).toBeGreaterThanOrEqual(1);
  });

  it('within a decade the log axis ticks round data values', () => {
    const { labels } = drawnTicks([[2, 3, 5]], true, 4);
    expect(labels).toEqual(['2', '3', '4', '5']);
  });
});

describe('decadeTicks', () => {
  it('strides by whole decades of 1, 2, 5, 10 ...', () => {
    expect(decadeTicks(-3.2, 2.1, 6)).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(decadeTicks(-300, 2, 6)).toEqual([-300, -250, -200, -150, -100, -50, 0]);
    expect(decadeTicks(0.2, 0.8, 6)).toEqual([]);
  });
});

describe('niceTicks at the ends of the doubles', () => {
  it('ticks a span of 1e-300 in values of 1e-300 (not rounded to 0)', () => {
    const t = niceTicks(1e-300, 5e-300, 4);
    expect(t).toEqual([1e-300, 2e-300, 3e-300, 4e-300, 5e-300]);
  });

  it('ticks -8e284..0', () => {
    expect(niceTicks(-8e284, 0, 4)).toEqual([-8e284, -6e284, -4e284, -2e284, 0]);
  });
});

describe('surface colour bar at extreme losses', () => {
  const grid = (values: number[]): SurfaceGrid => ({ xs: [0, 1], ys: [0, 1], values: [values.slice(0, 2), values.slice(2, 4)] });

  it('log bar over 1e-300..1e300 has finite, ordered ticks', () => {
    const ticks = lossScaleTicks(makeLossScale(grid([1e-300, 1, 1e100, 1e300]), true), 6);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) {
      expect(Number.isFinite(t.loss)).toBe(true);
      expect(t.t).toBeGreaterThanOrEqual(-1e-9);
      expect(t.t).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('linear bar over a saddle grid down to -8e284 has round ticks', () => {
    const ticks = lossScaleTicks(makeLossScale(grid([-8e284, -1, 0, 1]), false), 5);
    expect(ticks.map((t) => t.loss)).toEqual([-8e284, -6e284, -4e284, -2e284, 0]);
  });
});
