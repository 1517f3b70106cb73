import type { ReactElement } from 'react';
import { BACKEND_REQUESTS, type BackendRequest } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { remeasureBackend, retryWebgpu } from '../controllers/intents';
import type { ProbeRow } from '../protocol/backend';

function ProbeTable({ rows, chosen }: { rows: ProbeRow[]; chosen: string }): ReactElement {
  return (
    <table className="probe-table" data-testid="backend-timings">
      <thead>
        <tr>
          <th>backend</th>
          <th title="median of the timed gradients after one warm-up">median</th>
          <th>runs (ms)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.backend} data-backend={r.backend} className={r.backend === chosen ? 'chosen' : undefined}>
            <td>{r.backend}</td>
            <td data-col="median">{r.median === null ? '—' : `${r.median.toFixed(2)} ms`}</td>
            <td className="muted">{r.note ?? r.samples.map((x) => x.toFixed(1)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BackendPanel(): ReactElement {
  const info = useAppStore((s) => s.backend);
  const busy = useAppStore((s) => s.backendBusy);
  const request = useAppStore((s) => s.setup.backend);
  const setRequest = useAppStore((s) => s.setBackendRequest);
  const deviceLoss = useAppStore((s) => s.deviceLoss);
  return (
    <div className="backend">
      <label>
        backend
        <select data-testid="backend-select" value={request} onChange={(e) => setRequest(e.target.value as BackendRequest)}>
          {BACKEND_REQUESTS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      {request === 'auto' && (
        <button type="button" className="small" data-testid="backend-remeasure" disabled={busy} onClick={() => void remeasureBackend()} title="Time every backend on one gradient of the spiral network again (auto remembers its last measurement in this browser)">
          re-measure
        </button>
      )}
      {deviceLoss && (
        <button type="button" className="small" data-testid="backend-retry-webgpu" disabled={busy} onClick={retryWebgpu} title={`${deviceLoss}. Ask for WebGPU again, on a fresh device (a network problem is rebuilt there).`}>
          Retry WebGPU
        </button>
      )}
      <span className={`pill ${info?.fallback ? 'warn' : ''}`}>
        in use: <strong data-testid="backend" title={info ? undefined : 'starts when a network needs it'}>{busy ? '…' : info?.backend ?? 'none'}</strong>
      </span>
      <details className="why">
        <summary className="muted small reason" data-testid="backend-reason" title={info?.reason}>
          {busy ? 'starting…' : info?.reason ?? 'not started: the 2-D functions need no tensor backend; it starts with the first network'}
        </summary>
        {!busy && info && (
          <div className="why-body">
            <p>{info.reason}</p>
            {info.probes && info.probes.length > 0 ? (
              <ProbeTable rows={info.probes} chosen={info.backend} />
            ) : (
              <p className="muted">Choose auto to time every backend on one gradient of the spiral network.</p>
            )}
          </div>
        )}
      </details>
    </div>
  );
}
