import type { ReactElement } from 'react';
import { BACKEND_REQUESTS, type BackendRequest } from '../state/problem-spec';
import { useAppStore } from '../state/store';

export function BackendPanel(): ReactElement {
  const info = useAppStore((s) => s.backend);
  const busy = useAppStore((s) => s.backendBusy);
  const request = useAppStore((s) => s.setup.backend);
  const setRequest = useAppStore((s) => s.setBackendRequest);
  return (
    <div className="backend" title={info?.reason}>
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
      <span className={`pill ${info?.fallback ? 'warn' : ''}`}>
        in use: <strong data-testid="backend">{busy ? '…' : info?.backend ?? 'none'}</strong>
      </span>
      <span className="muted small reason" data-testid="backend-reason">
        {busy ? 'starting…' : info?.reason}
      </span>
    </div>
  );
}
