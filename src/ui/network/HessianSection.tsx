import { useMemo, useRef, type ReactElement } from 'react';
import { useAppStore } from '../../state/store';
import { fmt } from '../format';
import { GlossaryTerms } from '../glossary/GlossaryTerms';
import { Heatmap } from '../views/Heatmap';
import { ComputeButton } from './ComputeButton';
import { ExportButtons } from './ExportButtons';
import { computeHessian } from '../../controllers/intents';

/** The dense Hessian for P ≤ 500 with its layer blocks, and every layer's block λ_max and trace for any P. */
export function HessianSection({ base, where }: { base: string; where: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const h = useAppStore((s) => s.hessian);
  const busy = useAppStore((s) => s.netBusy.hessian ?? false);
  const error = useAppStore((s) => s.netErrors.hessian);
  const matrix = useMemo(() => (h?.matrix ? { n: h.dim, values: h.matrix, blocks: h.boundaries } : null), [h]);
  return (
    <section className="panel net-section" aria-label="Hessian by layer">
      <header className="net-head">
        <h2>Hessian by layer</h2>
        <ExportButtons id="hessian" base={base} title={`Hessian at ${where}`} view={view} json={h ? () => ({ format: 'curvscape-hessian-blocks', version: 1, at: where, ...h }) : null} />
      </header>
      <div className="buttons">
        <ComputeButton testId="compute-hessian" busy={busy} onCompute={computeHessian} />
        <span className="muted small">dense heat map for P ≤ 500; per-layer blocks by Lanczos and trace for any P</span>
      </div>
      <GlossaryTerms terms={['lambda-max', 'trace', 'hvp']} />
      {error && <p className="net-error">{error}</p>}
      <div ref={view} className="net-hessian">
        {matrix ? (
          <Heatmap matrix={matrix} testId="hessian-heatmap" size={300} />
        ) : h ? (
          <p className="muted small">P = {h.dim} is above 500: no dense heat map, the per-layer table below still holds.</p>
        ) : (
          <div className="placeholder net-placeholder">{busy ? 'forming H…' : `Hessian at ${where}`}</div>
        )}
        {h && (
          <table className="results net-table" data-testid="layer-table">
            <thead>
              <tr>
                <th>layer block</th>
                <th>λ_max</th>
                <th>trace</th>
                <th>HVPs</th>
              </tr>
            </thead>
            <tbody>
              {h.layers.map((l) => (
                <tr key={l.block.layer}>
                  <td>{l.block.label}</td>
                  <td title={`relative residual ${fmt(l.residual, 2)}`}>{fmt(l.lambdaMax)}</td>
                  <td>{l.trace.method === 'exact' ? `${fmt(l.trace.value)} (exact)` : `${fmt(l.trace.value)} ± ${fmt(l.trace.stdError, 2)} (${l.trace.probes} probes)`}</td>
                  <td>{l.hvps}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
