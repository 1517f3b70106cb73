import { lazy, memo, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement, type RefObject } from 'react';
import { makeLossScale, type LossScale } from '../ui/views/lossScale';
import { viridisCss } from '../ui/colormap';
import { formatValue, lossScaleTicks } from '../ui/views/ticks';
import type { SurfaceGrid, TrajectoryView } from '../ui/views/types';
import { Latest } from './latest';
import { canDrawInWorker, SceneLink } from './sceneLink';
import type { RenderStyle } from './software-gl';
import type { Drawn } from './SurfaceScene';
import { boxMapping } from './surfaceGeometry';
import { tickLabels, type TickLabel } from './tickLabels';

const MainThreadCanvas = lazy(() => import('./MainThreadCanvas').then((m) => ({ default: m.MainThreadCanvas })));

export interface Surface3DProps {
  grid: SurfaceGrid;
  trajectories: TrajectoryView[];
  iteration: number;
  logScale: boolean;
}

const TICK_STYLE = { font: '10px system-ui, sans-serif', color: '#555', whiteSpace: 'nowrap', pointerEvents: 'none', userSelect: 'none' } as const;

/**
 * The axis labels as plain DOM over the canvas, moved to the screen positions the scene reports
 * (SurfaceScene.tsx TickAnchors). Not drei's <Html>, which mounts a React root per label and
 * unmounts it inside a commit (a console error on every load in development), and which a scene
 * drawn in a worker could not use.
 */
const TickOverlay = memo(function TickOverlay({ labels, overlay }: { labels: TickLabel[]; overlay: RefObject<HTMLDivElement | null> }): ReactElement {
  return (
    <div ref={overlay} data-testid="surface-3d-ticks" style={{ position: 'absolute', inset: 0, pointerEvents: 'none', overflow: 'hidden' }}>
      {labels.map((label, k) => (
        <span key={k} style={{ ...TICK_STYLE, position: 'absolute', left: 0, top: 0, fontWeight: label.bold ? 600 : undefined }}>
          {label.text}
        </span>
      ))}
    </div>
  );
});

const ColorBar = memo(function ColorBar({ scale }: { scale: LossScale }): ReactElement {
  const stops = Array.from({ length: 11 }, (_, k) => `${viridisCss(k / 10)} ${k * 10}%`).join(', ');
  const ticks = lossScaleTicks(scale, 6);
  return (
    <div data-testid="surface-colorbar" style={{ flex: '0 0 auto', padding: '10px 8px 10px 4px', display: 'flex', alignItems: 'stretch', gap: 4, pointerEvents: 'none', font: '11px system-ui, sans-serif', color: '#333' }}>
      <div style={{ position: 'relative', width: 44 }}>
        {ticks.map((tick) => (
          <span key={tick.loss} style={{ position: 'absolute', right: 0, bottom: `${tick.t * 100}%`, transform: 'translateY(50%)' }}>
            {formatValue(tick.loss)}
          </span>
        ))}
      </div>
      <div style={{ width: 10, borderRadius: 2, background: `linear-gradient(to top, ${stops})`, border: '1px solid #0002' }} />
      <div style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center', color: '#555' }}>
        {scale.log ? 'loss (log scale)' : 'loss'}
      </div>
    </div>
  );
});

interface SceneHostProps {
  grid: SurfaceGrid;
  logScale: boolean;
  style: RenderStyle;
  trajectories: TrajectoryView[];
  iteration: number;
  onLabels: (xy: number[]) => void;
  onFirstFrame: () => void;
}

/** The scene drawn in a worker (sceneLink.ts); `onError` when it cannot draw there. */
function WorkerScene({ grid, logScale, style, trajectories, iteration, onLabels, onFirstFrame, onError }: SceneHostProps & { onError: (message: string) => void }): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [link, setLink] = useState<SceneLink | null>(null);
  // made once: the style and the callbacks are the view's for its life; surfaces and data are posted to it
  useEffect(() => {
    const made = new SceneLink(box.current!, style, { onLabels, onFirstFrame, onError });
    setLink(made);
    return () => made.dispose();
  }, [style, onLabels, onFirstFrame, onError]);
  useEffect(() => link?.surface(grid, logScale), [link, grid, logScale]);
  useLayoutEffect(() => link?.drawn(trajectories, iteration), [link, trajectories, iteration]);
  return <div ref={box} style={{ position: 'absolute', inset: 0 }} />;
}

/** The scene drawn on the page's thread (MainThreadCanvas.tsx), its React tree rendered again only for a new surface. */
function PageScene({ grid, logScale, style, trajectories, iteration, onLabels, onFirstFrame }: SceneHostProps): ReactElement {
  const [drawn] = useState(() => new Latest<Drawn>({ trajectories, iteration }));
  useLayoutEffect(() => drawn.set({ trajectories, iteration }), [drawn, trajectories, iteration]);
  return (
    <Suspense fallback={null}>
      <MainThreadCanvas grid={grid} logScale={logScale} style={style} drawn={drawn} onLabels={onLabels} onFirstFrame={onFirstFrame} />
    </Suspense>
  );
}

/**
 * Loss surface over a plane, with each trajectory drawn on it and a marker at `iteration`. The scene
 * is drawn in a worker where the browser can hand it the canvas, else on the page's thread; the
 * colour bar and the axis labels are the page's. `style` (software-gl.ts' renderStyle, from the
 * renderer probe) is read when the WebGL context and the trajectory layer are made.
 */
export function Surface3D({ grid, trajectories, iteration, logScale, style }: Surface3DProps & { style: RenderStyle }): ReactElement {
  const scale = useMemo(() => makeLossScale(grid, logScale), [grid, logScale]);
  const labels = useMemo(() => tickLabels(grid, boxMapping(grid, scale)), [grid, scale]);
  const overlay = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const [inWorker, setInWorker] = useState(canDrawInWorker);
  const onLabels = useCallback((xy: number[]) => {
    const spans = overlay.current?.children;
    if (!spans) return;
    for (let k = 0; k < spans.length && 2 * k + 1 < xy.length; k++) {
      (spans[k] as HTMLElement).style.transform = `translate(${xy[2 * k]}px, ${xy[2 * k + 1]}px) translate(-50%, -50%)`;
    }
  }, []);
  // the moment the 3-D view is on screen (start-up benchmark, browser tests)
  const onFirstFrame = useCallback(() => host.current?.setAttribute('data-drawn', 'true'), []);
  const onError = useCallback((message: string) => {
    console.warn(`3-D view: drawn on the page's thread, the worker could not draw (${message})`);
    setInWorker(false);
  }, []);
  const scene = { grid, logScale, style, trajectories, iteration, onLabels, onFirstFrame };
  return (
    <div ref={host} data-testid="surface-3d" data-drawn-in={inWorker ? 'worker' : 'page'} style={{ display: 'flex', width: '100%', height: '100%', minHeight: 240, background: '#f7f8fa' }}>
      {/* the colour bar sits beside the scene, never over it */}
      <div style={{ position: 'relative', flex: '1 1 auto', minWidth: 0 }}>
        {inWorker ? <WorkerScene {...scene} onError={onError} /> : <PageScene {...scene} />}
        <TickOverlay labels={labels} overlay={overlay} />
      </div>
      <ColorBar scale={scale} />
    </div>
  );
}
