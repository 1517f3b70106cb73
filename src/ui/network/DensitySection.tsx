import { useMemo, useRef, type ReactElement } from 'react';
import { useAppStore } from '../../state/store';
import { fmt } from '../format';
import { GlossaryTip } from '../glossary/GlossaryTip';
import { DensityPlot } from './DensityPlot';
import { ComputeButton } from './ComputeButton';
import { ExportButtons } from './ExportButtons';
import { SettingField } from './SettingField';
import { computeDensity } from '../../controllers/intents';

/** Spectral density by stochastic Lanczos quadrature (Ghorbani et al. 2019), averaged over runs with their spread. */
export function DensitySection({ base, where }: { base: string; where: string }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const density = useAppStore((s) => s.density);
  const overlayG = useAppStore((s) => s.network.densityGgn);
  const setNetwork = useAppStore((s) => s.setNetwork);
  const busy = useAppStore((s) => s.netBusy.density ?? false);
  const error = useAppStore((s) => s.netErrors.density);
  const data = useMemo(
    () =>
      density
        ? {
            grid: density.grid,
            density: density.density,
            min: density.spread.min,
            max: density.spread.max,
            logFloor: density.logFloor,
            exact: density.exact,
            overlay: density.ggn ? { grid: density.ggn.grid, density: density.ggn.density, label: 'Gauss-Newton G, mean over runs (dashed)' } : null,
          }
        : null,
    [density],
  );
  const exactMean = density?.exact ? density.exact.reduce((s, v) => s + v, 0) / density.exact.length : null;

  return (
    <section className="panel net-section" aria-label="Spectral density">
      <header className="net-head">
        <h2>
          Spectral density <GlossaryTip term="slq-density" />
        </h2>
        <ExportButtons id="density" base={base} title={`Hessian spectral density at ${where}`} view={view} json={density ? () => ({ format: 'curvscape-density', version: 1, at: where, method: 'stochastic Lanczos quadrature (Ghorbani et al. 2019)', ...density }) : null} />
      </header>
      <div className="net-controls">
        <SettingField name="densityProbes" label="probes / run" testId="density-probes" />
        <SettingField name="densitySteps" label="Lanczos steps" testId="density-steps" />
        <SettingField name="densityRuns" label="runs" testId="density-runs" />
        <label className="small" title="SLQ on the Gauss-Newton matrix G too, same probes and steps: G has no negative part">
          <input type="checkbox" data-testid="density-ggn" checked={overlayG} onChange={(e) => setNetwork({ densityGgn: e.target.checked })} /> overlay G
        </label>
        <div className="buttons">
          <ComputeButton testId="compute-density" busy={busy} onCompute={computeDensity} />
        </div>
      </div>
      {error && <p className="net-error">{error}</p>}
      <div ref={view}>
        {data ? <DensityPlot data={data} testId="density-plot" /> : <div className="placeholder net-placeholder" data-testid="density-placeholder">{busy ? 'running SLQ…' : `density at ${where}`}</div>}
      </div>
      {density && (
        <p className="small net-readout" data-testid="density-readout">
          At {where}: {density.runs} runs × {density.probes} probes × {density.steps} Lanczos steps ({density.products} HVPs), Gaussian width {fmt(density.width, 3)}. Mean eigenvalue{' '}
          {fmt(density.moments.mean)} ± {fmt(density.moments.meanStdError, 2)}
          {exactMean !== null ? ` (exact ${fmt(exactMean)})` : ''}; mean of λ² {fmt(density.moments.second)} ± {fmt(density.moments.secondStdError, 2)}.
          {density.ggn ? ` G (dashed): mean eigenvalue ${fmt(density.ggn.moments.mean)} ± ${fmt(density.ggn.moments.meanStdError, 2)}, ${density.ggn.products} Gauss-Newton products.` : ''}
          {density.exact ? ` Exact spectrum: ${density.exact.length} eigenvalues from ${fmt(density.exact[0])} to ${fmt(density.exact[density.exact.length - 1])}.` : ''}
        </p>
      )}
    </section>
  );
}
