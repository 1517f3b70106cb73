/**
 * The Network mode's requests: each asks the compute worker (the same one the explorer uses, so
 * the same loaded problem and runs), streams progress into the store and never computes here.
 */
import { useAppStore } from '../../state/store';
import type { NetworkView } from '../../state/network-slice';
import { computeClient, ensureProblem } from '../session';
import { proxy } from '../../worker/client';
import type { TrainProgress } from '../../worker/network-api';
import { errorText } from '../error-text';

const store = useAppStore;
/** Progress is shown only for work that has taken longer than this. */
const PROGRESS_AFTER_MS = 300;


/** The results belong to one problem: a new problem clears them. */
function keyNow(): string | null {
  return store.getState().problemInfo?.key ?? null;
}

async function guarded(view: NetworkView, work: (key: string | null) => Promise<void>): Promise<void> {
  store.getState().setNetBusy(view, true);
  try {
    if (!(await ensureProblem())) throw new Error('the problem could not be loaded');
    await work(keyNow());
    store.getState().setNetBusy(view, false);
  } catch (e) {
    const text = errorText(e);
    store.getState().setNetBusy(view, false, /cancelled/.test(text) ? 'cancelled' : text);
  }
}

function stillCurrent(key: string | null): boolean {
  return key === keyNow();
}

export function computeSurface(): Promise<void> {
  return guarded('surface', async (key) => {
    const n = store.getState().network;
    const t0 = performance.now();
    store.getState().setNetSurfaceProgress(0);
    // Progress callbacks travel on their own channel and may land after the result: drop those.
    let settled = false;
    try {
      const surface = await computeClient().networkSurface(
        { method: n.method, grid: n.grid, span: n.span, seed: n.directionSeed, at: n.at, run: n.pcaRun },
        proxy((f: number) => {
          if (!settled && performance.now() - t0 > PROGRESS_AFTER_MS) store.getState().setNetSurfaceProgress(f);
        }),
      );
      if (stillCurrent(key)) store.getState().setNetSurface(surface);
    } finally {
      settled = true;
      store.getState().setNetSurfaceProgress(null);
    }
  });
}

export function cancelNetwork(): void {
  void computeClient().networkCancel();
}

export function trainCurvature(): Promise<void> {
  return guarded('training', async (key) => {
    const s = store.getState();
    const n = s.network;
    const hyperParams = { ...(s.setup.hyperParams[n.optimizer] ?? {}), lr: n.lr };
    s.startTraining();
    let cancelled = false;
    try {
      const summary = await computeClient().trainCurvature(
        { optimizer: n.optimizer, hyperParams, steps: n.steps, every: n.every, traceProbes: n.traceProbes, lanczosTol: 1e-4, seed: 0 },
        proxy((p: TrainProgress) => {
          if (stillCurrent(key)) store.getState().appendTraining(p);
        }),
      );
      cancelled = summary.reason === 'cancelled';
      if (stillCurrent(key)) store.getState().finishTraining(summary, cancelled);
    } catch (e) {
      store.getState().finishTraining(null, true);
      throw e;
    }
  });
}

export function computeInterpolation(): Promise<void> {
  return guarded('interpolation', async (key) => {
    const n = store.getState().network;
    const line = await computeClient().networkInterpolate({ from: n.interpFrom, to: n.interpTo, points: 81, extend: 0.25 });
    if (stillCurrent(key)) store.getState().setInterpolation(line);
  });
}

export function computeDensity(): Promise<void> {
  return guarded('density', async (key) => {
    const n = store.getState().network;
    const d = await computeClient().spectralDensity({ at: n.at, probes: n.densityProbes, steps: n.densitySteps, runs: n.densityRuns, seed: 0 });
    if (stillCurrent(key)) store.getState().setDensity(d);
  });
}

export function computeMiniBatch(): Promise<void> {
  return guarded('minibatch', async (key) => {
    const n = store.getState().network;
    const m = await computeClient().miniBatchSharpness({ at: n.at, batchSize: n.batchSize, batches: n.batches, seed: 0 });
    if (stillCurrent(key)) store.getState().setMiniBatch(m);
  });
}

export function computeHessian(): Promise<void> {
  return guarded('hessian', async (key) => {
    const n = store.getState().network;
    const h = await computeClient().hessianBlocks({ at: n.at, traceProbes: n.traceProbes, seed: 0 });
    if (stillCurrent(key)) store.getState().setHessian(h);
  });
}
