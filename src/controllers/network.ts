/**
 * The Network mode's requests: each asks the compute worker (the same one the explorer uses, so
 * the same loaded problem), names the runs it may read by id, streams progress into the store
 * while it is the newest of its kind, and never computes here.
 */
import { curvatureMatrixReportSchema } from '../protocol/curvature-matrix';
import {
  hessianReportSchema,
  interpolationLineSchema,
  miniBatchSharpnessSchema,
  networkDensitySchema,
  networkSurfaceSchema,
  trainCurvatureSummarySchema,
  trainProgressSchema,
  type RunIds,
  type TrainCurvatureSummary,
  type TrainProgress,
} from '../protocol/network';
import { checkResult } from '../protocol/parse';
import type { RequestKind, Ticket } from '../protocol/ticket';
import type { NetworkView } from '../state/network-slice';
import { useAppStore } from '../state/store';
import { errorText } from './error-text';
import { ensureProblem } from './problem';
import { APPLY_MS, ProgressBuffer } from './progress-buffer';
import { isNewest, issue, proxy, worker } from './worker-link';

const store = useAppStore;
/** Progress is shown only for work that has taken longer than this. */
const PROGRESS_AFTER_MS = 300;

const KIND_OF: Record<NetworkView, RequestKind> = {
  surface: 'netSurface',
  interpolation: 'interpolation',
  training: 'training',
  density: 'density',
  minibatch: 'minibatch',
  hessian: 'hessian',
  curvatureMatrix: 'curvatureMatrix',
};

/** The runs the store shows: the explorer's current run and the Network mode's training run. */
function held(): RunIds {
  const s = store.getState();
  return { explorer: s.runId, trained: s.training.id };
}

/** Runs `work` with a fresh ticket of the view's kind; busy and error flags follow the newest request only. */
async function guarded(view: NetworkView, work: (ticket: Ticket, current: () => boolean) => Promise<void>): Promise<void> {
  const kind = KIND_OF[view];
  const ticket = issue(kind);
  const current = (): boolean => isNewest(kind, ticket);
  store.getState().setNetBusy(view, true);
  try {
    if (!(await ensureProblem())) throw new Error('the problem could not be loaded');
    if (!current()) return;
    await work(ticket, current);
    if (current()) store.getState().setNetBusy(view, false);
  } catch (e) {
    if (!current()) return;
    store.getState().setNetBusy(view, false, errorText(e));
  }
}

export function computeSurface(): Promise<void> {
  return guarded('surface', async (ticket, current) => {
    const n = store.getState().network;
    const t0 = performance.now();
    store.getState().setNetSurfaceProgress(0);
    // Progress callbacks travel on their own channel and may land after the result: drop those.
    let settled = false;
    // at most one store update (and re-render of the surface's section) per APPLY_MS, as for training
    let shownAt = -Infinity;
    try {
      const surface = checkResult('surface', networkSurfaceSchema, await worker().networkSurface(
        { ...ticket, held: held(), method: n.method, grid: n.grid, span: n.span, seed: n.directionSeed, at: n.at, run: n.pcaRun },
        proxy((f: number) => {
          const now = performance.now();
          if (settled || !current() || now - t0 <= PROGRESS_AFTER_MS || now - shownAt < APPLY_MS) return;
          shownAt = now;
          store.getState().setNetSurfaceProgress(f);
        }),
      ));
      if (current()) {
        store.getState().setNetSurface(surface);
        if (surface.note) store.getState().setNotice({ kind: 'info', text: surface.note });
      }
    } finally {
      settled = true;
      if (current()) store.getState().setNetSurfaceProgress(null);
    }
  });
}

/** Stops the Network mode's work in the worker at its next slice; training then reports the step it reached. */
export function cancelNetwork(): void {
  void worker().networkCancel();
}

