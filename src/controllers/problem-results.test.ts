import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemLoad } from '../protocol/problem';
import { useAppStore } from '../state/store';

/** The worker answers a problem load with whatever the test hands it. */
let answer: unknown = null;
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    worker: () => ({
      setProblem: async (): Promise<ProblemLoad> => answer as ProblemLoad,
      checkUpload: async () => ({ ok: true }),
      surface: async () => ({ xs: [0, 1], ys: [0, 1], values: [[0, 0], [0, 0]] }),
      cancel: async () => undefined,
    }),
  };
});

const info = { key: 'fn:booth', label: 'Booth', dim: 2, network: false, start: [0, 0], domain: { x: [-10, 10], y: [-10, 10] }, logScale: false };

beforeEach(() => {
  vi.stubGlobal('navigator', { userAgent: 'test-agent' });
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
});

describe('problem answers are checked where they arrive', () => {
  it('an answer whose domain is missing fails the load with one message; the well-formed one loads', async () => {
    const { loadProblem } = await import('./problem');
    answer = { ok: true, info: { ...info, domain: undefined } };
    expect(await loadProblem({ kind: 'function', name: 'booth' })).toBe(false);
    expect(useAppStore.getState().notice?.text).toBe(
      'malformed problem result from the worker: info.domain: Invalid input: expected object, received undefined; showing the default problem instead',
    );
    answer = { ok: true, info };
    expect(await loadProblem({ kind: 'function', name: 'booth' })).toBe(true);
    expect(useAppStore.getState().problemInfo).toBe((answer as { info: unknown }).info);
  });
});
