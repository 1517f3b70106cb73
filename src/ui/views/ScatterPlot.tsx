import { useEffect, useRef, type ReactElement } from 'react';
import { drawAxes } from './canvasAxes';
import { prepareCanvas, useElementWidth } from './canvasSize';
import { pointColors } from './scatterColors';
import { niceTicks, formatValue } from './ticks';

export interface ScatterData {
  X: number[][];
  y: number[];
}

export interface ScatterPlotProps {
  data: ScatterData;
  /** Height in CSS pixels; the width follows the container. */
  height?: number;
  testId?: string;
}

const PAD = { left: 30, right: 8, top: 8, bottom: 20 };

/**
 * Dataset preview: two-feature inputs as points coloured by class or target; one-feature inputs
 * as (x, y) so a regression target reads as a curve.
 */
export function ScatterPlot({ data, height = 160, testId }: ScatterPlotProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(hostRef, 200);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = prepareCanvas(canvas, width, height);
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    const oneFeature = data.X.length > 0 && data.X[0].length < 2;
    const px = data.X.map((row) => row[0]);
    const py = oneFeature ? data.y : data.X.map((row) => row[1]);
    const colors = oneFeature ? data.y.map(() => '#0072b2') : pointColors(data.y);
    const finite = (a: number[]): number[] => a.filter(Number.isFinite);
    const fx = finite(px);
    const fy = finite(py);
    if (fx.length === 0 || fy.length === 0) return;
    const pad = (lo: number, hi: number): [number, number] => {
      const m = (hi - lo || 1) * 0.05;
      return [lo - m, hi + m];
    };
    const [x0, x1] = pad(Math.min(...fx), Math.max(...fx));
    const [y0, y1] = pad(Math.min(...fy), Math.max(...fy));
    const pw = width - PAD.left - PAD.right;
    const ph = height - PAD.top - PAD.bottom;
    const sx = (v: number): number => PAD.left + ((v - x0) / (x1 - x0)) * pw;
    const sy = (v: number): number => PAD.top + ph - ((v - y0) / (y1 - y0)) * ph;

    drawAxes(
      ctx,
      { left: PAD.left, top: PAD.top, width: pw, height: ph },
      { values: niceTicks(x0, x1, 4), at: sx, label: formatValue },
      { values: niceTicks(y0, y1, 4), at: sy, label: formatValue },
      { text: '#4b5563', xLabelGap: 4 },
    );

    const r = data.y.length > 400 ? 2 : 3;
    ctx.lineWidth = 0.6;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    for (let k = 0; k < px.length; k++) {
      if (!Number.isFinite(px[k]) || !Number.isFinite(py[k])) continue;
      ctx.beginPath();
      ctx.arc(sx(px[k]), sy(py[k]), r, 0, 2 * Math.PI);
      ctx.fillStyle = colors[k];
      ctx.fill();
      ctx.stroke();
    }
  }, [data, width, height]);

  return (
    <div ref={hostRef} data-testid={testId} style={{ width: '100%' }}>
      <canvas ref={canvasRef} style={{ display: 'block' }} />
    </div>
  );
}
