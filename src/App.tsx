import { useDeferredValue, useEffect, useRef, useState, type ReactElement } from 'react';
import { useAppStore } from './state/store';
import { BackendPanel } from './ui/BackendPanel';
import { StudiesPage, StudiesTab } from './ui/studies/StudiesPage';
import { CurvaturePanel } from './ui/CurvaturePanel';
import { DemoCaption, DemoPanel } from './ui/DemoPanel';
import { DropZone } from './ui/DropZone';
import { ExportPanel } from './ui/ExportPanel';
import { GlossaryTip } from './ui/glossary/GlossaryTip';
import { LearnPanel } from './ui/learn/LearnPanel';
import { LearnToggle } from './ui/learn/LearnToggle';
import { DecisionPanel } from './ui/decision/DecisionPanel';
import { ReplayBar } from './ui/replay/ReplayBar';
import { useStartPick } from './ui/start-pick';
import { NoticeBar } from './ui/Notice';
import { OptimizerPanel } from './ui/OptimizerPanel';
import { ProblemPanel } from './ui/ProblemPanel';
import { ResultsTable } from './ui/ResultsTable';
import { RunControls } from './ui/RunControls';
import { SidePlots } from './ui/SidePlots';
import { Spinner } from './ui/Spinner';
import { useEigenArrows } from './ui/eigen-arrows';
import { ModeTabs, useNetworkMode } from './ui/network/ModeTabs';
import { NetworkView } from './ui/network/NetworkView';
import { showDemoStep } from './ui/demo-runner';
import { fmt } from './ui/format';
import { useDrawnTrajectories } from './ui/trajectory-views';
import { Contour2D } from './ui/views/Contour2D';
import { LossChart } from './ui/views/LossChart';
import type { SurfaceGrid } from './ui/views/types';
import { shownSurface, type ShownSurface } from './ui/lastSurface';
import { LazySurface3D } from './view3d/LazySurface3D';

function Progress(): ReactElement | null {
  const surface = useAppStore((s) => s.surfaceProgress);
  const problemBusy = useAppStore((s) => s.problemBusy);
  const backendBusy = useAppStore((s) => s.backendBusy);
  const status = useAppStore((s) => s.status);
  const curvature = useAppStore((s) => s.curvatureBusy);
  let text: string | null = null;
  if (backendBusy) text = 'Starting the compute backend…';
  else if (problemBusy) text = 'Loading the problem…';
  else if (surface !== null) text = `Evaluating the surface… ${Math.round(surface * 100)}%`;
  else if (status === 'running') text = 'Running optimizers…';
  else if (curvature) text = 'Computing curvature (Lanczos)…';
  if (!text) return null;
  return (
    <div className="progress" role="status" data-testid="progress">
      <Spinner /> {text}
      {surface !== null && <progress max={1} value={surface} />}
    </div>
  );
}

/** A network's trajectories are projections: how far the selected one's current iterate is from the plane. */
function PlaneDistance(): ReactElement {
  const distance = useAppStore((s) => {
    const t = s.trajectories[s.selected];
    if (!t || t.records.length === 0) return undefined;
    return t.records.planeDistance(Math.min(s.iteration, t.records.length - 1));
  });
  return (
    <span className="muted small" data-testid="plane-distance" title="‖w − (w₀ + α d₁ + β d₂)‖ for the least-squares (α, β) drawn">
      trajectories are projections onto the plane{distance !== undefined ? `; the selected iterate is ${fmt(distance, 3)} off it` : ''}
    </span>
  );
}

/** The surface the 3-D view shows (lastSurface.ts), kept across renders. */
function useLastSurface(grid: SurfaceGrid | null, logScale: boolean): ShownSurface | null {
  const last = useRef<ShownSurface | null>(null);
  last.current = shownSurface(last.current, grid, logScale);
  return last.current;
}

/**
 * The explorer's surface, contours and charts: the only part of the page that follows every batch
 * of a run, so the sidebar and panels do not re-render with it.
 */
