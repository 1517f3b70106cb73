import { describe, expect, it, vi } from 'vitest';
import { packRecords } from '../protocol/record-columns';
import type { RunEvents, RunRequest, StreamedRecord } from '../protocol/run';
import { useAppStore } from '../state/store';

/** A worker whose run streams what the test scripts, well formed or not. */
let script: (events: RunEvents) => Promise<void> = async () => {};
const cancels: number[] = [];
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    proxy: <T>(x: T) => x,
    worker: () => ({
      run: async (_req: RunRequest, events: RunEvents) => script(events),
      cancel: () => void cancels.push(1),
    }),
  };
});
vi.mock('./problem', () => ({ ensureProblem: async () => true }));
vi.mock('./curvature', () => ({ requestCurvature: () => {} }));
vi.mock('./surface', () => ({ fitNetworkSurface: async () => {} }));

const record = (iteration: number, loss: number): StreamedRecord => ({ iteration, point: [0.5, 0.5], loss, gradNorm: 1, stepSize: 0.01, nfev: iteration + 1, ngev: iteration + 1, nhvp: 0, timeMs: iteration });
/** One optimizer's records as the worker streams them: columns. */
const batch = (...records: StreamedRecord[]) => [packRecords(0, records)];
const result = { optimizer: 'sgd', hyperParams: { lr: 0.01 }, success: false, reason: 'max iterations', nit: 2, nfev: 3, ngev: 3, nhvp: 0, x: [0.5, 0.5], f: 0.3, gradNorm: 1, records: [] };

describe('explorer run messages are checked where they arrive', () => {
  it('a record whose loss is not finite stops the run: the well-formed records stay, one notice names the field', async () => {
    const { run } = await import('./run');
    useAppStore.getState().setOptimizers(['sgd']);
    script = async (events) => {
      await events.onBatch(batch(record(0, 1), record(1, 0.5)));
      await events.onBatch(batch(record(2, 0.3), record(3, NaN)));
      await events.onDone(0, result as never);
    };
    await run();
    const s = useAppStore.getState();
    expect(s.trajectories[0].records.toArray().map((r) => r.iteration)).toEqual([0, 1]);
    expect(cancels.length).toBeGreaterThan(0);
    expect(s.status).toBe('done');
    expect(s.notice?.text).toBe('Run: malformed run records result from the worker: 0.loss.1: expected a finite number, received NaN');
  });

  it('a summary with an unknown stop reason is refused; a well-formed one is applied', async () => {
    const { run } = await import('./run');
    script = async (events) => {
      await events.onBatch(batch(record(0, 1)));
      await events.onDone(0, { ...result, reason: 'tired' } as never);
    };
    await run();
    expect(useAppStore.getState().notice?.text).toMatch(/^Run: malformed run result from the worker: reason: /);
    script = async (events) => {
      await events.onBatch(batch(record(0, 1)));
      await events.onDone(0, result as never);
    };
    await run();
    expect(useAppStore.getState().notice).toBeNull();
    expect(useAppStore.getState().trajectories[0].result?.reason).toBe('max iterations');
  });
});
