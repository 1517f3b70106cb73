import type { ReactElement } from 'react';
import { useAppStore } from '../state/store';
import { fmt } from './format';
import { curvatureAtStart } from './session';
import { labelOf } from './trajectory-views';

export function CurvaturePanel(): ReactElement {
  const c = useAppStore((s) => s.curvature);
  const busy = useAppStore((s) => s.curvatureBusy);
  const selected = useAppStore((s) => s.trajectories[s.selected]);
  const iteration = useAppStore((s) => s.iteration);
  const where = useAppStore((s) => s.curvatureWhere);
  const problemBusy = useAppStore((s) => s.problemBusy);
  const at = selected ? Math.min(iteration, selected.records.length - 1) : 0;
  const neg = c ? `${c.negativeAtLeast ? '≥ ' : ''}${c.negativeCount} negative` : '';
  return (
    <section className="panel curvature">
      <h2>
        Curvature {busy && <span className="spinner" aria-label="computing" />}
      </h2>
      <p className="muted small">
        {where
          ? `Hessian at ${where}`
          : selected
            ? `Hessian at ${labelOf(selected.optimizer)}'s iterate ${at}`
            : 'Run, then pick a trajectory in the table, or read it at the start point.'}
      </p>
      <dl className="kv">
        <dt title="largest Hessian eigenvalue">λ max</dt>
        <dd data-testid="eigen-top">{c ? fmt(c.top, 6) : '—'}</dd>
        <dt title="smallest Hessian eigenvalue">λ min</dt>
        <dd data-testid="eigen-bottom">{c ? fmt(c.bottom, 6) : '—'}</dd>
        <dt title="|λ| largest over smallest">condition</dt>
        <dd data-testid="condition">{c ? fmt(c.condition, 4) : '—'}</dd>
      </dl>
      <button type="button" className="small-button" data-testid="curvature-at-start" disabled={busy || problemBusy} onClick={() => void curvatureAtStart()}>
        At the start point
      </button>
      {c && (
        <p>
          <span className={`badge badge-${c.kind}`} data-testid="curvature-badge">
            {c.kind === 'flat' ? 'flat (Hessian ≈ 0)' : c.kind}
          </span>{' '}
          <span className="muted small">
            {neg}; {c.method}
            {c.products ? `, ${c.products} HVPs` : ''}
          </span>
        </p>
      )}
    </section>
  );
}
