import { memo, useMemo, useRef, useState, type ReactElement } from 'react';
import type { CurvaturePoint } from '../../core/analysis/curvature-tracker';
import { OPTIMIZERS } from '../../core/optim/registry';
import { useAppStore } from '../../state/store';
import { Spinner } from '../Spinner';
import { fmt } from '../format';
import { GlossaryTerms } from '../glossary/GlossaryTerms';
import { LinePlot, type HLine } from '../views/LinePlot';
import { CURVATURE_COLORS as COLORS, TRACE_BAND, curvatureSeries } from './curvature-series';
import { ExportButtons } from './ExportButtons';
import { HeldOutReadout } from '../model/HeldOutReadout';
import { SelectField } from '../SelectField';
import { SettingField } from './SettingField';
import { divergenceAdvice, isAbnormalStop, isDivergence } from '../stop-reasons';
import { cancelNetwork, trainCurvature } from '../../controllers/intents';

/** Trace with its standard error, the probes it used and the exact value beside it where P is small. */
function traceText(p: CurvaturePoint): string {
  const se = Number.isFinite(p.traceStdError) ? ` ± ${fmt(p.traceStdError, 2)}` : '';
  const exact = p.traceExact !== null ? ` (exact ${fmt(p.traceExact)})` : '';
  return `${fmt(p.trace)}${se}${exact}`;
}

/** The running step and loss: its own component, so the 10 Hz progress messages re-render this line alone. */
function TrainingProgress({ steps }: { steps: number }): ReactElement {
  const step = useAppStore((s) => s.training.step);
  const loss = useAppStore((s) => s.training.loss);
  return (
    <div className="net-progress" role="status" data-testid="train-progress">
      <Spinner /> step {step} / {steps}, loss {fmt(loss)}
      <progress max={steps} value={step} />
    </div>
  );
}

/** λ_max, |λ_min|, trace and ‖∇L‖ on a log axis with 2/η, and signed λ_min below; series rebuilt only when a point arrives. */
const CurvatureCharts = memo(function CurvatureCharts({ points, edge, status }: { points: CurvaturePoint[]; edge: number | null; status: string }): ReactElement {
  const series = useMemo(() => curvatureSeries(points), [points]);
  const minSeries = useMemo(() => [{ label: 'λ_min (signed)', color: COLORS.min, x: points.map((p) => p.step), y: points.map((p) => p.lambdaMin) }], [points]);
  const hLines: HLine[] = useMemo(() => (edge !== null ? [{ y: edge, label: `2/η = ${fmt(edge, 3)} (edge of stability)`, color: COLORS.edge }] : []), [edge]);
  return (
    <>
      <div data-testid="curvature-chart" data-points={points.length} data-status={status}>
        <LinePlot series={series} bands={[TRACE_BAND]} logY xLabel="step" yLabel="curvature, ‖∇L‖" hLines={hLines} height={230} />
      </div>
      <LinePlot series={minSeries} xLabel="step" yLabel="λ_min" hLines={ZERO_LINE} height={120} />
    </>
  );
});

const ZERO_LINE: HLine[] = [{ y: 0, label: '0', color: '#9ca3af' }];

/** Every measurement as a table; its rows are built only while it is open (a long run has thousands). */
const CurvatureTable = memo(function CurvatureTable({ points }: { points: CurvaturePoint[] }): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <details className="small" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>all {points.length} measurements</summary>
      {open && (
        <table className="results net-table" data-testid="curvature-table">
          <thead>
            <tr>
              <th>step</th>
              <th>loss</th>
              <th>λ_max</th>
              <th>λ_min</th>
              <th>trace ± s.e. (exact)</th>
              <th>‖∇L‖</th>
              <th>HVPs</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.step}>
                <td>{p.step}</td>
                <td>{fmt(p.loss)}</td>
                <td>{fmt(p.lambdaMax)}</td>
                <td>{fmt(p.lambdaMin)}</td>
                <td>{traceText(p)}</td>
                <td>{fmt(p.gradNorm)}</td>
                <td>{p.hvps}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
});

