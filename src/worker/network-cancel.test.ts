/**
 * Issue 8's cancel and supersede rules for Network-mode training, in the worker (cpu backend,
 * default spiral): Cancel stops training at its next step with reason 'cancelled' (the controller
 * then reports "cancelled at step k" from the losses), a newer training request stops the older
 * one the same way, and a device loss after a cancel is not continued.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { setBackend } from '../engine/backend';
import type { TrainProgress } from '../protocol/network';
import { defaultDatasetSpec } from '../state/problem-spec';
import type { LossWatch } from './device-loss';
import { Generations } from './generations';
import { createNetworkApi, type NetworkApi } from './network-analysis';
import { loadNetworkProblem } from './network-problem';
import type { LoadedProblem } from './problem-objective';
import { RunStore } from './run-store';

const LONG = { optimizer: 'sgd', hyperParams: { lr: 2 }, steps: 5000, every: 1000, traceProbes: 2, lanczosTol: 1e-4, seed: 0 };

describe('cancelling and superseding Network-mode training (default spiral, cpu)', () => {
  let p: LoadedProblem;
  let runs: RunStore;
  let api: NetworkApi;
  beforeAll(async () => {
    await setBackend('cpu');
    p = await loadNetworkProblem(defaultDatasetSpec('spiral'));
  }, 120_000);

  const fresh = (watch?: LossWatch): void => {
    runs = new RunStore();
    api = createNetworkApi({ loaded: () => p, runs, generations: new Generations(), backends: watch ? () => watch : undefined });
  };

  test('Cancel stops training at the step it reached: the summary says cancelled and its losses end there', async () => {
    fresh();
    let cancelledAt = -1;
    const summary = await api.trainCurvature({ ...LONG, id: 't1', generation: 1 }, (q: TrainProgress) => {
      if (cancelledAt < 0 && q.step > 0) {
        cancelledAt = q.step;
        api.networkCancel();
      }
    });
    expect(summary.reason).toBe('cancelled');
    expect(cancelledAt).toBeGreaterThan(0);
    // The cancel lands between steps: no step is taken after the one the progress reported.
    expect(summary.losses.length - 1).toBe(cancelledAt);
    expect(runs.training('t1', p)).toHaveLength(cancelledAt + 1);
  }, 120_000);

  test('a newer training request stops the older one; only the newer run is held', async () => {
    fresh();
    let newer = null as Promise<unknown> | null;
    const older = await api.trainCurvature({ ...LONG, id: 't1', generation: 1 }, (q) => {
      if (!newer && q.step > 0) newer = api.trainCurvature({ ...LONG, steps: 30, every: 10, id: 't2', generation: 2 }, () => undefined);
    });
    expect(older.reason).toBe('cancelled');
    expect(older.losses.length).toBeLessThan(LONG.steps + 1);
    const second = (await newer) as Awaited<ReturnType<NetworkApi['trainCurvature']>>;
    expect(second.reason).toBe('max iterations');
    expect(second.losses).toHaveLength(31);
    expect(runs.training('t1', p)).toBeNull();
    expect(runs.training('t2', p)).toHaveLength(31);
  }, 120_000);

  test('a device loss after Cancel is not continued: its error stands', async () => {
    let made = 0;
    const watch: LossWatch = { losses: 0, lostSince: async (before) => (watch.losses > before ? 'lost; continued on cpu' : null) };
    const real = p;
    p = {
      ...real,
      objective: () => {
        const f = real.objective();
        if (++made > 1) return f;
        let calls = 0;
        return Object.assign(Object.create(f), {
          valueAndGrad: (w: Float64Array) => {
            if (++calls === 3) {
              // the person cancels just as the device goes
              api.networkCancel();
              watch.losses++;
              return Promise.reject(new Error('mapAsync: Buffer was destroyed'));
            }
            return f.valueAndGrad(w);
          },
        });
      },
    };
    try {
      fresh(watch);
      await expect(api.trainCurvature({ ...LONG, id: 't1', generation: 1 }, () => undefined)).rejects.toThrow('Buffer was destroyed');
      expect(made).toBe(1);
    } finally {
      p = real;
    }
  }, 120_000);
});
