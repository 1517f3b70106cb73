import { useEffect, useRef, type ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries, alignedExtent, bandIndices, type PlotBand, type PlotSeries } from './alignSeries';
import { decadeFilter } from './logTicks';
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
const MAX_DECADE_LABELS = 7;
const logFilter = (_u: uPlot, splits: number[]): (number | null)[] => decadeFilter(splits, MAX_DECADE_LABELS);

/** What a redraw needs that can change without rebuilding the chart. */
interface Overlay {
  hLines: HLine[];
  vLine: number | null;
  logY: boolean;
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
    if (!Number.isFinite(h.y) || (overlay.logY && h.y <= 0)) continue;
    const y = u.valToPos(h.y, 'y', true);
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
  const overlayRef = useRef<Overlay>({ hLines, vLine, logY });
  overlayRef.current = { hLines, vLine, logY };

  const data = alignSeries(series, logY);
  const extent = alignedExtent(data.slice(1) as (number | null)[][]);
  // a log axis with nothing positive on it has no range; fall back to linear rather than NaN
  const useLog = logY && extent !== null;
  const structure = JSON.stringify([series.map((s) => [s.label, s.color, s.faint]), useLog, xLabel, yLabel, height, hLines.map((h) => h.y), bands]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const refYs = (): number[] => overlayRef.current.hLines.map((h) => h.y).filter((y) => Number.isFinite(y) && (!useLog || y > 0));
    const opts: uPlot.Options = {
      width: Math.max(host.clientWidth, 200),
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false, setScale: true } },
      scales: {
        x: { time: false },
        y: {
          distr: useLog ? 3 : 1,
          log: 10,
          range: (_u, dMin, dMax) => {
            const ys = [dMin, dMax, ...refYs()].filter((v) => v !== null && Number.isFinite(v));
            const lo = ys.length ? Math.min(...ys) : useLog ? 1 : 0;
            const hi = ys.length ? Math.max(...ys) : useLog ? 10 : 1;
            return useLog ? uPlot.rangeLog(lo, hi, 10, true) : uPlot.rangeNum(lo, hi, 0.1, true);
          },
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
          grid: useLog ? { ...GRID, filter: logFilter } : GRID,
          ticks: useLog ? { ...TICKS, filter: logFilter } : TICKS,
          stroke: '#374151',
          filter: useLog ? logFilter : undefined,
          values: (_u, splits) => splits.map((v) => (v === null ? '' : formatValue(v))),
        },
      ],
      series: [
        { label: xLabel },
        ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.faint ? 1 : 2, alpha: s.faint ? 0.45 : 1, spanGaps: true, points: { show: false } })),
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
  });

  return <div ref={hostRef} data-testid={testId} data-y-scale={useLog ? 'log' : 'linear'} className="line-plot" style={{ width: '100%', minWidth: 200 }} />;
}
