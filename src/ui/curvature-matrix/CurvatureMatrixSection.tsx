import { useRef, type ReactElement } from 'react';
import { computeCurvatureMatrix } from '../../controllers/intents';
import type { CurvatureMatrixReport } from '../../protocol/curvature-matrix';
import { useAppStore } from '../../state/store';
import { fmt } from '../format';
import { GlossaryTerms } from '../glossary/GlossaryTerms';
import { ComputeButton } from '../network/ComputeButton';
import { ExportButtons } from '../network/ExportButtons';
import { droppedNegative, stripScale } from './spectrum-strip';
import './curvature-matrix.css';

const W = 420;
const ROW = 34;

/** H's and G's computed eigenvalues as ticks on one signed-log axis, H above G, zero marked. */
function SpectrumStrips({ c }: { c: CurvatureMatrixReport }): ReactElement {
  const rows = [
    { label: 'H', values: [...c.hessianBottom, ...c.hessianTop], colour: '#c0392b' },
    { label: 'G', values: [...c.ggnBottom, ...c.ggnTop], colour: '#2471a3' },
  ];
  const scale = stripScale(rows.flatMap((r) => r.values));
  const x = (v: number): number => 24 + scale.at(v) * (W - 40);
  return (
    <svg width={W} height={ROW * 2 + 20} role="img" aria-label="H and G eigenvalues on a signed-log axis" data-testid="cm-strips">
      <line x1={x(0)} x2={x(0)} y1={4} y2={ROW * 2 + 4} stroke="#888" strokeDasharray="3 3" />
      <text x={x(0)} y={ROW * 2 + 16} fontSize="10" textAnchor="middle">0</text>
      <text x={x(scale.hi)} y={ROW * 2 + 16} fontSize="10" textAnchor="end">{fmt(scale.hi, 3)}</text>
      {scale.lo < 0 && <text x={x(scale.lo)} y={ROW * 2 + 16} fontSize="10" textAnchor="start">{fmt(scale.lo, 3)}</text>}
      {rows.map((r, i) => (
        <g key={r.label}>
          <text x={4} y={i * ROW + 22} fontSize="12" fontWeight="bold">{r.label}</text>
          <line x1={24} x2={W - 16} y1={i * ROW + 18} y2={i * ROW + 18} stroke="#ccc" />
          {r.values.map((v, j) => (
            <line key={j} x1={x(v)} x2={x(v)} y1={i * ROW + 8} y2={i * ROW + 28} stroke={r.colour} strokeWidth={2} />
          ))}
        </g>
      ))}
    </svg>
  );
}

/**
 * H beside the generalised Gauss-Newton matrix G at the analysed point: both ends of each spectrum
 * by Lanczos, the negative curvature of H that G (positive semi-definite) drops, and the angle
 * between their top eigenvectors. For these losses G is also the Fisher of the model's predictive
 * distribution (Martens 2020, New Insights and Perspectives on the Natural Gradient Method).
 */
export function CurvatureMatrixSection({ base, where }: { base: string; where: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const c = useAppStore((s) => s.curvatureMatrix);
  const busy = useAppStore((s) => s.netBusy.curvatureMatrix ?? false);
  const error = useAppStore((s) => s.netErrors.curvatureMatrix);
  const dropped = c ? droppedNegative(c.hessianBottom) : [];
  const k = c ? Math.max(c.hessianTop.length, c.hessianBottom.length) : 0;
  return (
    <section className="panel net-section" aria-label="Curvature matrix" data-testid="curvature-matrix">
      <header className="net-head">
        <h2>Curvature matrix: H beside G</h2>
        <ExportButtons id="curvature-matrix" base={base} title={`H and G at ${where}`} view={view} json={c ? () => ({ format: 'curvscape-curvature-matrix', version: 1, ...c, at: where }) : null} />
      </header>
      <div className="buttons">
        <ComputeButton testId="compute-curvature-matrix" busy={busy} onCompute={computeCurvatureMatrix} />
        <span className="muted small">Lanczos at both ends of the Hessian H and the Gauss-Newton matrix G (= the Fisher for these losses) at the same point</span>
      </div>
      <GlossaryTerms terms={['lambda-max', 'lambda-min', 'hvp']} />
      {error && <p className="net-error">{error}</p>}
      <div ref={view} className="net-hessian">
        {c ? (
          <>
            <SpectrumStrips c={c} />
            <table className="results net-table" data-testid="cm-table">
              <thead>
                <tr>
                  <th>rank</th>
                  <th>top of H</th>
                  <th>top of G</th>
                  <th>bottom of H</th>
                  <th>bottom of G</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: k }, (_, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td data-testid={`cm-h-top-${i}`}>{fmt(c.hessianTop[i])}</td>
                    <td data-testid={`cm-g-top-${i}`}>{fmt(c.ggnTop[i])}</td>
                    <td data-testid={`cm-h-bottom-${i}`}>{fmt(c.hessianBottom[i])}</td>
                    <td data-testid={`cm-g-bottom-${i}`}>{fmt(c.ggnBottom[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="cm-summary">
              <dt>angle between top eigenvectors</dt>
              <dd data-testid="cm-angle" data-value={c.topAngleDegrees}>{fmt(c.topAngleDegrees, 3)}°</dd>
              <dt>λ_max(H) − λ_max(G)</dt>
              <dd data-testid="cm-gap" data-value={c.topGap}>{fmt(c.topGap)}</dd>
              <dt>negative curvature of H that G drops</dt>
              <dd data-testid="cm-dropped">
                {dropped.length > 0 ? `${dropped.map((v) => fmt(v)).join(', ')} (G ≥ 0 by construction)` : 'none among the bottom eigenvalues found: H is positive here too'}
              </dd>
              <dt>products</dt>
              <dd data-testid="cm-products">
                {c.hvps} HVPs, {c.ggnvps} GGN products{c.converged ? '' : ' (not converged to tolerance)'}, P = {c.dim}
              </dd>
            </dl>
          </>
        ) : (
          <div className="placeholder net-placeholder">{busy ? 'running Lanczos on H and G…' : `H and G at ${where}`}</div>
        )}
      </div>
    </section>
  );
}
