import { useMemo, useRef, type ReactElement } from 'react';
import { DIRECTION_METHODS, type DirectionMethodName } from '../../core/landscape/directions';
import { surfaceToCsv, surfaceToVtk } from '../../core/landscape/export';
import { NETWORK_BOUNDS } from '../../state/network-slice';
import { useAppStore } from '../../state/store';
import { Spinner } from '../Spinner';
import type { NetworkSurface, ProjectedRun } from '../../protocol/network';
import { fmt } from '../format';
import { GlossaryTip } from '../glossary/GlossaryTip';
import { colorOf, labelOf } from '../trajectory-views';
import { Contour2D } from '../views/Contour2D';
import type { TrajectoryView } from '../views/types';
import { networkSurfaceName } from '../export';
import { ExportButtons } from './ExportButtons';
import { SelectField } from '../SelectField';
import { SettingField } from './SettingField';
import { cancelNetwork, computeSurface } from '../../controllers/intents';
import { decodeRun, encodeRef, useRunOptions } from './point-refs';

const TRAINED_COLOR = '#111827';

interface Labelled {
  view: TrajectoryView;
  distances: number[];
}

/** Projected runs as drawable trajectories, named and coloured as the explorer names and colours them. */
function useProjected(surface: NetworkSurface | null): Labelled[] {
  const trajectories = useAppStore((s) => s.trajectories);
  // the summary alone: training's progress messages must not re-render the surface
  const summary = useAppStore((s) => s.training.summary);
  return useMemo(() => {
    if (!surface) return [];
    return surface.projected.map((r: ProjectedRun) => {
      const trained = r.run.kind === 'trained';
      const t = r.run.kind === 'run' ? trajectories[r.run.index] : undefined;
      const name = trained ? `train-${summary?.optimizer ?? 'run'}` : (t?.optimizer ?? 'run');
      const label = trained ? `training run (${labelOf(summary?.optimizer ?? '')})` : (t?.label ?? 'run');
      const losses = trained ? (summary?.losses ?? r.points.map(() => 0)) : (t ? t.records.values('loss') : r.points.map(() => 0));
      const view: TrajectoryView = {
        name,
        label,
        color: trained ? TRAINED_COLOR : colorOf(t?.entry ?? ''),
        points: r.points.map((p) => [p.alpha, p.beta] as [number, number]),
        losses,
        gradNorms: [],
        cost: [],
        timeMs: [],
      };
      return { view, distances: r.points.map((p) => p.distance) };
    });
  }, [surface, trajectories, summary]);
}

