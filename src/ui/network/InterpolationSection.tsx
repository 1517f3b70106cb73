import { useRef, type ReactElement } from 'react';
import { useAppStore } from '../../state/store';
import { fmt } from '../format';
import { LinePlot } from '../views/LinePlot';
import { SelectField } from '../SelectField';
import { ComputeButton } from './ComputeButton';
import { ExportButtons } from './ExportButtons';
import { computeInterpolation } from '../../controllers/intents';
import { decodePoint, encodeRef, usePointOptions } from './point-refs';

/** Loss along the straight line between two points (Goodfellow, Vinyals & Saxe 2015). */
export function InterpolationSection({ base }: { base: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const n = useAppStore((s) => s.network);
  const setNetwork = useAppStore((s) => s.setNetwork);
  const line = useAppStore((s) => s.interpolation);
  const busy = useAppStore((s) => s.netBusy.interpolation ?? false);
  const error = useAppStore((s) => s.netErrors.interpolation);
  const options = usePointOptions();
  const labelOf = (v: string): string => options.find((o) => o.value === v)?.label ?? v;
  const from = encodeRef(n.interpFrom);
  const to = encodeRef(n.interpTo);
  const missing = (value: string): string => (value === 'trained' ? 'end of the training run (not run yet)' : value);
  return (
    <section className="panel net-section" aria-label="1-D interpolation">
      <header className="net-head">
        <h2>1-D interpolation</h2>
        <ExportButtons id="interpolation" base={base} title="Loss along (1 − t) A + t B" view={view} json={line ? () => ({ format: 'curvscape-interpolation', version: 1, from: labelOf(from), to: labelOf(to), ...line }) : null} />
      </header>
      <div className="net-controls">
        <SelectField label="A (t = 0)" testId="interp-from" value={from} options={options} missingLabel={missing(from)} onChange={(v) => setNetwork({ interpFrom: decodePoint(v) })} />
        <SelectField label="B (t = 1)" testId="interp-to" value={to} options={options} missingLabel={missing(to)} onChange={(v) => setNetwork({ interpTo: decodePoint(v) })} />
        <div className="buttons">
          <ComputeButton testId="compute-interpolation" busy={busy} disabled={from === to} onCompute={computeInterpolation} />
        </div>
      </div>
      {error && <p className="net-error">{error}</p>}
      <div ref={view} data-testid="interpolation-chart">
        {line ? (
          <LinePlot series={[{ label: 'loss', color: '#0072b2', x: line.t, y: line.loss }]} xLabel="t" yLabel="loss" height={200} />
        ) : (
          <div className="placeholder net-placeholder short">loss along the line from A to B</div>
        )}
      </div>
      {line && (
        <p className="small net-readout">
          ‖B − A‖ = {fmt(line.distance)}; loss {fmt(line.loss[line.t.findIndex((t) => t >= 0)])} at A, {fmt(line.loss[line.t.findIndex((t) => t >= 1 - 1e-12)])} at B, highest between{' '}
          {fmt(Math.max(...line.loss.filter((_, i) => line.t[i] >= 0 && line.t[i] <= 1)))}. Full batch, {line.t.length} points batched on the backend.
        </p>
      )}
    </section>
  );
}