function ExplorerViews({ onViews }: { onViews: (el: HTMLDivElement | null) => void }): ReactElement {
  // a new surface is drawn in a background render that yields between the 3-D view and the contours,
  // instead of both in the store update's one synchronous render
  const grid = useDeferredValue(useAppStore((s) => s.surface));
  const iteration = useAppStore((s) => s.iteration);
  const logScale = useAppStore((s) => s.setup.logScale);
  const xAxis = useAppStore((s) => s.setup.xAxis);
  const info = useAppStore((s) => s.problemInfo);
  // Long runs are drawn thinned (every stride-th iterate): one redraw stays short however long the run.
  const { views: trajectories, stride } = useDrawnTrajectories();
  const marker = Math.round(iteration / stride);
  const shown = useLastSurface(grid, logScale);
  const { arrows, onHover } = useEigenArrows();
  const startPick = useStartPick();
  return (
    <>
      <div className="views" ref={onViews}>
        <figure className="view">
          <figcaption>
            Loss surface {info?.network ? '(random filter-normalised plane)' : info?.label ? `— ${info.label}` : ''}
            {info?.network && <GlossaryTip term="filter-normalised" />}
            <span className="muted small"> drag to orbit, scroll to zoom</span>
          </figcaption>
          <div className="view-body">
            {shown && <LazySurface3D grid={shown.grid} trajectories={grid ? trajectories : []} iteration={marker} logScale={shown.logScale} />}
            {!grid && (
              <div className={`placeholder${shown ? ' over' : ''}`} data-testid="surface-3d-loading">
                evaluating surface…
              </div>
            )}
          </div>
        </figure>
        <figure className="view" data-view="contours">
          <figcaption>
            Contours{' '}
            {info?.network ? (
              <PlaneDistance />
            ) : (
              <span className="muted small">arrows: Hessian eigenvectors × eigenvalue at the hovered or current point; click or drag to set the start</span>
            )}
          </figcaption>
          <div className="view-body">
            {grid ? (
              <Contour2D grid={grid} trajectories={trajectories} iteration={marker} logScale={logScale} arrows={arrows} onHover={onHover} {...startPick} axisLabels={info?.network ? ['α', 'β'] : ['x', 'y']} />
            ) : (
              <div className="placeholder">evaluating surface…</div>
            )}
          </div>
        </figure>
      </div>
      <div className="charts">
        <figure className="chart">
          <figcaption>Loss</figcaption>
          <LossChart trajectories={trajectories} xAxis={xAxis} metric="loss" iteration={iteration} testId="loss-chart" />
        </figure>
        <figure className="chart">
          <figcaption>
            Gradient norm <GlossaryTip term="gradient-norm" />
          </figcaption>
          <LossChart trajectories={trajectories} xAxis={xAxis} metric="gradNorm" iteration={iteration} testId="grad-chart" />
        </figure>
      </div>
    </>
  );
}

export function App(): ReactElement {
  // the explorer's views, drawn into the PNG export (contours alone while the 3-D view is not created)
  const [views, setViews] = useState<HTMLDivElement | null>(null);
  const started = useRef(false);
  const networkMode = useNetworkMode();

  // the session (link applied, first problem requested) started in main.tsx, before the first render
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const demo = useAppStore.getState().setup.demo;
    if (demo) void showDemoStep(demo.id, demo.step);
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <h1>Curvscape</h1>
          <span className="tagline">exact curvature, optimizers side by side</span>
        </div>
        <LearnToggle />
        <ModeTabs />
        <StudiesTab />
        <BackendPanel />
      </header>
      <NoticeBar />
      <Progress />
      <div className="layout">
        <aside className="sidebar">
          <LearnPanel />
          <ProblemPanel />
          <RunControls />
          <OptimizerPanel />
          <DemoPanel />
          <ExportPanel views={views} />
        </aside>
        {networkMode && <NetworkView />}
        <main className="main" hidden={networkMode}>
          <ReplayBar />
          <DemoCaption />
          <ExplorerViews onViews={setViews} />
          <div className="bottom">
            <ResultsTable />
            <div className="side">
              <CurvaturePanel />
              <SidePlots />
              <DecisionPanel />
            </div>
          </div>
        </main>
      </div>
      <DropZone />
      <StudiesPage />
    </div>
  );
}
