import { useId, useMemo, useRef, useState, type MouseEvent, type PointerEvent, type ReactElement } from 'react';
import { viridisCss } from '../colormap';
import { ContourBands } from './ContourBands';
import { scaleArrows } from './arrowScale';
import { insideBox, type Box } from './clipPolyline';
import { frameScales } from './contourPaths';
import { makeLossScale } from './lossScale';
import { markerIndex } from './markerIndex';
import { pickPoint, type PlotFrame } from './pickPoint';
import { PolylineCache } from './polylineCache';
import { formatValue, lossScaleTicks, niceTicks } from './ticks';
import type { EigenArrows, SurfaceGrid, TrajectoryView } from './types';
import { useBandPaths } from './useBandPaths';

export interface Contour2DProps {
  grid: SurfaceGrid;
  trajectories: TrajectoryView[];
  iteration: number;
  logScale: boolean;
  /** Hessian eigen-directions to draw at a point; null or absent draws none. */
  arrows?: EigenArrows | null;
  /** Data coordinate under the mouse, or null when it leaves the plot. */
  onHover?: (p: [number, number] | null) => void;
  /** Click or drag sets a point (the start of a 2-D function's runs); absent, the plot is read-only. */
  onPick?: (p: [number, number]) => void;
  /** The start point to mark, when picking is on. */
  start?: [number, number] | null;
  /** Axis names: a function's x and y, or a network plane's α and β. */
  axisLabels?: [string, string];
}

const LEVELS = 24;
const MARGIN = { left: 46, right: 78, top: 10, bottom: 38 };
const PLOT_WIDTH = 460;
/** Plot height follows the data's aspect (equal units, so eigenvectors look orthogonal) within these bounds. */
const MIN_ASPECT = 0.5;
const MAX_ASPECT = 1.4;
const POSITIVE_ARROW = '#111827';
const NEGATIVE_ARROW = '#dc2626';
const START_MARK = '#f97316';
/** Under the lowest band: the colour of the scale's bottom. */
const BAND_FLOOR = viridisCss(0);
/** Points of a drawn trajectory closer than this (SVG units, about a pixel) to the previous one are left out. */
const PATH_TOLERANCE = 0.5;

