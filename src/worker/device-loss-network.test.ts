/**
 * Network-mode work after a lost WebGPU device, simulated on the cpu backend: one evaluation fails
 * as a destroyed GPU buffer would and the loss is reported (as BackendQueue does once TF.js moved to
 * the fallback). Training must continue from its last iterate and step count, and end where an
 * uninterrupted run ends: plain SGD is deterministic, so both sides take the same steps.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CurvaturePoint } from '../core/analysis/curvature-tracker';
import { setBackend } from '../engine/backend';
import type { TrainProgress } from '../protocol/network';
import { defaultDatasetSpec } from '../state/problem-spec';
import type { LossWatch } from './device-loss';
import { Generations } from './generations';
import { createNetworkApi } from './network-analysis';
import { loadNetworkProblem } from './network-problem';
import type { DisposableObjective, LoadedProblem } from './problem-objective';
import { RunStore } from './run-store';

const STEPS = 60;
const EVERY = 20;
const TRAIN = { generation: 1, optimizer: 'sgd', hyperParams: { lr: 2 }, steps: STEPS, every: EVERY, traceProbes: 4, lanczosTol: 1e-6, seed: 0 };
/** float32 arithmetic on both sides, repeated over 60 steps. */
const TOL = 1e-5;

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
}

/**
 * The problem with its first objective failing on the `failAt`-th call of `method`, as a lost
 * device's buffers do; the watch then reports the loss, as the worker's BackendQueue does.
 */
function losingDevice(real: LoadedProblem, method: 'valueAndGrad' | 'hvp', failAt: number): { p: LoadedProblem; watch: LossWatch } {
  const watch: LossWatch = { losses: 0, lostSince: async (before) => (watch.losses > before ? 'WebGPU device was lost (destroyed); continued on cpu' : null) };
  let made = 0;
  const p: LoadedProblem = {
    ...real,
    objective: (): DisposableObjective => {
      const f = real.objective();
      if (++made > 1) return f;
      let calls = 0;
      const fail = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
        if (++calls === failAt) {
          watch.losses++;
          return Promise.reject(new Error('mapAsync: Buffer was destroyed'));
        }
        return call(...args);
      };
      return method === 'valueAndGrad' ? Object.assign(Object.create(f), { valueAndGrad: fail(f.valueAndGrad.bind(f)) }) : Object.assign(Object.create(f), { hvp: fail(f.hvp.bind(f)) });
    },
  };
  return { p, watch };
}

interface Trained {
  progress: TrainProgress[];
  summary: Awaited<ReturnType<ReturnType<typeof createNetworkApi>['trainCurvature']>>;
  iterates: Float64Array[];
}

async function train(p: LoadedProblem, watch?: LossWatch): Promise<Trained> {
  const runs = new RunStore();
  const api = createNetworkApi({ loaded: () => p, runs, generations: new Generations(), backends: watch ? () => watch : undefined });
  const progress: TrainProgress[] = [];
  const summary = await api.trainCurvature({ ...TRAIN, id: 'train-1' }, (q) => void progress.push(structuredClone(q)));
  return { progress, summary, iterates: runs.training('train-1', p)! };
}

const steps = (points: CurvaturePoint[]): number[] => points.map((q) => q.step);

describe('Network-mode training after a lost device (default spiral, plain SGD, cpu both sides)', () => {
  let real: LoadedProblem;
  let uninterrupted: Trained;
  beforeAll(async () => {
    await setBackend('cpu');
    real = await loadNetworkProblem(defaultDatasetSpec('spiral'));
    uninterrupted = await train(real);
  }, 120_000);

  // SGD evaluates the gradient once per step: call n is at step n - 1's iterate, so a failure on
  // call 31 leaves steps 0..29 recorded, and one on call 42 steps 0..40 (40 measured: the failing call waits for it).
  test.each([
    { failAt: 31, lostAt: 29, before: [0, 20] },
    { failAt: 42, lostAt: 40, before: [0, 20, 40] },
  ])('lost on gradient call $failAt: continues from step $lostAt and ends where the uninterrupted run ends', async ({ failAt, lostAt, before }) => {
    const { p, watch } = losingDevice(real, 'valueAndGrad', failAt);
    const t = await train(p, watch);
    const words = `WebGPU device lost at step ${lostAt}; continued on cpu from the parameters at step ${lostAt} (sgd's optimizer state re-created there, not carried)`;

    // The notice names the step and the backend, once, in the progress stream and in the summary.
    const noted = t.progress.findIndex((q) => q.note !== undefined);
    expect(t.progress[noted].note).toBe(words);
    expect(t.progress.filter((q) => q.note !== undefined)).toHaveLength(1);
    expect(t.summary.notes).toEqual([words]);
    expect(t.progress[noted].step).toBe(lostAt);

    // The curvature series keeps its earlier points and goes on at the same steps, none twice.
    const pointsBefore = t.progress.slice(0, noted + 1).flatMap((q) => q.points);
    const pointsAfter = t.progress.slice(noted + 1).flatMap((q) => q.points);
    expect(steps(pointsBefore)).toEqual(before);
    expect(steps(pointsBefore.concat(pointsAfter))).toEqual([0, 20, 40, 60]);
    // Progress after the loss counts steps on from it.
    const after = t.progress.slice(noted + 1).map((q) => q.step);
    expect(after.every((s) => s > lostAt)).toBe(true);
    expect(after.at(-1)).toBe(STEPS);

    // Losses and parameters: those of the uninterrupted run, step for step, within float32 tolerance.
    expect(t.summary.losses).toHaveLength(STEPS + 1);
    close(t.summary.losses, uninterrupted.summary.losses, TOL);
    expect(t.iterates).toHaveLength(STEPS + 1);
    close(t.iterates[STEPS], uninterrupted.iterates[STEPS], TOL);
    close(t.iterates[lostAt + 1], uninterrupted.iterates[lostAt + 1], TOL);
    const all = t.progress.flatMap((q) => q.points);
    all.forEach((q, i) => expect(Math.abs(q.lambdaMax - uninterrupted.progress.flatMap((u) => u.points)[i].lambdaMax)).toBeLessThan(1e-4 * Math.abs(q.lambdaMax)));
    expect(t.summary.reason).toBe('max iterations');
    expect(t.summary.reason).toBe(uninterrupted.summary.reason);
  }, 120_000);

  test('a failure that is not a device loss still ends the training with its own error', async () => {
    const { p } = losingDevice(real, 'valueAndGrad', 5);
    const none: LossWatch = { losses: 0, lostSince: async () => null };
    await expect(train(p, none)).rejects.toThrow('mapAsync: Buffer was destroyed');
  }, 60_000);

  test('the spectral density lost midway is computed again on the fallback: the same seeds give the same density', async () => {
    const req = { id: 'd', generation: 1, held: { explorer: null, trained: null }, at: { kind: 'init' as const }, probes: 2, steps: 12, runs: 1, seed: 3 };
    const clean = await createNetworkApi({ loaded: () => real, runs: new RunStore(), generations: new Generations() }).spectralDensity(req);
    const { p, watch } = losingDevice(real, 'hvp', 7);
    const d = await createNetworkApi({ loaded: () => p, runs: new RunStore(), generations: new Generations(), backends: () => watch }).spectralDensity(req);
    expect(watch.losses).toBe(1);
    expect(d.note).toBe('WebGPU device lost during the spectral density; computed again on cpu');
    expect(clean.note).toBeUndefined();
    close(d.density, clean.density, 1e-9);
    close(d.exact!, clean.exact!, 1e-9);
  }, 120_000);
});
