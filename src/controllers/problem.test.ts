import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemInfo, ProblemLoad, ProblemRequest } from '../protocol/problem';
import { defaultModelSpec, problemKey, type ProblemSpec } from '../state/problem-spec';
import { useAppStore } from '../state/store';

/** setProblem answers arrive when the test says; everything else answers at once. */
const loads: { req: ProblemRequest; resolve: (r: ProblemLoad) => void }[] = [];
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    worker: () => ({
      setProblem: (req: ProblemRequest) => new Promise<ProblemLoad>((resolve) => loads.push({ req, resolve })),
      checkUpload: async () => ({ ok: true }),
      init: async () => ({ backend: 'cpu', requested: 'cpu', reason: 'requested cpu' }),
      surface: async () => ({ xs: [0, 1], ys: [0, 1], values: [[0, 0], [0, 0]] }),
      cancel: async () => undefined,
    }),
  };
});

function info(key: string): ProblemInfo {
  return { key, label: key, dim: 2, network: key.startsWith('custom'), start: [0, 0], domain: { x: [-1, 1], y: [-1, 1] }, logScale: false };
}

async function settle(): Promise<void> {
  for (let k = 0; k < 10; k++) await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  vi.stubGlobal('navigator', { userAgent: 'test-agent' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
  loads.length = 0;
});

describe('problem controller', () => {
  it('a file loaded while the start-up problem is still loading is the one that stays, whichever answer comes last', async () => {
    const { ensureProblem, loadProblemFile } = await import('./problem');
    useAppStore.getState().setBackendRequest('cpu');
    const startup = ensureProblem();
    await settle();
    const file = { name: 'rings.csv', size: 20, text: async () => 'x1,x2,y\n0,0,0\n1,1,1\n' } as unknown as File;
    const uploaded = loadProblemFile(file);
    await settle();
    expect(loads.map((l) => l.req.spec.kind)).toEqual(['function', 'custom']);
    loads[1].resolve({ ok: true, info: info('custom:csv:rings.csv') });
    await settle();
    loads[0].resolve({ ok: true, info: info('fn:rosenbrock') });
    expect(await uploaded).toBe(true);
    expect(await startup).toBe(false);
    const s = useAppStore.getState();
    expect(s.problemInfo?.key).toBe('custom:csv:rings.csv');
    expect(s.setup.problem).toEqual({ kind: 'custom', name: 'rings.csv', source: 'csv' });
    expect(s.notice?.text).toBe('Loaded rings.csv.');
  });

  it('a file over the byte budget is refused before it is read, naming the limit, and the problem stays', async () => {
    const { loadProblemFile } = await import('./problem');
    const before = useAppStore.getState().setup.problem;
    let read = false;
    const file = { name: 'huge.csv', size: 64 * 2 ** 20, text: async () => ((read = true), '') } as unknown as File;
    expect(await loadProblemFile(file)).toBe(false);
    expect(read).toBe(false);
    expect(useAppStore.getState().notice?.text).toBe('huge.csv: 64.0 MiB is over the 32.0 MiB file limit (LIMITS.fileBytes); nothing was loaded');
    expect(useAppStore.getState().setup.problem).toBe(before);
    expect(loads).toHaveLength(0);
  });
});

describe('choosing a problem and going back before the new one loads', () => {
  it('loads the first one again, so the one chosen last is the one that stays (a preset picked and picked back)', async () => {
    const { ensureProblem } = await import('./problem');
    const st = useAppStore.getState();
    st.setBackendRequest('cpu');
    const a = defaultModelSpec();
    const b: ProblemSpec = { ...a, examples: 40 };
    st.setProblem(a);
    const first = ensureProblem();
    await settle();
    loads[0].resolve({ ok: true, info: info(problemKey(a)) });
    expect(await first).toBe(true);

    useAppStore.getState().setProblem(b);
    const toB = ensureProblem();
    await settle();
    useAppStore.getState().setProblem(a);
    const backToA = ensureProblem();
    await settle();
    expect(loads.map((l) => l.req.spec)).toEqual([a, b, a]);
    loads[1].resolve({ ok: true, info: info(problemKey(b)) });
    await settle();
    loads[2].resolve({ ok: true, info: info(problemKey(a)) });
    expect(await toB).toBe(false);
    expect(await backToA).toBe(true);
    expect(useAppStore.getState().setup.problem).toEqual(a);
    expect(useAppStore.getState().problemInfo?.key).toBe(problemKey(a));
  });
});