export function trainCurvature(): Promise<void> {
  return guarded('training', async (ticket, current) => {
    const s = store.getState();
    const n = s.network;
    const hyperParams = { ...(s.setup.hyperParams[n.optimizer] ?? {}), lr: n.lr };
    s.startTraining(ticket.id);
    // A malformed progress message is dropped and stops the run: the view keeps what was well formed, and the error is named once.
    let malformed: Error | null = null;
    // checked as each message arrives, applied to the store at a bounded rate (progress-buffer.ts)
    const buffer = new ProgressBuffer((progress) => {
      if (!current()) return;
      store.getState().appendTraining(progress);
      // Training went on past a lost device: this notice replaces the backend's, naming the step.
      if (progress.note) store.getState().setNotice({ kind: 'info', text: progress.note });
    });
    try {
      let summary: TrainCurvatureSummary;
      try {
        summary = await worker().trainCurvature(
          { ...ticket, optimizer: n.optimizer, hyperParams, steps: n.steps, every: n.every, traceProbes: n.traceProbes, lanczosTol: 1e-4, seed: 0, ggn: n.ggn },
          proxy((p: TrainProgress) => {
            if (!current() || malformed) return;
            try {
              buffer.push(checkResult('training progress', trainProgressSchema, p));
            } catch (e) {
              malformed = e as Error;
              cancelNetwork();
            }
          }),
        );
      } finally {
        // every well-formed point lands before the summary (or the error) does
        if (current()) buffer.flush();
        else buffer.discard();
      }
      if (!current()) return;
      if (malformed) throw malformed;
      checkResult('training', trainCurvatureSummarySchema, summary);
      const cancelled = summary.reason === 'cancelled';
      store.getState().finishTraining(summary, cancelled);
      // losses[0] is the start, so the last step taken is one less than their count.
      if (cancelled) throw new Error(`cancelled at step ${Math.max(0, summary.losses.length - 1)}`);
    } catch (e) {
      if (current() && store.getState().training.status === 'running') store.getState().finishTraining(null, true);
      throw e;
    }
  });
}

export function computeInterpolation(): Promise<void> {
  return guarded('interpolation', async (ticket, current) => {
    const n = store.getState().network;
    const line = checkResult('interpolation', interpolationLineSchema, await worker().networkInterpolate({ ...ticket, held: held(), from: n.interpFrom, to: n.interpTo, points: 81, extend: 0.25 }));
    if (current()) store.getState().setInterpolation(line);
  });
}

export function computeDensity(): Promise<void> {
  return guarded('density', async (ticket, current) => {
    const n = store.getState().network;
    const d = checkResult(
      'density',
      networkDensitySchema,
      await worker().spectralDensity({ ...ticket, held: held(), at: n.at, probes: n.densityProbes, steps: n.densitySteps, runs: n.densityRuns, seed: 0, ggn: n.densityGgn }),
    );
    if (!current()) return;
    store.getState().setDensity(d);
    if (d.note) store.getState().setNotice({ kind: 'info', text: d.note });
  });
}

export function computeMiniBatch(): Promise<void> {
  return guarded('minibatch', async (ticket, current) => {
    const n = store.getState().network;
    const m = checkResult('mini-batch', miniBatchSharpnessSchema, await worker().miniBatchSharpness({ ...ticket, held: held(), at: n.at, batchSize: n.batchSize, batches: n.batches, seed: 0 }));
    if (current()) store.getState().setMiniBatch(m);
  });
}

export function computeHessian(): Promise<void> {
  return guarded('hessian', async (ticket, current) => {
    const n = store.getState().network;
    const h = checkResult('Hessian', hessianReportSchema, await worker().hessianBlocks({ ...ticket, held: held(), at: n.at, traceProbes: n.traceProbes, seed: 0 }));
    if (current()) store.getState().setHessian(h);
  });
}

/** H beside G at the analysed point: three eigenvalues at each end of each, to Lanczos tolerance 1e-4. */
export function computeCurvatureMatrix(): Promise<void> {
  return guarded('curvatureMatrix', async (ticket, current) => {
    const n = store.getState().network;
    const c = checkResult('curvature matrix', curvatureMatrixReportSchema, await worker().curvatureMatrix({ ...ticket, held: held(), at: n.at, k: 3, tol: 1e-4, seed: 0 }));
    if (current()) store.getState().setCurvatureMatrix(c);
  });
}