/** Filled contour map of the loss with trajectories, current markers and Hessian eigen-arrows. */
export function Contour2D({ grid, trajectories, iteration, logScale, arrows, onHover, onPick, start, axisLabels = ['x', 'y'] }: Contour2DProps): ReactElement {
  const uid = useId().replace(/:/g, '');
  const svgRef = useRef<SVGSVGElement>(null);
  const lines = useRef<PolylineCache | null>(null);
  const [hover, setHover] = useState<[number, number] | null>(null);
  /** The point being dragged; it becomes the start when the pointer is released. A ref too, as pointerup may come before the re-render. */
  const [dragged, setDraggedState] = useState<[number, number] | null>(null);
  const dragRef = useRef<[number, number] | null>(null);
  const setDragged = (p: [number, number] | null): void => {
    dragRef.current = p;
    setDraggedState(p);
  };

  const x0 = grid.xs[0];
  const x1 = grid.xs[grid.xs.length - 1];
  const y0 = grid.ys[0];
  const y1 = grid.ys[grid.ys.length - 1];
  const xSpan = x1 - x0 || 1;
  const ySpan = y1 - y0 || 1;
  const pw = PLOT_WIDTH;
  const ph = pw * Math.min(MAX_ASPECT, Math.max(MIN_ASPECT, ySpan / xSpan));
  const width = MARGIN.left + pw + MARGIN.right;
  const height = MARGIN.top + ph + MARGIN.bottom;
  const frame: PlotFrame = { left: MARGIN.left, top: MARGIN.top, width: pw, height: ph, x: [x0, x1], y: [y0, y1] };
  // one object per plot size, so the memoised band layer re-renders for new bands or a new size only
  const plot = useMemo(() => ({ left: MARGIN.left, top: MARGIN.top, width: pw, height: ph }), [pw, ph]);
  const { sx, sy } = frameScales(frame);

  const scale = useMemo(() => makeLossScale(grid, logScale), [grid, logScale]);
  // made off the page's thread; none are drawn until this grid's are ready
  const bandPaths = useBandPaths(grid, logScale, LEVELS, frame);
  // a little beyond the view, so lines run to the clipped edge rather than stopping short of it
  const drawBox: Box = { x0: x0 - 0.05 * xSpan, x1: x1 + 0.05 * xSpan, y0: y0 - 0.05 * ySpan, y1: y1 + 0.05 * ySpan };
  const glyphs = arrows ? scaleArrows(arrows, Math.max(xSpan, ySpan)) : [];
  // the paths change with the runs and the grid's extent only: a move of the markers (replay, slider) reuses them,
  // and a streaming run's update draws only its new points (PolylineCache)
  const paths = useMemo(
    () => {
      lines.current ??= new PolylineCache();
      const inputs = trajectories.map((t) => ({ key: `${t.name}\u0000${t.label}`, points: t.points, length: Math.min(t.points.length, t.losses.length) }));
      return lines.current.drawAll(inputs, { frame, box: drawBox, tolerance: PATH_TOLERANCE }).map(({ runs, finite }, k) => ({ t: trajectories[k], runs, finite }));
    },
    // frame and drawBox follow the grid's extent
    [trajectories, grid],
  );

  const xTicks = niceTicks(x0, x1, 6);
  const yTicks = niceTicks(y0, y1, Math.max(3, Math.round(6 * (ph / pw))));
  const barTop = MARGIN.top;
  const barX = MARGIN.left + pw + 14;
  const barTicks = lossScaleTicks(scale, 7);

  /** The data point under a pointer event, or null outside the plot. */
  const dataAt = (e: MouseEvent<SVGSVGElement>): [number, number] | null => {
    const ctm = svgRef.current?.getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return pickPoint(p.x, p.y, frame);
  };
  const onMove = (e: MouseEvent<SVGSVGElement>): void => {
    const data = dataAt(e);
    setHover(data);
    onHover?.(data);
    if (dragRef.current && data) setDragged(data);
  };
  const onDown = (e: PointerEvent<SVGSVGElement>): void => {
    if (!onPick || e.button !== 0) return;
    const data = dataAt(e);
    if (!data) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragged(data);
  };
  const onUp = (e: PointerEvent<SVGSVGElement>): void => {
    const last = dragRef.current;
    if (!last) return;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    setDragged(null);
    onPick?.(dataAt(e) ?? last);
  };
  const mark = dragged ?? (onPick ? start : null);
  const onLeave = (): void => {
    setHover(null);
    onHover?.(null);
  };

  return (
    <div data-testid="contour-2d" data-bands={bandPaths ? 'ready' : 'pending'} style={{ position: 'relative', width: '100%', height: '100%' }}>
      <ContourBands width={width} height={height} plot={plot} background={BAND_FLOOR} bands={bandPaths} />
      <svg
        ref={svgRef}
        viewBox={`0 0 ${width} ${height}`}
        style={{ position: 'relative', width: '100%', height: '100%', display: 'block', font: '11px system-ui, sans-serif', userSelect: 'none', cursor: onPick ? 'crosshair' : undefined, touchAction: onPick ? 'none' : undefined }}
        preserveAspectRatio="xMidYMid meet"
        onMouseMove={onMove}
        onMouseLeave={onLeave}
        onPointerDown={onDown}
        onPointerUp={onUp}
        onPointerCancel={() => setDragged(null)}
      >
        <defs>
          <clipPath id={`clip-${uid}`}>
            <rect x={MARGIN.left} y={MARGIN.top} width={pw} height={ph} />
          </clipPath>
          <linearGradient id={`bar-${uid}`} x1="0" y1="1" x2="0" y2="0">
            {Array.from({ length: 11 }, (_, k) => (
              <stop key={k} offset={`${k * 10}%`} stopColor={viridisCss(k / 10)} />
            ))}
          </linearGradient>
          {[POSITIVE_ARROW, NEGATIVE_ARROW].map((c, k) => (
            <marker key={c} id={`head-${k}-${uid}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10z" fill={c} />
            </marker>
          ))}
        </defs>

        <g clipPath={`url(#clip-${uid})`}>
          {paths.map(({ t, runs, finite }) => {
            if (finite === 0) return null;
            const pts = t.points;
            const current = pts[markerIndex(iteration, finite)];
            return (
              <g key={t.name + t.label} data-trajectory={t.name}>
                {runs.map((line, k) => (
                  <polyline key={`w${k}`} points={line} fill="none" stroke="white" strokeOpacity={0.8} strokeWidth={4} strokeLinejoin="round" />
                ))}
                {runs.map((line, k) => (
                  <polyline key={`c${k}`} points={line} fill="none" stroke={t.color} strokeWidth={2} strokeLinejoin="round" />
                ))}
                {insideBox(pts[0], drawBox) && <circle cx={sx(pts[0][0])} cy={sy(pts[0][1])} r={3} fill="white" stroke={t.color} strokeWidth={1.5} />}
                {insideBox(current, drawBox) && <circle cx={sx(current[0])} cy={sy(current[1])} r={5.5} fill={t.color} stroke="white" strokeWidth={2} />}
              </g>
            );
          })}
          {glyphs.map((g, k) =>
            g.length > 0 ? (
              <line
                key={k}
                x1={sx(g.from[0])}
                y1={sy(g.from[1])}
                x2={sx(g.to[0])}
                y2={sy(g.to[1])}
                stroke={g.negative ? NEGATIVE_ARROW : POSITIVE_ARROW}
                strokeWidth={2.2}
                strokeDasharray={g.negative ? '5 3' : undefined}
                markerEnd={`url(#head-${g.negative ? 1 : 0}-${uid})`}
              />
            ) : null,
          )}
          {arrows && <circle cx={sx(arrows.at[0])} cy={sy(arrows.at[1])} r={2.5} fill={POSITIVE_ARROW} />}
          {mark && (
            <g transform={`translate(${sx(mark[0])},${sy(mark[1])})`} data-testid="start-marker" pointerEvents="none">
              <circle r={7} fill="none" stroke="white" strokeWidth={4} />
              <circle r={7} fill="none" stroke={START_MARK} strokeWidth={2} />
              <path d="M-11,0H-4M4,0H11M0,-11V-4M0,4V11" stroke={START_MARK} strokeWidth={1.5} />
            </g>
          )}
        </g>
        <rect x={MARGIN.left} y={MARGIN.top} width={pw} height={ph} fill="none" stroke="#6b7280" strokeWidth={1} />

        {xTicks.map((v) => (
          <g key={`x${v}`} transform={`translate(${sx(v)},${MARGIN.top + ph})`}>
            <line y2={5} stroke="#6b7280" />
            <text y={17} textAnchor="middle" fill="#374151">
              {formatValue(v)}
            </text>
          </g>
        ))}
        {yTicks.map((v) => (
          <g key={`y${v}`} transform={`translate(${MARGIN.left},${sy(v)})`}>
            <line x2={-5} stroke="#6b7280" />
            <text x={-8} dy="0.32em" textAnchor="end" fill="#374151">
              {formatValue(v)}
            </text>
          </g>
        ))}
        <text x={MARGIN.left + pw / 2} y={height - 4} textAnchor="middle" fill="#111827" fontWeight={600}>
          {axisLabels[0]}
        </text>
        <text transform={`translate(12,${MARGIN.top + ph / 2}) rotate(-90)`} textAnchor="middle" fill="#111827" fontWeight={600}>
          {axisLabels[1]}
        </text>

        <rect x={barX} y={barTop} width={10} height={ph} fill={`url(#bar-${uid})`} stroke="#0003" />
        {barTicks.map((tick) => (
          <g key={`b${tick.loss}`} transform={`translate(${barX + 10},${barTop + ph - tick.t * ph})`}>
            <line x2={4} stroke="#6b7280" />
            <text x={6} dy="0.32em" fill="#374151">
              {formatValue(tick.loss)}
            </text>
          </g>
        ))}
        <text transform={`translate(${width - 6},${barTop + ph / 2}) rotate(-90)`} textAnchor="middle" fill="#4b5563">
          {logScale ? 'loss (log scale)' : 'loss'}
        </text>

        {glyphs.length > 0 && (
          <g transform={`translate(${MARGIN.left + 8},${MARGIN.top + 8})`} data-testid="eigen-legend">
            <rect width={118} height={8 + 16 * glyphs.length} rx={4} fill="white" fillOpacity={0.88} stroke="#0002" />
            {glyphs.map((g, k) => (
              <g key={k} transform={`translate(8,${14 + 16 * k})`}>
                <line x2={18} stroke={g.negative ? NEGATIVE_ARROW : POSITIVE_ARROW} strokeWidth={2} strokeDasharray={g.negative ? '4 2' : undefined} />
                <text x={24} dy="0.32em" fill="#111827">
                  {`λ${k + 1} = ${formatValue(g.value)}`}
                </text>
              </g>
            ))}
          </g>
        )}
        {hover && (
          <text x={MARGIN.left + pw - 6} y={MARGIN.top + ph - 6} textAnchor="end" fill="white" stroke="#111827" strokeWidth={3} paintOrder="stroke">
            {`(${formatValue(hover[0])}, ${formatValue(hover[1])})`}
          </text>
        )}
      </svg>
    </div>
  );
}