/** Curvature over training: λ_max, λ_min, trace and gradient norm every k steps against 2/η (Cohen et al. 2021). */
export function TrainingSection({ base }: { base: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const n = useAppStore((s) => s.network);
  const setNetwork = useAppStore((s) => s.setNetwork);
  // each field on its own: a progress message that moves only the step re-renders TrainingProgress alone
  const points = useAppStore((s) => s.training.points);
  const edge = useAppStore((s) => s.training.edgeOfStability);
  const summary = useAppStore((s) => s.training.summary);
  const notes = useAppStore((s) => s.training.notes);
  const status = useAppStore((s) => s.training.status);
  const busy = useAppStore((s) => s.netBusy.training ?? false);
  const error = useAppStore((s) => s.netErrors.training);
  const hasLr = OPTIMIZERS.find((o) => o.name === n.optimizer)?.params.some((p) => p.key === 'lr') ?? false;
  const last = points.at(-1);

  const json = points.length
    ? () => ({
        format: 'curvscape-curvature-over-training',
        version: 1,
        problem: useAppStore.getState().setup.problem,
        optimizer: summary?.optimizer ?? n.optimizer,
        hyperParams: summary?.hyperParams,
        steps: n.steps,
        every: n.every,
        traceProbes: n.traceProbes,
        edgeOfStability: edge,
        edgeOfStabilityCitation: 'Cohen et al. 2021, Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability',
        warmStart: summary?.warmStart,
        curvatureHvps: summary?.curvatureHvps,
        losses: summary?.losses,
        trainAccuracy: summary?.trainAccuracy,
        testLoss: summary?.testLoss,
        testAccuracy: summary?.testAccuracy,
        testRows: summary?.testRows,
        deviceLoss: notes.length ? notes : undefined,
        points,
      })
    : null;

  return (
    <section className="panel net-section" aria-label="Curvature over training">
      <header className="net-head">
        <h2>Curvature over training</h2>
        <ExportButtons id="curvature" base={base} title="Curvature over training" view={view} json={json} />
      </header>
      <div className="net-controls">
        <SelectField
          label="optimizer"
          testId="net-optimizer"
          value={n.optimizer}
          options={OPTIMIZERS.map((o) => ({ value: o.name, label: o.label }))}
          onChange={(optimizer) => setNetwork({ optimizer })}
        />
        {hasLr && <SettingField name="lr" label="step size η" testId="net-lr" />}
        <SettingField name="steps" label="steps N" testId="net-steps" />
        <SettingField name="every" label="every k" testId="net-every" />
        <SettingField name="traceProbes" label="trace probes" testId="net-trace-probes" />
        <label className="small" title="Lanczos on the Gauss-Newton matrix G at each point too: its top beside the Hessian's (G = the Fisher for these losses)">
          <input type="checkbox" data-testid="net-ggn" checked={n.ggn} onChange={(e) => setNetwork({ ggn: e.target.checked })} /> λ_max of G beside H
        </label>
        <div className="buttons">
          <button type="button" data-testid="train-curvature" disabled={busy} onClick={() => void trainCurvature()}>
            Train
          </button>
          <button type="button" data-testid="train-cancel" disabled={!busy} onClick={cancelNetwork}>
            Cancel
          </button>
        </div>
      </div>
      {busy && <TrainingProgress steps={n.steps} />}
      {error && <p className="net-error" data-testid="train-error">{error}</p>}
      {notes.map((note) => (
        <p key={note} className="small" role="status" data-testid="train-note">
          {note}
        </p>
      ))}
      {summary && isAbnormalStop(summary.reason) && (
        <p className="net-error" role="status" data-testid="train-stop">
          {isDivergence(summary.reason) ? divergenceAdvice(summary.reason, typeof summary.hyperParams.lr === 'number' ? summary.hyperParams.lr : null, points[0]?.lambdaMax) : `Training stopped: ${summary.reason}.`}
        </p>
      )}
      <div ref={view}>
        <CurvatureCharts points={points} edge={edge} status={status} />
      </div>
      <HeldOutReadout summary={summary} />
      <GlossaryTerms terms={['lambda-max', 'lambda-min', 'two-over-eta', 'trace', 'gradient-norm', 'hvp']} />
      {last ? (
        <p className="small net-readout" data-testid="curvature-readout">
          step {last.step}: λ_max {fmt(last.lambdaMax)} (residual {fmt(last.residualMax, 2)}), λ_min {fmt(last.lambdaMin)}, trace {traceText(last)} from{' '}
          {last.traceProbes} Rademacher probes, ‖∇L‖ {fmt(last.gradNorm)}; Lanczos {last.warmStarted ? 'warm-started, ' : ''}
          {last.lanczosHvps} HVPs.{last.ggnLambdaMax !== undefined ? ` λ_max(G) ${fmt(last.ggnLambdaMax)} from ${last.ggnvps} Gauss-Newton products.` : ''} Full batch.
          {edge === null && summary ? ' This optimizer has no fixed-step stability line.' : ''}
        </p>
      ) : (
        <p className="muted small">Trains from the initial parameters; every k steps measures both ends of the spectrum by Lanczos and the trace by Hutchinson.</p>
      )}
      {points.length > 0 && <CurvatureTable points={points} />}
    </section>
  );
}
