/**
 * Hessian-free twice in one comparison (issue 11): on the exact Hessian and on the Gauss-Newton
 * matrix, as Martens 2010 ("Deep learning via Hessian-free optimization") ran it. The setup's two
 * entries go through the same path the app's Run takes: runEntries -> the run request's schema ->
 * the worker's side-by-side runner, on a network the app builds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../src/core/optim/types';
import { setBackend } from '../src/engine/backend';
import { unpackBatch, type RecordBatch } from './record-batches';
import { runRequestSchema, type RunRequest } from '../src/protocol/run';
import { runEntries } from '../src/state/optimizer-entries';
import { defaultDatasetSpec } from '../src/state/problem-spec';
import { loadProblem, type LoadedProblem } from '../src/worker/problem-objective';
import { NO_LOSSES } from '../src/worker/device-loss';
import { runSideBySide } from '../src/worker/side-by-side';
import { IterateList } from '../src/worker/iterate-list';

const STEPS = 4;

describe('Hessian-free on H and on G side by side on a network', () => {
  let p: LoadedProblem;
  beforeAll(async () => {
    await setBackend('cpu');
    p = await loadProblem(defaultDatasetSpec('xor'));
  });

  it('runs both entries, each with its own result, the G one spending only Gauss-Newton products', async () => {
    const setup = { optimizers: ['hessian-free', 'hessian-free~2'], hyperParams: { 'hessian-free': { curvature: 'hessian' }, 'hessian-free~2': { curvature: 'gauss-newton' } } };
    const entries = runEntries(setup, 'network');
    expect(entries.map((e) => e.label)).toEqual(['Hessian-free (Hessian)', 'Hessian-free (GGN)']);
    const request: RunRequest = runRequestSchema.parse({
      id: 'run-hf',
      generation: 1,
      optimizers: entries.map((e) => ({ name: e.name, entry: e.entry, hyperParams: e.hyperParams })),
      start: [0, 0],
      steps: STEPS,
      gtol: 1e-12,
    });
    expect(request.optimizers.map((o) => o.entry)).toEqual(['hessian-free', 'hessian-free~2']);

    const batches: RecordBatch[] = [];
    const done = new Map<number, RunResult>();
    const errors = new Map<number, string>();
    const iterates = [new IterateList(), new IterateList()];
    await runSideBySide(p, request, iterates, { onBatch: (b) => void batches.push(...b.map(unpackBatch)), onDone: (i, r) => void done.set(i, r), onError: (i, m) => void errors.set(i, m), onNote: () => undefined }, NO_LOSSES).done;

    expect(errors.size).toBe(0);
    const [hessian, ggn] = [done.get(0)!, done.get(1)!];
    expect(hessian.hyperParams.curvature).toBe('hessian');
    expect(ggn.hyperParams.curvature).toBe('gauss-newton');
    for (const [i, r] of [hessian, ggn].entries()) {
      expect(r.optimizer).toBe('hessian-free');
      expect(r.nit).toBeGreaterThan(0);
      const streamed = batches.filter((b) => b.index === i).flatMap((b) => b.records);
      expect(streamed.map((x) => x.iteration)).toEqual(Array.from({ length: r.nit + 1 }, (_, k) => k));
      expect(iterates[i]).toHaveLength(r.nit + 1);
      // both start from the network's initial parameters and lower its loss
      expect(streamed[0].loss).toBe(batches.find((b) => b.index === 1 - i)!.records[0].loss);
      expect(r.f).toBeLessThan(streamed[0].loss);
    }
    // CG on H counts Hessian-vector products; CG on G counts Gauss-Newton products, never HVPs
    expect(hessian.nhvp).toBeGreaterThan(0);
    expect(hessian.nggnvp ?? 0).toBe(0);
    expect(ggn.nggnvp).toBeGreaterThan(0);
    expect(ggn.nhvp).toBe(0);
    // two runs, two paths: the final iterates differ
    const last = (i: number): Float64Array => iterates[i].last();
    expect(Math.max(...last(0).map((v, k) => Math.abs(v - last(1)[k])))).toBeGreaterThan(0);
  });

  it('refuses a request naming one entry twice', () => {
    const twice = { id: 'r', generation: 1, optimizers: [0, 1].map(() => ({ name: 'hessian-free', entry: 'hessian-free', hyperParams: {} })), start: [0, 0], steps: 1, gtol: 0 };
    expect(runRequestSchema.safeParse(twice).success).toBe(false);
    expect(runRequestSchema.safeParse({ ...twice, optimizers: [twice.optimizers[0], { ...twice.optimizers[1], entry: 'hessian-free~2' }] }).success).toBe(true);
  });
});
