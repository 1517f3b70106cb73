import { useEffect, useRef, useState, type MouseEvent, type ReactElement } from 'react';
import { divergingCss, maxAbsFinite, parseColor } from '../colormap';
import { prepareCanvas, useElementWidth } from './canvasSize';
import { formatValue } from './ticks';

export interface DenseMatrix {
  n: number;
  /** Row-major n x n values. */
  values: Float64Array | number[];
  /** Indices where a new block (layer) starts, drawn as lines. */
  blocks?: number[];
}

export interface HeatmapProps {
  matrix: DenseMatrix;
  /** Side of the square in CSS pixels; defaults to the container width, capped at 480. */
  size?: number;
  title?: string;
  testId?: string;
}

const BAR = 14;
const BAR_GAP = 10;
const BAR_LABELS = 52;

/** Dense matrix (e.g. a Hessian) as a red-white-blue heat map with layer-block lines. */
export function Heatmap({ matrix, size, title, testId }: HeatmapProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hostWidth = useElementWidth(hostRef, 320);
  const side = Math.max(60, size ?? Math.min(hostWidth - BAR - BAR_GAP - BAR_LABELS, 480));
  const [hover, setHover] = useState<{ i: number; j: number; v: number } | null>(null);
  const { n, values, blocks = [] } = matrix;
  const maxAbs = maxAbsFinite(values);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || n <= 0) return;
    const width = side + BAR_GAP + BAR + BAR_LABELS;
    const ctx = prepareCanvas(canvas, width, side);
    if (!ctx) return;
    ctx.clearRect(0, 0, width, side);

    // one pixel per entry, then scaled up without smoothing so entries stay crisp squares
    const cells = document.createElement('canvas');
    cells.width = n;
    cells.height = n;
    const cctx = cells.getContext('2d');
    if (!cctx) return;
    const image = cctx.createImageData(n, n);
    for (let k = 0; k < n * n; k++) {
      const v = values[k];
      const [r, g, b] = Number.isFinite(v) ? parseColor(divergingCss(v, maxAbs)) : [0.5, 0.5, 0.5];
      image.data[4 * k] = Math.round(r * 255);
      image.data[4 * k + 1] = Math.round(g * 255);
      image.data[4 * k + 2] = Math.round(b * 255);
      image.data[4 * k + 3] = 255;
    }
    cctx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells, 0, 0, side, side);

    ctx.strokeStyle = 'rgba(17,24,39,0.7)';
    ctx.lineWidth = 1;
    for (const b of blocks) {
      if (b <= 0 || b >= n) continue;
      const p = Math.round((b / n) * side) + 0.5;
      ctx.beginPath();
      ctx.moveTo(p, 0);
      ctx.lineTo(p, side);
      ctx.moveTo(0, p);
      ctx.lineTo(side, p);
      ctx.stroke();
    }
    ctx.strokeStyle = '#9ca3af';
    ctx.strokeRect(0.5, 0.5, side - 1, side - 1);

    const bx = side + BAR_GAP;
    const steps = 64;
    for (let s = 0; s < steps; s++) {
      const v = maxAbs * (1 - (2 * (s + 0.5)) / steps);
      ctx.fillStyle = divergingCss(v, maxAbs);
      ctx.fillRect(bx, (s * side) / steps, BAR, side / steps + 1);
    }
    ctx.strokeStyle = 'rgba(0,0,0,0.2)';
    ctx.strokeRect(bx + 0.5, 0.5, BAR - 1, side - 1);
    ctx.fillStyle = '#374151';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'left';
    const labels: [number, string, CanvasTextBaseline][] = [
      [0, formatValue(maxAbs), 'top'],
      [side / 2, '0', 'middle'],
      [side, formatValue(-maxAbs), 'bottom'],
    ];
    for (const [y, text, baseline] of labels) {
      ctx.textBaseline = baseline;
      ctx.fillText(text, bx + BAR + 4, y);
    }
  }, [n, values, blocks, side, maxAbs]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const j = Math.floor(((e.clientX - rect.left) / side) * n);
    const i = Math.floor(((e.clientY - rect.top) / side) * n);
    setHover(i >= 0 && i < n && j >= 0 && j < n ? { i, j, v: values[i * n + j] } : null);
  };

  return (
    <div ref={hostRef} data-testid={testId} style={{ width: '100%', font: '11px system-ui, sans-serif', color: '#374151' }}>
      {title && <div style={{ fontWeight: 600, marginBottom: 4 }}>{title}</div>}
      <canvas ref={canvasRef} style={{ display: 'block', cursor: 'crosshair' }} onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
      <div style={{ height: 16, marginTop: 2, fontVariantNumeric: 'tabular-nums' }}>
        {hover ? `[${hover.i}, ${hover.j}] = ${formatValue(hover.v)}` : `${n} × ${n}, symmetric colour scale ±${formatValue(maxAbs)}`}
      </div>
    </div>
  );
}
