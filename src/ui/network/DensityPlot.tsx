import { useEffect, useRef, type ReactElement } from 'react';
import { drawAxes } from '../views/canvasAxes';
import { prepareCanvas, useElementWidth } from '../views/canvasSize';
import { formatValue, niceTicks } from '../views/ticks';

export interface DensityPlotData {
  grid: number[];
  density: number[];
  /** Per grid point over SLQ runs. */
  min: number[];
  max: number[];
  logFloor: number;
  /** Exact eigenvalues, drawn as ticks under the axis; null where P is too large to form H. */
  exact: number[] | null;
  /** A second matrix's mean density (the Gauss-Newton matrix beside the Hessian), drawn dashed over its own grid. */
  overlay?: { grid: number[]; density: number[]; label: string } | null;
}

export interface DensityPlotProps {
  data: DensityPlotData;
  height?: number;
  testId?: string;
}

const PAD = { left: 50, right: 12, top: 10, bottom: 44 };
const MEAN = '#0072b2';
const BAND = 'rgba(0, 114, 178, 0.18)';
const TICK = '#d55e00';
const OVERLAY = '#009e73';

/** Spectral density on a log10 axis: mean over runs as a line, the runs' min–max as a band, exact eigenvalues as ticks. */
export function DensityPlot({ data, height = 240, testId }: DensityPlotProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(hostRef, 360);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || data.grid.length < 2) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    const log = (v: number): number => Math.log10(Math.max(v, 0) + data.logFloor);
    const over = data.overlay && data.overlay.grid.length > 1 ? data.overlay : null;
    const x0 = Math.min(data.grid[0], over ? over.grid[0] : Infinity);
    const x1 = Math.max(data.grid[data.grid.length - 1], over ? over.grid[over.grid.length - 1] : -Infinity);
    const ys = [...data.max, ...data.density, ...(over ? over.density : [])].map(log);
    const yHi = Math.ceil(Math.max(...ys));
    const yLo = Math.floor(log(0));
    const pw = width - PAD.left - PAD.right;
    const ph = height - PAD.top - PAD.bottom;
    const sx = (v: number): number => PAD.left + ((v - x0) / (x1 - x0)) * pw;
    const sy = (v: number): number => PAD.top + ph - ((v - yLo) / (yHi - yLo || 1)) * ph;

    const yStep = Math.max(1, Math.ceil((yHi - yLo) / 6));
    const decades: number[] = [];
    for (let d = yLo; d <= yHi; d += yStep) decades.push(d);
    drawAxes(
      ctx,
      { left: PAD.left, top: PAD.top, width: pw, height: ph },
      { values: niceTicks(x0, x1, 6), at: sx, label: formatValue },
      { values: decades, at: sy, label: (d) => `1e${d}` },
      { text: '#374151', xLabelGap: 12 },
    );

    ctx.beginPath();
    data.grid.forEach((g, i) => (i === 0 ? ctx.moveTo(sx(g), sy(log(data.max[i]))) : ctx.lineTo(sx(g), sy(log(data.max[i])))));
    for (let i = data.grid.length - 1; i >= 0; i--) ctx.lineTo(sx(data.grid[i]), sy(log(data.min[i])));
    ctx.closePath();
    ctx.fillStyle = BAND;
    ctx.fill();

    ctx.beginPath();
    data.grid.forEach((g, i) => (i === 0 ? ctx.moveTo(sx(g), sy(log(data.density[i]))) : ctx.lineTo(sx(g), sy(log(data.density[i])))));
    ctx.strokeStyle = MEAN;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.lineWidth = 1;

    if (over) {
      ctx.beginPath();
      over.grid.forEach((g, i) => (i === 0 ? ctx.moveTo(sx(g), sy(log(over.density[i]))) : ctx.lineTo(sx(g), sy(log(over.density[i])))));
      ctx.strokeStyle = OVERLAY;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.lineWidth = 1;
    }

    if (data.exact) {
      ctx.strokeStyle = TICK;
      for (const v of data.exact) {
        if (v < x0 || v > x1) continue;
        ctx.beginPath();
        ctx.moveTo(sx(v), PAD.top + ph);
        ctx.lineTo(sx(v), PAD.top + ph + 8);
        ctx.stroke();
      }
    }
    ctx.fillStyle = '#374151';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.fillText('eigenvalue λ', PAD.left + pw / 2, height - 2);
    ctx.save();
    ctx.translate(11, PAD.top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText('density (log scale)', 0, 0);
    ctx.restore();
  }, [data, width, height]);

  return (
    <div ref={hostRef} data-testid={testId} style={{ width: '100%' }}>
      <canvas ref={canvasRef} style={{ display: 'block' }} />
      <div className="net-legend small">
        <span><i style={{ background: MEAN }} /> mean over runs</span>
        <span><i style={{ background: BAND }} /> min–max over runs</span>
        {data.exact && <span><i style={{ background: TICK }} /> exact eigenvalues</span>}
        {data.overlay && <span><i style={{ background: OVERLAY }} /> {data.overlay.label}</span>}
      </div>
    </div>
  );
}
