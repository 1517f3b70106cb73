import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendInfo, BackendInitRequest } from '../protocol/backend';
import { useAppStore } from '../state/store';
import { lossMessage } from '../worker/device-loss';

/** A worker whose backend answers arrive when the test says, in any order. */
const pending: { req: BackendInitRequest; resolve: (info: BackendInfo) => void; onLost?: (info: BackendInfo) => void }[] = [];
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    worker: () => ({
      init: (req: BackendInitRequest, onLost?: (info: BackendInfo) => void) => new Promise<BackendInfo>((resolve) => pending.push({ req, resolve, onLost })),
    }),
  };
});

const storage = new Map<string, string>();
beforeEach(() => {
  vi.stubGlobal('navigator', { userAgent: 'test-agent' });
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
  pending.length = 0;
  storage.clear();
});

async function settle(): Promise<void> {
  for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 0));
}

describe('backend controller', () => {
  it('cpu chosen while auto is timing stays cpu when auto answers late', async () => {
    const { startBackend } = await import('./backend');
    useAppStore.getState().setBackendRequest('auto');
    const auto = startBackend();
    await settle();
    useAppStore.getState().setBackendRequest('cpu');
    const cpu = startBackend();
    await settle();
    expect(pending.map((p) => p.req.request)).toEqual(['auto', 'cpu']);
    pending[1].resolve({ backend: 'cpu', requested: 'cpu', reason: 'requested cpu' });
    await cpu;
    pending[0].resolve({ backend: 'wasm', requested: 'auto', reason: 'auto: wasm', probes: [] });
    await auto;
    expect(useAppStore.getState().backend?.backend).toBe('cpu');
    expect(useAppStore.getState().backendBusy).toBe(false);
  });

  it('auto\'s measured choice is remembered per browser and handed to the next start; re-measure drops it', async () => {
    const { remeasureBackend, startBackend } = await import('./backend');
    useAppStore.getState().setBackendRequest('auto');
    const first = startBackend();
    await settle();
    const probes = [{ backend: 'wasm', median: 40, samples: [40] }];
    pending[0].resolve({ backend: 'wasm', requested: 'auto', reason: 'auto: wasm', probes });
    await first;
    expect(pending[0].req.cached).toBeNull();
    const second = startBackend();
    await settle();
    expect(pending[1].req.cached).toMatchObject({ backend: 'wasm', probes });
    pending[1].resolve({ backend: 'wasm', requested: 'auto', reason: 'auto: cached', probes, cachedFrom: 'x' });
    await second;
    const third = remeasureBackend();
    await settle();
    expect(pending[2].req.cached).toBeNull();
    pending[2].resolve({ backend: 'cpu', requested: 'auto', reason: 'auto: cpu', probes });
    await third;
  });

  it('after a device loss the setup names the backend that runs, the notice says so, and Retry WebGPU asks for webgpu again', async () => {
    const { backendRequested, ensureBackend, retryWebgpu, startBackend } = await import('./backend');
    useAppStore.getState().setBackendRequest('webgpu');
    const first = startBackend();
    await settle();
    pending[0].resolve({ backend: 'webgpu', requested: 'webgpu', reason: 'requested webgpu' });
    await first;
    const words = lossMessage('wasm', 'destroyed', 'Device was destroyed.');
    pending[0].onLost!({ backend: 'wasm', requested: 'webgpu', reason: words, fallback: words });
    const s = useAppStore.getState();
    expect(s.setup.backend).toBe('wasm');
    expect(s.backend).toMatchObject({ backend: 'wasm', requested: 'wasm' });
    expect(s.notice?.text).toBe('WebGPU device was lost (destroyed: Device was destroyed.); continued on wasm');
    expect(s.deviceLoss).toBe(words);
    // wasm already runs in the worker: the setup's change starts nothing and the network is not rebuilt.
    expect(backendRequested()).toBe(true);
    expect(await ensureBackend()).toBe(true);
    expect(pending).toHaveLength(1);

    retryWebgpu();
    expect(useAppStore.getState().setup.backend).toBe('webgpu');
    expect(backendRequested()).toBe(false);
    const retry = startBackend();
    await settle();
    expect(pending[1].req.request).toBe('webgpu');
    expect(useAppStore.getState().deviceLoss).toBeNull();
    pending[1].resolve({ backend: 'webgpu', requested: 'webgpu', reason: 'requested webgpu' });
    expect(await retry).toBe(true);
    expect(useAppStore.getState().backend?.backend).toBe('webgpu');
  });

  it('a malformed device-loss message is named once and moves nothing', async () => {
    const { startBackend } = await import('./backend');
    useAppStore.getState().setBackendRequest('webgpu');
    const first = startBackend();
    await settle();
    pending[0].resolve({ backend: 'webgpu', requested: 'webgpu', reason: 'requested webgpu' });
    await first;
    pending[0].onLost!({ backend: 'wasm', requested: 'webgpu' } as BackendInfo);
    const s = useAppStore.getState();
    expect(s.setup.backend).toBe('webgpu');
    expect(s.backend?.backend).toBe('webgpu');
    expect(s.notice?.text).toMatch(/^Backend: malformed backend result from the worker: reason: /);
  });
});
