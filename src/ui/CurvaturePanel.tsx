import type { ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { classifyPoint, STATIONARY_TOL, ZERO_EIGEN_TOL, type CriticalPoint } from '../core/analysis/critical-point';
import { getTestFunction } from '../core/functions/registry';
import { useAppStore, type AppState } from '../state/store';
import { fmt } from './format';
import { float32GradientNote } from '../core/analysis/float32-limit';
import { GlossaryTip } from './glossary/GlossaryTip';
import { curvatureAtStart } from '../controllers/intents';
import { Spinner } from './Spinner';

/** Gradient norm, value and coordinates' norm of the point the curvature was taken at; null where the gradient is not known. */
interface PointFacts {
  gradNorm: number;
  value: number;
  pointNorm?: number;
  /** Where a network's float32 gradient is at its resolution (core/analysis/float32-limit). */
  float32Note?: string | null;
}

function pointFacts(s: AppState): PointFacts | null {
  const p = s.setup.problem;
  if (s.curvatureWhere !== null) {
    // the start point: a 2-D function's gradient is analytic; a network's was not measured there
    if (p.kind !== 'function') return null;
    const fn = getTestFunction(p.name);
    const [x, y] = s.setup.start ?? s.problemInfo?.start ?? fn.defaultStart;
    const [gx, gy] = fn.grad(x, y);
    return { gradNorm: Math.hypot(gx, gy), value: fn.f(x, y), pointNorm: Math.hypot(x, y) };
  }
  const t = s.trajectories[s.selected];
  if (!t || t.records.length === 0) return null;
  const r = t.records;
  const k = Math.min(s.iteration, r.length - 1);
  const [gradNorm, value] = [r.gradNorm(k), r.loss(k)];
  // a network's record holds plane coordinates, not the parameters, so its scale is max(1, |f|)
  if (p.kind !== 'function') return { gradNorm, value, float32Note: float32GradientNote(gradNorm, value) };
  return { gradNorm, value, pointNorm: Math.hypot(r.x(k), r.y(k)) };
}

function badgeText(c: CriticalPoint): string {
  if (c.kind === 'flat') return 'flat (Hessian ≈ 0)';
  return c.degenerate && c.kind !== 'not a critical point' ? `${c.kind} (degenerate)` : c.kind;
}

export function CurvaturePanel(): ReactElement {
  const c = useAppStore((s) => s.curvature);
  const busy = useAppStore((s) => s.curvatureBusy);
  const selected = useAppStore((s) => s.trajectories[s.selected]);
  const iteration = useAppStore((s) => s.iteration);
  const where = useAppStore((s) => s.curvatureWhere);
  const problemBusy = useAppStore((s) => s.problemBusy);
  const facts = useAppStore(useShallow((s: AppState) => (s.curvature ? pointFacts(s) : null)));
  const at = selected ? Math.min(iteration, selected.records.length - 1) : 0;
  const point = c && facts ? classifyPoint({ ...facts, lambdaMax: c.top, lambdaMin: c.bottom }) : null;
  const neg = c ? `${c.negativeAtLeast ? '≥ ' : ''}${c.negativeCount} negative` : '';
  const rule = `Classified only where ‖∇f‖ ≤ ${STATIONARY_TOL} × max(1, |f|, |λ|max‖x‖); |λ| ≤ ${ZERO_EIGEN_TOL} × |λ|max counts as 0.`;
  return (
    <section className="panel curvature">
      <h2>
        Curvature {busy && <Spinner label="computing" />}
      </h2>
      <p className="muted small">
        {where
          ? `Hessian at ${where}`
          : selected
            ? `Hessian at ${selected.label}'s iterate ${at}`
            : 'Run, then pick a trajectory in the table, or read it at the start point.'}
      </p>
      <dl className="kv">
        <dt title="largest Hessian eigenvalue">
          λ max <GlossaryTip term="lambda-max" />
        </dt>
        <dd data-testid="eigen-top">{c ? fmt(c.top, 6) : '—'}</dd>
        <dt title="smallest Hessian eigenvalue">
          λ min <GlossaryTip term="lambda-min" />
        </dt>
        <dd data-testid="eigen-bottom">{c ? fmt(c.bottom, 6) : '—'}</dd>
        <dt title="|λ| largest over smallest, for a definite Hessian only">
          condition <GlossaryTip term="condition-number" />
        </dt>
        <dd data-testid="condition">{point?.condition != null ? fmt(point.condition, 4) : '—'}</dd>
        {facts && (
          <>
            <dt title="gradient norm at this point">
              ‖∇f‖ <GlossaryTip term="gradient-norm" />
            </dt>
            <dd data-testid="curvature-grad">
              {fmt(facts.gradNorm, 3)}
              {facts.float32Note && (
                <span className="muted small" title={facts.float32Note} data-testid="curvature-grad-note">
                  {' '}
                  (float32 limit)
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
      <button type="button" className="small-button" data-testid="curvature-at-start" disabled={busy || problemBusy} onClick={() => void curvatureAtStart()}>
        At the start point
      </button>
      {c && (
        <p title={rule}>
          <span className={`badge badge-${point ? point.kind.replace(/ /g, '-') : 'unknown'}`} data-testid="curvature-badge">
            {point ? badgeText(point) : 'gradient not measured here'}
          </span>{' '}
          <span className="muted small">
            {point && !point.stationary ? `‖∇f‖ > ${fmt(point.gradTolerance, 2)}, so the eigenvalues describe the local bowl only; ` : ''}
            {neg}; {c.method}
            {c.products ? `, ${c.products} HVPs` : ''}
          </span>
        </p>
      )}
    </section>
  );
}
