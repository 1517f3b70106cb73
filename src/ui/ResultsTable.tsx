import { memo, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TrajectoryState } from '../state/run-slice';
import { useAppStore } from '../state/store';
import { fmt, fmtMs } from './format';
import { isAbnormalStop } from './stop-reasons';
import { GlossaryTip } from './glossary/GlossaryTip';
import { colorOf } from './trajectory-views';
import { useBoundedRate } from './views/boundedRate';

/** A notice per run that ended abnormally (diverged, unbounded below, ...), with the step it happened at. */
function StopNotices(): ReactElement | null {
  const ends = useAppStore(useShallow((s) => s.trajectories.map((t) => t.result?.reason ?? t.error ?? 'running')));
  const entries = useAppStore(useShallow((s) => s.trajectories.map((t) => t.entry)));
  const labels = useAppStore(useShallow((s) => s.trajectories.map((t) => t.label)));
  const abnormal = ends.map((reason, i) => ({ reason, entry: entries[i], label: labels[i] })).filter((e) => isAbnormalStop(e.reason));
  if (abnormal.length === 0) return null;
  return (
    <ul className="stop-notices" role="status" data-testid="stop-notices">
      {abnormal.map((e) => (
        <li key={e.entry}>
          <span className="swatch" style={{ background: colorOf(e.entry) }} />
          <strong>{e.label}</strong> stopped: {e.reason}.
        </li>
      ))}
    </ul>
  );
}

/**
 * The table follows a running run at the views' bounded rate: a batch of records re-renders this
 * wrapper alone, and the rows when the bounded value moves on (in a transition).
 */
export function ResultsTable(): ReactElement {
  const running = useAppStore((s) => s.status === 'running');
  const trajectories = useBoundedRate(
    useAppStore((s) => s.trajectories),
    running,
  );
  return <ResultsBody trajectories={trajectories} />;
}

const ResultsBody = memo(function ResultsBody({ trajectories }: { trajectories: TrajectoryState[] }): ReactElement {
  const selected = useAppStore((s) => s.selected);
  const setSelected = useAppStore((s) => s.setSelected);
  const network = useAppStore((s) => s.problemInfo?.network ?? false);
  const columns = network ? 11 : 10;
  return (
    <section className="panel wide">
      <h2>Results</h2>
      <table data-testid="results-table" className="results">
        <thead>
          <tr>
            <th>optimizer</th>
            <th title="loss at the last iterate">final loss</th>
            <th title="final point (plane coordinates for networks)">final point</th>
            {network && (
              <th title="distance of the final iterate from the drawing plane: the plot shows its projection">off plane</th>
            )}
            <th title="iterations (scipy nit)">nit</th>
            <th title="objective evaluations (nfev)">nfev</th>
            <th title="gradient evaluations (njev)">ngev</th>
            <th title="Hessian-vector products (a dense 2x2 Hessian counts as 2)">
              nhvp <GlossaryTip term="hvp" />
            </th>
            <th>time</th>
            <th title="success">ok</th>
            <th className="reason">reason</th>
          </tr>
        </thead>
        <tbody>
          {trajectories.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                Press Run to compare the ticked optimizers.
              </td>
            </tr>
          )}
          {trajectories.map((t, i) => {
            const last = t.records.at(-1);
            const r = t.result;
            return (
              <tr
                key={t.entry}
                data-optimizer={t.optimizer}
                data-entry={t.entry}
                className={i === selected ? 'selected' : undefined}
                onClick={() => setSelected(i)}
                title="Click to read curvature along this trajectory"
              >
                <td>
                  <span className="swatch" style={{ background: colorOf(t.entry) }} />
                  {t.label}
                </td>
                <td data-col="loss">{fmt(r?.f ?? last?.loss, 6)}</td>
                <td data-col="point" className="point">{last ? `(${fmt(last.point[0], 6)}, ${fmt(last.point[1], 6)})` : '—'}</td>
                {network && <td data-col="off-plane">{fmt(last?.planeDistance, 4)}</td>}
                <td data-col="nit">{r?.nit ?? (last ? last.iteration : '—')}</td>
                <td data-col="nfev">{r?.nfev ?? last?.nfev ?? '—'}</td>
                <td data-col="ngev">{r?.ngev ?? last?.ngev ?? '—'}</td>
                <td data-col="nhvp">{r?.nhvp ?? last?.nhvp ?? '—'}</td>
                <td data-col="time">{fmtMs(last?.timeMs)}</td>
                <td data-col="success">{r ? (r.success ? 'yes' : 'no') : t.error ? 'error' : '…'}</td>
                <td data-col="reason" className="reason">{r?.reason ?? t.error ?? 'running'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <StopNotices />
    </section>
  );
});
