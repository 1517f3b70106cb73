import { useMemo, type ReactElement } from 'react';
import { chartFactor, everyNth } from './chartThin';
import { LinePlot, type PlotSeries } from './LinePlot';
import type { ChartXAxis, TrajectoryView } from './types';
import { yAxisMode } from './yAxisMode';

export type LossMetric = 'loss' | 'gradNorm';

export interface LossChartProps {
  trajectories: TrajectoryView[];
  xAxis: ChartXAxis;
  metric: LossMetric;
  iteration: number;
  testId?: string;
  height?: number;
}

const X_LABELS: Record<ChartXAxis, string> = {
  iteration: 'iteration',
  cost: 'gradient evaluations + HVPs + GGN products + K-FAC factor passes',
  time: 'wall time (ms)',
};

const Y_LABELS: Record<LossMetric, string> = { loss: 'loss', gradNorm: 'gradient norm ‖∇f‖' };

function xValues(t: TrajectoryView, axis: ChartXAxis): number[] {
  if (axis === 'cost') return t.cost;
  if (axis === 'time') return t.timeMs;
  return t.iterations ?? t.losses.map((_, k) => k);
}

/** Loss or gradient norm of each trajectory on a log axis (linear when a loss goes negative), against iteration, cost or time. */
export function LossChart({ trajectories, xAxis, metric, iteration, testId, height }: LossChartProps): ReactElement {
  // built once per change of the runs, not per move of the iteration marker
  const series: PlotSeries[] = useMemo(() => {
    const f = chartFactor(trajectories.map((t) => t.losses.length));
    return trajectories.map((t) => ({
      label: t.label,
      color: t.color,
      x: everyNth(xValues(t, xAxis), f),
      y: everyNth(metric === 'loss' ? t.losses : t.gradNorms, f),
    }));
  }, [trajectories, xAxis, metric]);
  const mode = useMemo(
    () =>
      yAxisMode(
        series.map((s) => s.y),
        true,
      ),
    [series],
  );
  return (
    <LinePlot
      series={series}
      logY={mode.log}
      xLabel={X_LABELS[xAxis]}
      yLabel={mode.note ? `${Y_LABELS[metric]} (${mode.note})` : Y_LABELS[metric]}
      vLine={xAxis === 'iteration' ? iteration : null}
      testId={testId}
      height={height}
    />
  );
}
