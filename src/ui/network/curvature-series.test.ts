import { describe, expect, it } from 'vitest';
import type { CurvaturePoint } from '../../core/analysis/curvature-tracker';
import { bandIndices } from '../views/alignSeries';
import { GGN_MAX, TRACE_BAND, TRACE_LOWER, TRACE_UPPER, curvatureSeries } from './curvature-series';

function point(step: number, trace: number, traceStdError: number): CurvaturePoint {
  return {
    step,
    loss: 1 / (step + 1),
    gradNorm: 0.5,
    lambdaMax: 3,
    lambdaMin: -0.25,
    residualMax: 1e-7,
    residualMin: 1e-6,
    converged: true,
    trace,
    traceStdError,
    traceProbes: 20,
    traceExact: null,
    lanczosHvps: 12,
    warmStarted: step > 0,
    coldLanczosHvps: null,
    hvps: 32,
  };
}

describe('curvature-over-training series', () => {
  const points = [point(0, 10, 0.5), point(10, 8, Number.POSITIVE_INFINITY), point(20, 6.5, 0.25)];
  const series = curvatureSeries(points);
  const byLabel = (label: string) => series.find((s) => s.label === label)!;

  it("λ_max(G) is charted beside λ_max only at the points that measured it", () => {
    expect(series.some((s) => s.label === GGN_MAX)).toBe(false);
    const withG = curvatureSeries([{ ...points[0], ggnLambdaMax: 2.5, ggnvps: 9 }, points[1], { ...points[2], ggnLambdaMax: 2.75, ggnvps: 7 }]);
    expect(withG.find((s) => s.label === GGN_MAX)).toMatchObject({ x: [0, 20], y: [2.5, 2.75] });
  });

  it('bounds the trace at +- 2 standard errors, faint, where a standard error exists', () => {
    expect(byLabel(TRACE_UPPER)).toMatchObject({ x: [0, 20], y: [11, 7], faint: true });
    expect(byLabel(TRACE_LOWER)).toMatchObject({ x: [0, 20], y: [9, 6], faint: true });
    expect(byLabel('trace (Hutchinson)')).toMatchObject({ x: [0, 10, 20], y: [10, 8, 6.5] });
    expect(byLabel('|λ_min|').y).toEqual([0.25, 0.25, 0.25]);
  });

  it('the band fills between the two bounds, by uPlot data index (x is 0)', () => {
    const upper = series.findIndex((s) => s.label === TRACE_UPPER) + 1;
    const lower = series.findIndex((s) => s.label === TRACE_LOWER) + 1;
    expect(bandIndices(series, [TRACE_BAND])).toEqual([{ series: [upper, lower], fill: TRACE_BAND.fill }]);
    expect(bandIndices(series.filter((s) => s.label !== TRACE_LOWER), [TRACE_BAND])).toEqual([]);
  });
});
