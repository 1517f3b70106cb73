import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries, bandIndices, type PlotBand, type PlotSeries } from './alignSeries';
import { chartYScale, plottedRange, type ChartYScale } from './chartScale';
import { formatValue } from './ticks';
import './linePlot.css';

export type { PlotBand, PlotSeries } from './alignSeries';

export interface HLine {
  y: number;
  label: string;
  color: string;
}

export interface LinePlotProps {
  series: PlotSeries[];
  logY?: boolean;
  xLabel: string;
  yLabel: string;
  /** Horizontal reference lines (e.g. 2/eta), always kept inside the y range. */
  hLines?: HLine[];
  /** x of a vertical marker (e.g. the current iteration); null or absent draws none. */
  vLine?: number | null;
  testId?: string;
  /** Height of the plotting area with its axes, in CSS pixels; the legend goes below it. */
  height?: number;
  /** Filled areas between pairs of series, e.g. an estimate +- 2 standard errors. */
  bands?: PlotBand[];
}

const AXIS_FONT = '11px system-ui, sans-serif';
const LABEL_FONT = '600 11px system-ui, sans-serif';
const GRID = { stroke: 'rgba(0,0,0,0.07)', width: 1 };
const TICKS = { stroke: 'rgba(0,0,0,0.25)', width: 1, size: 4 };
/** Vertical pixels per y tick label. */
const PX_PER_TICK = 36;

/** What a redraw needs that can change without rebuilding the chart. */
interface Overlay {
  hLines: HLine[];
  vLine: number | null;
  scale: ChartYScale;
}

function drawOverlay(u: uPlot, overlay: Overlay): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const dpr = window.devicePixelRatio || 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
  for (const h of overlay.hLines) {
    const plotted = overlay.scale.forward(h.y);
    if (plotted === null) continue;
    const y = u.valToPos(plotted, 'y', true);
    ctx.strokeStyle = h.color;
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash([6 * dpr, 4 * dpr]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = h.color;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(h.label, left + width - 4 * dpr, y - 2 * dpr);
  }
  if (overlay.vLine !== null && Number.isFinite(overlay.vLine)) {
    const x = u.valToPos(overlay.vLine, 'x', true);
    ctx.strokeStyle = 'rgba(17,24,39,0.55)';
    ctx.lineWidth = 1.2 * dpr;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

/** Line chart over uPlot: many series with their own x values, optional log y, reference lines. */
export function LinePlot({ series, logY = false, xLabel, yLabel, hLines = [], vLine = null, testId, height = 220, bands = [] }: LinePlotProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  // uPlot plots log10(y) or y in units of its decade on a plain linear scale: see chartScale
  // the scale and uPlot's columns follow the series only: a move of the marker line redraws without rebuilding them
  const { scale, data } = useMemo(() => {
    const scale = chartYScale(
      series.map((s) => s.y),
      logY,
    );
    const aligned = alignSeries(series, scale.log);
    return { scale, data: [aligned[0], ...aligned.slice(1).map((col) => col.map((v) => (v === null ? null : scale.forward(v))))] };
  }, [series, logY]);
  const overlayRef = useRef<Overlay>({ hLines, vLine, scale });
  overlayRef.current = { hLines, vLine, scale };
  const useLog = scale.log;
  const structure = JSON.stringify([series.map((s) => [s.label, s.color, s.faint]), useLog, xLabel, yLabel, height, hLines.map((h) => h.y), bands]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const refYs = (): (number | null)[] => overlayRef.current.hLines.map((h) => overlayRef.current.scale.forward(h.y));
    const opts: uPlot.Options = {
      width: Math.max(host.clientWidth, 200),
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false, setScale: true } },
      scales: {
        x: { time: false },
        y: {
          distr: 1,
          range: (_u, dMin, dMax) => plottedRange([dMin, dMax, ...refYs()], 0.05),
        },
      },
      axes: [
        { label: xLabel, values: (_u, splits) => splits.map((v) => formatValue(v)), font: AXIS_FONT, labelFont: LABEL_FONT, labelSize: 16, size: 30, grid: GRID, ticks: TICKS, stroke: '#374151' },
        {
          label: yLabel,
          font: AXIS_FONT,
          labelFont: LABEL_FONT,
          labelSize: 18,
          size: 56,
          grid: GRID,
          ticks: TICKS,
          stroke: '#374151',
          splits: (_u, _i, min, max) => overlayRef.current.scale.ticks(min, max, Math.max(2, Math.round(height / PX_PER_TICK))),
          values: (_u, splits) => splits.map((v) => (v === null ? '' : overlayRef.current.scale.label(v))),
        },
      ],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.faint ? 1 : 2,
          alpha: s.faint ? 0.45 : 1,
          spanGaps: true,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : overlayRef.current.scale.label(v)),
        })),
      ],
      bands: bandIndices(series, bands),
      hooks: { draw: [(u: uPlot) => drawOverlay(u, overlayRef.current)] },
    };
    const plot = new uPlot(opts, data as uPlot.AlignedData, host);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => {
      const w = host.clientWidth;
      if (w > 0 && w !== plot.width) plot.setSize({ width: w, height });
    });
    resize.observe(host);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // rebuilt only when the series set or axes change; new values go through setData below
  }, [structure]);

  useEffect(() => {
    plotRef.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  const overlayKey = JSON.stringify([vLine, hLines]);
  useEffect(() => {
    plotRef.current?.redraw(false);
  }, [overlayKey]);

  return <div ref={hostRef} data-testid={testId} data-y-scale={useLog ? 'log' : 'linear'} className="line-plot" style={{ width: '100%', minWidth: 200 }} />;
}
