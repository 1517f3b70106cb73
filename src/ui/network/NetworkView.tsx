import { useEffect, type ReactElement } from 'react';
import { useAppStore } from '../../state/store';
import { exportBaseName } from '../export';
import { SelectField } from '../SelectField';
import { DensitySection } from './DensitySection';
import { HessianSection } from './HessianSection';
import { CurvatureMatrixSection } from '../curvature-matrix/CurvatureMatrixSection';
import { InterpolationSection } from './InterpolationSection';
import { MiniBatchSection } from './MiniBatchSection';
import { SurfaceSection } from './SurfaceSection';
import { TrainingSection } from './TrainingSection';
import { decodePoint, encodeRef, usePointOptions } from './point-refs';
import './network.css';

/** The Network mode: landscapes and curvature of the chosen network problem. */
export function NetworkView(): ReactElement {
  const info = useAppStore((s) => s.problemInfo);
  const networkKey = useAppStore((s) => s.networkKey);
  const at = useAppStore((s) => s.network.at);
  const setNetwork = useAppStore((s) => s.setNetwork);
  const base = useAppStore((s) => exportBaseName(s));
  const options = usePointOptions();
  const key = info?.key ?? null;

  useEffect(() => {
    if (key !== networkKey) useAppStore.getState().resetNetworkResults(key);
  }, [key, networkKey]);

  const atValue = encodeRef(at);
  const known = options.find((o) => o.value === atValue);
  const where = known?.label ?? 'the initial parameters';

  return (
    <main className="main network-mode" data-testid="network-view">
      <div className="panel net-bar">
        <strong>{info?.label ?? 'network'}</strong>
        <SelectField
          label="point analysed (planes, density, mini-batch, Hessian)"
          testId="net-point"
          value={known ? atValue : 'init'}
          options={options}
          onChange={(v) => setNetwork({ at: decodePoint(v) })}
        />
        <span className="muted small">Full-batch loss unless labelled mini-batch. Every estimate shows its standard error or probe count.</span>
      </div>
      <div className="net-grid">
        <TrainingSection base={base} />
        <SurfaceSection base={base} where={where} />
        <DensitySection base={base} where={where} />
        <HessianSection base={base} where={where} />
        <CurvatureMatrixSection base={base} where={where} />
        <InterpolationSection base={base} />
        <MiniBatchSection base={base} where={where} />
      </div>
    </main>
  );
}
