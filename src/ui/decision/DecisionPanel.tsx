import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { decisionGridAt } from '../../controllers/decision';
import { useAppStore } from '../../state/store';
import type { DecisionGrid } from '../../protocol/decision';
import { classColor } from '../colormap';
import { errorText } from '../error-text';
import { drawnView } from '../trajectory-views';
import { useBoundedRate } from '../views/boundedRate';
import { drawAxes } from '../views/canvasAxes';
import { prepareCanvas, useElementWidth } from '../views/canvasSize';
import { LinePlot } from '../views/LinePlot';
import { pointColors } from '../views/scatterColors';
import { formatValue, niceTicks } from '../views/ticks';
import { dataDomain, regionPixels } from './decision-image';

const RESOLUTION = 60;
const HEIGHT = 230;
const PAD = { left: 34, right: 8, top: 8, bottom: 22 };
/** Iterations the replay or the slider may pass in this many ms before a new grid is asked for. */
const DEBOUNCE_MS = 150;

/** The selected run's iterate shown now, or null for the network's initial parameters. */
function useShownIterate(): { runId: string; index: number; iteration: number } | null {
  const runId = useAppStore((s) => s.runId);
  const index = useAppStore((s) => s.selected);
  const iteration = useAppStore((s) => {
    const t = s.trajectories[s.selected];
    return t && t.records.length ? Math.min(s.iteration, t.records.length - 1) : -1;
  });
  return useMemo(() => (runId && iteration >= 0 ? { runId, index, iteration } : null), [runId, index, iteration]);
}

/**
 * For a classification network in the Explorer: the data over the classes the network predicts
 * (a grid of predictions from the worker, drawn behind the points) at the selected run's current
 * iterate, and that run's training curve. Follows the iteration slider and the replay.
 */
export function DecisionPanel(): ReactElement | null {
  const info = useAppStore((s) => s.problemInfo);
  const classification = useAppStore((s) => s.setup.problem.kind !== 'dataset' || s.setup.problem.loss !== 'mse');
  const running = useAppStore((s) => s.status === 'running');
  const liveSelected = useAppStore((s) => s.trajectories[s.selected]);
  const liveCurrent = useAppStore((s) => s.iteration);
  const liveAt = useShownIterate();
  // While a run streams in, the curve, its marker and the grid's iterate move on at the views' bounded
  // rate, not with every batch: each batch would otherwise redraw the curve and ask for a grid.
  const live = useMemo(() => ({ selected: liveSelected, current: liveCurrent, at: liveAt }), [liveSelected, liveCurrent, liveAt]);
  const { selected, current, at } = useBoundedRate(live, running);
  const data = info?.network && classification && info.data && info.data.X[0]?.length === 2 ? info.data : null;
  const domain = useMemo(() => (data ? dataDomain(data.X) : null), [data]);
  /** The newest grid and the iteration it was taken at (-1: the initial parameters). */
  const [shown, setShown] = useState<{ grid: DecisionGrid; iteration: number } | null>(null);
  const grid = shown?.grid ?? null;
  const [error, setError] = useState<string | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(hostRef, 260);

  useEffect(() => {
    if (!domain) return;
    const timer = setTimeout(() => {
      decisionGridAt({ at, resolution: RESOLUTION, domain }).then(
        (g) => {
          if (g) setShown({ grid: g, iteration: at?.iteration ?? -1 });
          setError(null);
        },
        (e) => setError(errorText(e)),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [at, domain]);

  useEffect(() => setShown(null), [info?.key]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !data || !domain) return;
    const size = Math.min(width, HEIGHT + PAD.left);
    const ctx = prepareCanvas(canvas, size, HEIGHT);
    if (!ctx) return;
    ctx.clearRect(0, 0, size, HEIGHT);
    const pw = size - PAD.left - PAD.right;
    const ph = HEIGHT - PAD.top - PAD.bottom;
    const [x0, x1] = domain.x;
    const [y0, y1] = domain.y;
    const sx = (v: number): number => PAD.left + ((v - x0) / (x1 - x0)) * pw;
    const sy = (v: number): number => PAD.top + ph - ((v - y0) / (y1 - y0)) * ph;
    if (grid) {
      const nx = grid.xs.length;
      const ny = grid.ys.length;
      const img = new ImageData(regionPixels(grid.classes, grid.confidence, nx, ny, grid.classCount, classColor), nx, ny);
      const tile = document.createElement('canvas');
      tile.width = nx;
      tile.height = ny;
      tile.getContext('2d')?.putImageData(img, 0, 0);
      // grid points are cell centres: the image spans half a cell beyond the first and last
      const cx = pw / (nx - 1);
      const cy = ph / (ny - 1);
      ctx.save();
      ctx.beginPath();
      ctx.rect(PAD.left, PAD.top, pw, ph);
      ctx.clip();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(tile, PAD.left - cx / 2, PAD.top - cy / 2, pw + cx, ph + cy);
      ctx.restore();
    }
    drawAxes(
      ctx,
      { left: PAD.left, top: PAD.top, width: pw, height: ph },
      { values: niceTicks(x0, x1, 4), at: sx, label: formatValue },
      { values: niceTicks(y0, y1, 4), at: sy, label: formatValue },
      { text: '#4b5563', xLabelGap: 4 },
    );
    const colors = pointColors(data.y);
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    const r = data.y.length > 400 ? 2 : 3;
    // one path per class colour: a fill and a stroke per colour instead of per point
    const byColor = new Map<string, number[]>();
    colors.forEach((c, k) => {
      const group = byColor.get(c);
      if (group) group.push(k);
      else byColor.set(c, [k]);
    });
    for (const [color, points] of byColor) {
      ctx.beginPath();
      for (const k of points) {
        const [px, py] = [sx(data.X[k][0]), sy(data.X[k][1])];
        ctx.moveTo(px + r, py);
        ctx.arc(px, py, r, 0, 2 * Math.PI);
      }
      ctx.fillStyle = color;
      ctx.fill();
      ctx.stroke();
    }
  }, [data, domain, grid, width]);

  // thinned as the explorer's charts are (at most MAX_DRAWN points, the last kept), at the iterations kept
  // made only where the panel shows (a classification network), never for a 2-D function's runs
  const shows = data !== null;
  const curve = useMemo(() => {
    if (!shows || !selected || selected.records.length === 0) return [];
    const v = drawnView(selected);
    return [{ label: `${v.label}: training loss`, color: v.color, x: v.iterations ?? v.losses.map((_, k) => k), y: v.losses }];
  }, [shows, selected]);

  if (!data) return null;
  const where = at && selected ? `${selected.label}'s iterate ${at.iteration}` : 'the initial parameters';
  return (
    <section className="panel" data-testid="decision-panel">
      <h2>Decision boundary</h2>
      <p className="muted small">
        Predicted class at {where} behind the data{grid ? ` (${grid.xs.length} × ${grid.ys.length} grid, shade: probability)` : ''}.
        {grid && (
          <>
            {' '}
            Training accuracy <strong data-testid="decision-accuracy">{(100 * grid.accuracy).toFixed(1)}%</strong>.
          </>
        )}
      </p>
      <div ref={hostRef} data-testid="decision-boundary" data-grid-iteration={shown?.iteration ?? 'none'}>
        <canvas ref={canvasRef} style={{ display: 'block' }} />
      </div>
      {error && <p className="net-error">{error}</p>}
      {curve.length > 0 && <LinePlot series={curve} logY xLabel="iteration" yLabel="loss" vLine={current} testId="training-curve" height={150} />}
    </section>
  );
}
