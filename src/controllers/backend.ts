/**
 * The tensor backend, started only when something needs it: a network problem, or a backend the
 * person named. The 2-D Explorer never waits for it. `auto` reuses this browser's earlier
 * measurement unless the person asks to re-measure.
 */
import { backendInfoSchema, type BackendInfo } from '../protocol/backend';
import { checkResult } from '../protocol/parse';
import { BACKEND_REQUESTS, type BackendRequest } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { browserKey, forgetCached, readCached, writeCached } from './backend-cache';
import { errorText } from './error-text';
import { isNewest, issue, proxy, worker } from './worker-link';

const store = useAppStore;

let started: { request: BackendRequest; ready: Promise<boolean> } | null = null;

/**
 * The worker moved off a lost WebGPU device: the setup now names the backend that runs, and the
 * notice says so; trajectories stay (runs restart themselves in the worker). The backend counts as
 * started for that name, so the setup's change starts nothing and rebuilds no problem.
 */
function onDeviceLost(raw: BackendInfo): void {
  let info: BackendInfo;
  try {
    info = checkResult('backend', backendInfoSchema, raw);
  } catch (e) {
    store.getState().setNotice({ kind: 'error', text: `Backend: ${errorText(e)}` });
    return;
  }
  if ((BACKEND_REQUESTS as readonly string[]).includes(info.backend)) started = { request: info.backend as BackendRequest, ready: Promise.resolve(true) };
  store.getState().backendMoved(info);
  store.getState().setNotice({ kind: 'error', text: info.reason });
}

/** The backend panel's "Retry WebGPU" after a device loss: ask for webgpu again, on a fresh device. */
export function retryWebgpu(): void {
  store.getState().setBackendRequest('webgpu');
}

/** Starts the setup's backend (again, when `remeasure`); resolves to whether a backend runs once the newest request settled. */
export function startBackend(remeasure = false): Promise<boolean> {
  const s = store.getState();
  const request = s.setup.backend;
  const ticket = issue('backend');
  s.setBackend(s.backend, true);
  s.setDeviceLoss(null);
  const ready = (async (): Promise<boolean> => {
    const key = request === 'auto' ? await browserKey() : null;
    if (key && remeasure) forgetCached(key);
    const cached = key ? readCached(key) : null;
    try {
      const info = checkResult('backend', backendInfoSchema, await worker().init({ ...ticket, request, cached }, proxy(onDeviceLost)));
      // A request the person replaced (cpu chosen while auto was timing) changes nothing.
      if (!isNewest('backend', ticket)) return started?.ready ?? false;
      if (key && !info.cachedFrom && info.probes && info.backend !== 'none')
        writeCached(key, { backend: info.backend as 'webgpu' | 'webgl' | 'wasm' | 'cpu', probes: info.probes, measuredAt: new Date().toISOString() });
      store.getState().setBackend(info, false);
      return true;
    } catch (e) {
      if (!isNewest('backend', ticket)) return started?.ready ?? false;
      store.getState().setBackend(null, false);
      store.getState().setNotice({ kind: 'error', text: `Backend: ${errorText(e)}` });
      return false;
    }
  })();
  started = { request, ready };
  return ready;
}

/** Resolves once the setup's backend runs (starting it if nothing has yet); false if none could start. */
export function ensureBackend(): Promise<boolean> {
  const request = store.getState().setup.backend;
  if (started && started.request === request) return started.ready;
  return startBackend(false);
}

/** Whether a backend was started (or is starting) for the setup's request. */
export function backendRequested(): boolean {
  return started !== null && started.request === store.getState().setup.backend;
}

/** The backend panel's "re-measure": time every backend again and remember the new choice. */
export function remeasureBackend(): Promise<boolean> {
  return startBackend(true);
}
