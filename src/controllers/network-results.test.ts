import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrainProgress } from '../protocol/network';
import { useAppStore } from '../state/store';

/** A worker that answers with whatever the test hands it: well formed or not. */
const answers: Record<string, unknown> = {};
const progress: TrainProgress[] = [];
const cancels: number[] = [];
vi.mock('./worker-link', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-link')>();
  return {
    ...real,
    proxy: <T>(x: T) => x,
    worker: () => ({
      hessianBlocks: async () => answers.hessian,
      trainCurvature: async (_req: unknown, onProgress: (p: TrainProgress) => void) => {
        for (const p of progress) onProgress(p);
        return answers.training;
      },
      networkCancel: () => void cancels.push(1),
    }),
  };
});
vi.mock('./problem', () => ({ ensureProblem: async () => true }));

const point = {
  step: 0, loss: 0.69, gradNorm: 0.1, lambdaMax: 0.8, lambdaMin: -0.01, residualMax: 1e-5, residualMin: 1e-5, converged: true,
  trace: 2.1, traceStdError: 0.3, traceProbes: 3, traceExact: null, lanczosHvps: 12, warmStarted: false, coldLanczosHvps: null, hvps: 15,
};
const summary = {
  optimizer: 'sgd', hyperParams: { lr: 0.5 }, edgeOfStability: 4, warmStart: { warmHvps: 0, coldHvps: null, points: 1 },
  curvatureHvps: 15, losses: [0.69, 0.68], reason: 'max iterations', dim: 41,
};

beforeEach(() => {
  useAppStore.getState().resetNetworkResults(null);
  progress.length = 0;
  cancels.length = 0;
});

describe('Network-mode results are checked where they arrive', () => {
  it('a Hessian whose matrix is not dim x dim becomes one error in the store, and nothing reaches the view', async () => {
    const { computeHessian } = await import('./network');
    answers.hessian = { matrix: [1, 2, 3], dim: 2, blocks: [], boundaries: [0, 2], layers: [], hvps: 4 };
    await computeHessian();
    const s = useAppStore.getState();
    expect(s.hessian).toBeNull();
    expect(s.netBusy.hessian).toBe(false);
    expect(s.netErrors.hessian).toBe('malformed Hessian result from the worker: matrix: matrix is not dim x dim');
  });

  it('a well-formed Hessian is stored as sent', async () => {
    const { computeHessian } = await import('./network');
    answers.hessian = { matrix: [2, 0, 0, 1], dim: 2, blocks: [], boundaries: [0, 2], layers: [], hvps: 4 };
    await computeHessian();
    expect(useAppStore.getState().hessian).toBe(answers.hessian);
    expect(useAppStore.getState().netErrors.hessian).toBeUndefined();
  });

  it('a malformed training progress message stops the run: the good points stay, the error is named once', async () => {
    const { trainCurvature } = await import('./network');
    progress.push({ points: [point], edgeOfStability: 4, step: 0, loss: NaN });
    progress.push({ points: [{ ...point, step: 5, lambdaMax: 'x' as unknown as number }], edgeOfStability: 4, step: 5, loss: 0.6 });
    progress.push({ points: [{ ...point, step: 10 }], edgeOfStability: 4, step: 10, loss: 0.5 });
    answers.training = summary;
    await trainCurvature();
    const s = useAppStore.getState();
    expect(s.training.points.map((p) => p.step)).toEqual([0]);
    expect(s.training.status).toBe('cancelled');
    expect(cancels).toHaveLength(1);
    expect(s.netErrors.training).toBe('malformed training progress result from the worker: points.0.lambdaMax: expected a number');
  });

  it('a summary without its losses is refused; with them (and NaN among them) it is applied', async () => {
    const { trainCurvature } = await import('./network');
    answers.training = { ...summary, losses: undefined };
    await trainCurvature();
    expect(useAppStore.getState().netErrors.training).toMatch(/^malformed training result from the worker: losses: /);
    answers.training = { ...summary, losses: [0.69, NaN] };
    await trainCurvature();
    expect(useAppStore.getState().training.status).toBe('done');
    expect(useAppStore.getState().training.summary).toBe(answers.training);
    expect(useAppStore.getState().netErrors.training).toBeUndefined();
  });
});

describe('Network-mode training past a lost device', () => {
  it('keeps the points before the loss, appends those after, and names the step and backend in the panel and the notice', async () => {
    const { trainCurvature } = await import('./network');
    const words = "WebGPU device lost at step 7; continued on wasm from the parameters at step 7 (sgd's optimizer state re-created there, not carried)";
    progress.push({ points: [point, { ...point, step: 5 }], edgeOfStability: 4, step: 7, loss: 0.6 });
    progress.push({ points: [], edgeOfStability: 4, step: 7, loss: 0.6, note: words });
    progress.push({ points: [{ ...point, step: 10 }], edgeOfStability: 4, step: 10, loss: 0.5 });
    answers.training = { ...summary, losses: Array.from({ length: 11 }, (_, k) => 0.69 - 0.01 * k), notes: [words] };
    await trainCurvature();
    const s = useAppStore.getState();
    expect(s.training.points.map((p) => p.step)).toEqual([0, 5, 10]);
    expect(s.training.notes).toEqual([words]);
    expect(s.training.status).toBe('done');
    expect(s.training.summary?.notes).toEqual([words]);
    expect(s.notice).toEqual({ kind: 'info', text: words });
    expect(s.netErrors.training).toBeUndefined();
  });
});
