import { useRef, type ReactElement } from 'react';
import { useAppStore } from '../../state/store';
import { fmt } from '../format';
import { GlossaryTip } from '../glossary/GlossaryTip';
import { ComputeButton } from './ComputeButton';
import { ExportButtons } from './ExportButtons';
import { MiniBatchPlot } from './MiniBatchPlot';
import { SettingField } from './SettingField';
import { computeMiniBatch } from '../../controllers/intents';

/** λ_max on random mini-batches against the full batch (Jastrzebski et al. 2019): SGD's curvature is noisy. */
export function MiniBatchSection({ base, where }: { base: string; where: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const rows = useAppStore((s) => s.problemInfo?.rows ?? 0);
  const m = useAppStore((s) => s.miniBatch);
  const busy = useAppStore((s) => s.netBusy.minibatch ?? false);
  const error = useAppStore((s) => s.netErrors.minibatch);
  return (
    <section className="panel net-section" aria-label="Mini-batch sharpness">
      <header className="net-head">
        <h2>
          Mini-batch vs full-batch λ_max <GlossaryTip term="sharpness" />
        </h2>
        <ExportButtons id="minibatch" base={base} title={`Mini-batch λ_max at ${where}`} view={view} json={m ? () => ({ format: 'curvscape-minibatch-sharpness', version: 1, at: where, ...m }) : null} />
      </header>
      <div className="net-controls">
        <SettingField name="batchSize" label="batch size" testId="minibatch-size" max={rows || Infinity} />
        <SettingField name="batches" label="batches" testId="minibatch-count" />
        <div className="buttons">
          <ComputeButton testId="compute-minibatch" busy={busy} onCompute={computeMiniBatch} />
        </div>
      </div>
      {error && <p className="net-error">{error}</p>}
      <div ref={view}>
        {m ? <MiniBatchPlot values={m.values} fullBatch={m.fullBatch} testId="minibatch-plot" /> : <div className="placeholder net-placeholder short">{busy ? 'Lanczos on each batch…' : `λ_max per batch at ${where}`}</div>}
      </div>
      {m && (
        <p className="small net-readout" data-testid="minibatch-readout">
          Mini-batch (size {m.batchSize} of {m.rows} rows, {m.values.length} batches): mean {fmt(m.mean)}, std {fmt(m.std, 3)}, range {fmt(m.min)} to {fmt(m.max)}; full batch {fmt(m.fullBatch)} (mean / full {fmt(m.mean / m.fullBatch, 3)}).{' '}
          {m.hvps} HVPs{m.converged ? '' : '; some Lanczos solves stopped before their tolerance'}.
        </p>
      )}
    </section>
  );
}
