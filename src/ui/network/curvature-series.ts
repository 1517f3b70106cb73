/** The curvature-over-training chart's series: both ends of the spectrum, the trace with its uncertainty, the gradient norm. */
import type { CurvaturePoint } from '../../core/analysis/curvature-tracker';
import type { PlotBand, PlotSeries } from '../views/alignSeries';

export const CURVATURE_COLORS = { max: '#0072b2', ggnMax: '#56b4e9', min: '#d55e00', trace: '#009e73', grad: '#cc79a7', edge: '#e31a1c' };

export const GGN_MAX = 'λ_max(G)';

export const TRACE_UPPER = 'trace + 2 s.e.';
export const TRACE_LOWER = 'trace − 2 s.e.';

/** Hutchinson's trace +- 2 standard errors (about 95% under the CLT) as a filled band between two faint bounds. */
export const TRACE_BAND: PlotBand = { upper: TRACE_UPPER, lower: TRACE_LOWER, fill: 'rgba(0, 158, 115, 0.15)' };

export function curvatureSeries(points: CurvaturePoint[]): PlotSeries[] {
  const x = points.map((p) => p.step);
  // A single probe has no standard error: its band is left open rather than drawn with zero width.
  const sure = points.filter((p) => Number.isFinite(p.traceStdError));
  const bound = (sign: number): number[] => sure.map((p) => p.trace + sign * 2 * p.traceStdError);
  const { max, ggnMax, min, trace, grad } = CURVATURE_COLORS;
  // lambda_max of the Gauss-Newton matrix, where the run measured it: G drops H's negative part, so its top can sit below or above H's.
  const withG = points.filter((p) => p.ggnLambdaMax !== undefined && Number.isFinite(p.ggnLambdaMax));
  const ggn: PlotSeries[] = withG.length ? [{ label: GGN_MAX, color: ggnMax, x: withG.map((p) => p.step), y: withG.map((p) => p.ggnLambdaMax!) }] : [];
  return [
    { label: 'λ_max', color: max, x, y: points.map((p) => p.lambdaMax) },
    ...ggn,
    { label: '|λ_min|', color: min, x, y: points.map((p) => Math.abs(p.lambdaMin)) },
    { label: 'trace (Hutchinson)', color: trace, x, y: points.map((p) => p.trace) },
    { label: TRACE_UPPER, color: trace, x: sure.map((p) => p.step), y: bound(1), faint: true },
    { label: TRACE_LOWER, color: trace, x: sure.map((p) => p.step), y: bound(-1), faint: true },
    { label: '‖∇L‖', color: grad, x, y: points.map((p) => p.gradNorm) },
  ];
}
