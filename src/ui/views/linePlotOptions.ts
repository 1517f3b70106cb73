/** A LinePlot's uPlot options (axes, ticks and series in the plotted units of its scale) and what it draws over uPlot's canvas: reference lines and the iteration marker. */
import type uPlot from 'uplot';
import { bandIndices, type PlotBand, type PlotSeries } from './alignSeries';
import { plottedRange, type ChartYScale } from './chartScale';
import { formatValue } from './ticks';

/** A horizontal reference line (e.g. 2/eta), always kept inside the y range. */
export interface HLine {
  y: number;
  label: string;
  color: string;
}

const AXIS_FONT = '11px system-ui, sans-serif';
const LABEL_FONT = '600 11px system-ui, sans-serif';
const GRID = { stroke: 'rgba(0,0,0,0.07)', width: 1 };
const TICKS = { stroke: 'rgba(0,0,0,0.25)', width: 1, size: 4 };
/** Vertical pixels per y tick label. */
const PX_PER_TICK = 36;

/** What a redraw reads that can change without rebuilding the chart: the newest props and the scale of the data drawn. */
export interface Overlay {
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
  ctx.restore();
}

/**
 * The vertical marker (e.g. the replayed iteration) on its own canvas over the plotting area:
 * moving it redraws one line, not every series (a replay moves it each frame). PNG exports take
 * every canvas of a view, this one included.
 */
export function drawMarker(u: uPlot, canvas: HTMLCanvasElement, x: number | null): void {
  const dpr = window.devicePixelRatio || 1;
  const { left, width, height } = u.bbox;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
    canvas.style.width = `${width / dpr}px`;
    canvas.style.height = `${height / dpr}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, width, height);
  if (x === null || !Number.isFinite(x)) return;
  const at = u.valToPos(x, 'x', true) - left;
  ctx.strokeStyle = 'rgba(17,24,39,0.55)';
  ctx.lineWidth = 1.2 * dpr;
  ctx.beginPath();
  ctx.moveTo(at, 0);
  ctx.lineTo(at, height);
  ctx.stroke();
}

/** What a chart is built from: its size, axes and series; `overlay` and `marker` are read at each draw. */
export interface PlotSetup {
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  series: readonly PlotSeries[];
  bands: PlotBand[];
  overlay: () => Overlay;
  marker: () => HTMLCanvasElement | null;
}

/** uPlot's options for a LinePlot: y in the plotted units of the overlay's scale, with its ticks and labels. */
export function linePlotOptions({ width, height, xLabel, yLabel, series, bands, overlay, marker }: PlotSetup): uPlot.Options {
  const refYs = (): (number | null)[] => overlay().hLines.map((h) => overlay().scale.forward(h.y));
  return {
    width: Math.max(width, 200),
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
        splits: (_u, _i, min, max) => overlay().scale.ticks(min, max, Math.max(2, Math.round(height / PX_PER_TICK))),
        values: (_u, splits) => splits.map((v) => (v === null ? '' : overlay().scale.label(v))),
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
        value: (_u: uPlot, v: number | null) => (v === null ? '–' : overlay().scale.label(v)),
      })),
    ],
    bands: bandIndices(series, bands),
    hooks: {
      draw: [
        (u: uPlot) => {
          drawOverlay(u, overlay());
          const canvas = marker();
          if (canvas) drawMarker(u, canvas, overlay().vLine);
        },
      ],
    },
  };
}