/** Loss over a plane through parameter space, directions from the one registry, with every run projected onto it. */
export function SurfaceSection({ base, where }: { base: string; where: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const n = useAppStore((s) => s.network);
  const setNetwork = useAppStore((s) => s.setNetwork);
  const surface = useAppStore((s) => s.netSurface);
  const progress = useAppStore((s) => s.netSurfaceProgress);
  const busy = useAppStore((s) => s.netBusy.surface ?? false);
  const error = useAppStore((s) => s.netErrors.surface);
  const runs = useRunOptions();
  const projected = useProjected(surface);
  const grid = useMemo(() => (surface ? { xs: surface.alphas, ys: surface.betas, values: surface.loss } : null), [surface]);
  const method = DIRECTION_METHODS.find((m) => m.name === n.method)!;
  const pcaBlocked = n.method === 'pca' && runs.length === 0;
  const info = surface?.directions;
  const problem = useAppStore((s) => s.setup.problem);

  const json = surface
    ? () => ({
        format: 'curvscape-network-surface',
        version: 1,
        problem: useAppStore.getState().setup.problem,
        ...surface,
        projected: projected.map((p, k) => ({ label: p.view.label, run: surface.projected[k].run, points: surface.projected[k].points })),
      })
    : null;

  return (
    <section className="panel net-section" aria-label="Loss surface">
      <header className="net-head">
        <h2>Loss surface</h2>
        <ExportButtons
          id="surface"
          base={base}
          title={`Loss surface (${info?.label ?? ''})`}
          view={view}
          json={json}
          legend={projected.map((p) => ({ label: p.view.label, color: p.view.color }))}
          fileBase={networkSurfaceName(problem, info?.method ?? n.method, 'png').replace(/\.png$/, '')}
          extra={
            surface
              ? [
                  { label: 'VTK', file: networkSurfaceName(problem, surface.directions.method, 'vtk'), type: 'text/plain', make: () => surfaceToVtk(surface) },
                  { label: 'CSV', file: networkSurfaceName(problem, surface.directions.method, 'csv'), type: 'text/csv', make: () => surfaceToCsv(surface) },
                ]
              : []
          }
        />
      </header>
      <div className="net-controls">
        <SelectField
          label="directions"
          testId="direction-method"
          value={n.method}
          options={DIRECTION_METHODS.map((m) => ({ value: m.name, label: m.label }))}
          onChange={(v) => setNetwork({ method: v as DirectionMethodName })}
        />
        <GlossaryTip term="filter-normalised" />
        {n.method === 'pca' ? (
          <SelectField label="trajectory" testId="pca-run" value={encodeRef(n.pcaRun)} options={runs} missingLabel="no such run yet" onChange={(v) => setNetwork({ pcaRun: decodeRun(v) })} />
        ) : (
          <SettingField name="directionSeed" label="seed" testId="direction-seed" />
        )}
        <SettingField name="grid" label={`grid (≤ ${NETWORK_BOUNDS.grid.max})`} testId="surface-grid" />
        <SettingField name="span" label="span" testId="surface-span" />
        <div className="buttons">
          <button type="button" data-testid="compute-surface" disabled={busy || pcaBlocked} onClick={() => void computeSurface()}>
            Evaluate
          </button>
          <button type="button" data-testid="surface-cancel" disabled={!busy} onClick={cancelNetwork}>
            Cancel
          </button>
        </div>
      </div>
      <p className="muted small net-cite">
        {method.citation}
        {n.method !== 'pca' ? `; through ${where}` : ''}
        {pcaBlocked ? ' — train or run an optimizer first' : ''}
      </p>
      {busy && (
        <div className="net-progress" role="status" data-testid="surface-progress">
          <Spinner /> evaluating {n.grid} × {n.grid} points… {progress !== null ? `${Math.round(progress * 100)}%` : ''}
          <progress max={1} value={progress ?? 0} />
        </div>
      )}
      {error && <p className="net-error">{error}</p>}
      <div ref={view} className="net-surface">
        {grid ? (
          <Contour2D grid={grid} trajectories={projected.map((p) => p.view)} iteration={Number.MAX_SAFE_INTEGER} logScale axisLabels={['α', 'β']} />
        ) : (
          <div className="placeholder net-placeholder tall">{busy ? 'evaluating…' : 'choose directions and evaluate'}</div>
        )}
      </div>
      {surface && info && (
        <div className="small net-readout" data-testid="surface-readout">
          {info.label}
          {info.explainedVariance ? `: explained variance ${fmt(100 * info.explainedVariance[0], 3)}% and ${fmt(100 * info.explainedVariance[1], 3)}% of ${info.iterates} iterates` : ''}
          {info.eigenvalues ? `: λ₁ = ${fmt(info.eigenvalues[0])}, λ₂ = ${fmt(info.eigenvalues[1])} (residuals ${fmt(info.residuals?.[0], 2)}, ${fmt(info.residuals?.[1], 2)}; ${info.hvps} HVPs)` : ''}
          {info.note ? ` — ${info.note}` : ''}. {surface.grid} × {surface.grid} points in {fmt(surface.ms / 1000, 3)} s.
          {projected.length > 0 && (
            <table className="results net-table" data-testid="plane-distances">
              <thead>
                <tr>
                  <th>trajectory (projected)</th>
                  <th>distance from the plane: start</th>
                  <th>max</th>
                  <th>end</th>
                </tr>
              </thead>
              <tbody>
                {projected.map((p) => (
                  <tr key={p.view.name + p.view.label}>
                    <td>
                      <span className="swatch" style={{ background: p.view.color }} />
                      {p.view.label}
                    </td>
                    <td>{fmt(p.distances[0], 3)}</td>
                    <td>{fmt(Math.max(...p.distances), 3)}</td>
                    <td>{fmt(p.distances[p.distances.length - 1], 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
