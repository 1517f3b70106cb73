import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendInfo, BackendInitRequest } from '../protocol/backend';
import { useAppStore } from '../state/store';

/** A worker whose backend answers arrive when the test says, in any order. */
const pending: { req: BackendInitRequest; resolve: (info: BackendInfo) => void }[] = [];
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    worker: () => ({
      init: (req: BackendInitRequest) => new Promise<BackendInfo>((resolve) => pending.push({ req, resolve })),
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
});
