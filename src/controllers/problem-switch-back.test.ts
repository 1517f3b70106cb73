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
      init: async () => ({ backend: 'cpu', requested: 'cpu', reason: 'requested cpu' }),
      surface: async () => ({ xs: [0, 1], ys: [0, 1], values: [[0, 0], [0, 0]] }),
      cancel: async () => undefined,
    }),
  };
});

const info = (spec: ProblemSpec): ProblemInfo => ({ key: problemKey(spec), label: problemKey(spec), dim: 2, network: false, start: [0, 0], domain: { x: [-1, 1], y: [-1, 1] }, logScale: false });

async function settle(): Promise<void> {
  for (let k = 0; k < 10; k++) await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  vi.stubGlobal('navigator', { userAgent: 'test-agent' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
  loads.length = 0;
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
    loads[0].resolve({ ok: true, info: info(a) });
    expect(await first).toBe(true);

    useAppStore.getState().setProblem(b);
    const toB = ensureProblem();
    await settle();
    useAppStore.getState().setProblem(a);
    const backToA = ensureProblem();
    await settle();
    expect(loads.map((l) => l.req.spec)).toEqual([a, b, a]);
    loads[1].resolve({ ok: true, info: info(b) });
    await settle();
    loads[2].resolve({ ok: true, info: info(a) });
    expect(await toB).toBe(false);
    expect(await backToA).toBe(true);
    expect(useAppStore.getState().setup.problem).toEqual(a);
    expect(useAppStore.getState().problemInfo?.key).toBe(problemKey(a));
  });
});
