import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemInfo, ProblemLoad, ProblemRequest } from '../protocol/problem';
import { DEFAULT_NETWORK_LR } from '../state/network-slice';
import { defaultDatasetSpec } from '../state/problem-spec';
import { useAppStore } from '../state/store';

/** The worker answers every load at once with `answer`; the requests are kept for the assertions. */
const loads: ProblemRequest[] = [];
let answer: (req: ProblemRequest) => ProblemLoad = (req) => ({ ok: true, info: info(req) });
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    worker: () => ({
      setProblem: async (req: ProblemRequest) => (loads.push(req), answer(req)),
      checkUpload: async () => ({ ok: true }),
      init: async () => ({ backend: 'cpu', requested: 'cpu', reason: 'requested cpu' }),
      surface: async () => ({ xs: [0, 1], ys: [0, 1], values: [[0, 0], [0, 0]] }),
      cancel: async () => undefined,
    }),
  };
});

function info(req: ProblemRequest): ProblemInfo {
  return { key: JSON.stringify(req.custom?.architecture ?? req.spec), label: 'p', dim: 9, network: true, start: [0, 0], domain: { x: [-1, 1], y: [-1, 1] }, logScale: false };
}

beforeEach(() => {
  vi.stubGlobal('navigator', { userAgent: 'test-agent' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
  loads.length = 0;
  answer = (req) => ({ ok: true, info: info(req) });
  useAppStore.getState().setBackendRequest('cpu');
});

describe('an uploaded CSV keeps its architecture editable (issue 9)', () => {
  const text = 'x1,x2,y\n0,0,0.5\n1,1,1.5\n';
  const file = { name: 'ramp.csv', size: text.length, text: async () => text } as unknown as File;

  it('reloads the same data with the new architecture, and keeps the old one when the worker refuses', async () => {
    const { csvArchitecture, loadProblemFile, reloadCsv } = await import('./problem');
    useAppStore.getState().setProblem({ kind: 'function', name: 'rosenbrock' });
    expect(csvArchitecture()).toBeNull();
    expect(await loadProblemFile(file)).toBe(true);
    const first = csvArchitecture()!;
    expect(first.hidden).toEqual([8]);

    const wider = { ...first, hidden: [4, 4], activation: 'relu' as const };
    expect(await reloadCsv(wider)).toBe(true);
    const last = loads[loads.length - 1];
    expect(last.spec).toEqual({ kind: 'custom', name: 'ramp.csv', source: 'csv' });
    expect(last.custom).toMatchObject({ source: 'csv', name: 'ramp.csv', text, architecture: wider });
    expect(csvArchitecture()).toEqual(wider);
    expect(useAppStore.getState().problemInfo?.key).toBe(JSON.stringify(wider));

    answer = () => ({ ok: false, error: 'params: too many' });
    expect(await reloadCsv({ ...wider, hidden: [64, 64, 64, 64] })).toBe(false);
    expect(csvArchitecture()).toEqual(wider);
    expect(useAppStore.getState().notice?.text).toBe('params: too many');
  });

  it("choosing Sine brings Network mode's step size for it; choosing the same dataset again keeps the person's", async () => {
    const { ensureProblem } = await import('./problem');
    useAppStore.getState().setProblem(defaultDatasetSpec('sine'));
    expect(await ensureProblem()).toBe(true);
    expect(useAppStore.getState().network.lr).toBe(DEFAULT_NETWORK_LR.sine);
    expect(DEFAULT_NETWORK_LR.sine).not.toBe(DEFAULT_NETWORK_LR.spiral);
    useAppStore.getState().setNetwork({ lr: 0.1 });
    useAppStore.getState().setProblem({ ...defaultDatasetSpec('sine'), n: 60 });
    expect(await ensureProblem()).toBe(true);
    expect(useAppStore.getState().network.lr).toBe(0.1);
  });
});
